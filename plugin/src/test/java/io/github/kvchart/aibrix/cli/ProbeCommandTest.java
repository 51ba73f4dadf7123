package io.github.kvchart.aibrix.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kvchart.aibrix.core.probe.Batches;
import io.github.kvchart.aibrix.core.probe.TestPublisher;
import io.github.kvchart.aibrix.core.probe.WireFormat;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The probe command: the goal's verdict and report, exit codes 0, 1 and 2. */
@Timeout(60)
class ProbeCommandTest extends CommandLineTest {

  @Test
  void eventsThatFlowExitZeroWithTheReport() throws Exception {
    try (TestPublisher publisher = new TestPublisher(true)) {
      CompletableFuture<Integer> code =
          CompletableFuture.supplyAsync(
              () ->
                  run(
                      "probe",
                      "--endpoint",
                      publisher.endpoint(),
                      "--replay-endpoint=" + publisher.replayEndpoint(),
                      "--batches",
                      "3",
                      "--timeout",
                      "20",
                      "--reports-dir",
                      temp.toString()),
              runnable -> new Thread(runnable, "cli-probe").start());
      publisher.awaitSubscriber(Duration.ofSeconds(20));
      byte[] batch =
          Batches.batch(WireFormat.ARRAYS, 0L, List.of(Batches.stored(List.of(1L), null, 16, 16)));
      for (int i = 0; i < 3; i++) {
        publisher.publish(batch);
      }
      assertEquals(0, code.get(30, TimeUnit.SECONDS), out() + cli.err());
      assertTrue(out().contains("3 batches, 3 events (BlockStored 3)"), out());
      assertTrue(out().contains("replay ok"), out());
      assertTrue(Files.readString(temp.resolve("probe.json")).contains("\"passed\" : true"));
    }
  }

  @Test
  void anUnreachablePodExitsOneWithHints() throws Exception {
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    assertEquals(
        1,
        run(
            "probe",
            "--endpoint",
            "tcp://127.0.0.1:" + port,
            "--timeout",
            "1",
            "--format",
            "json"));
    assertTrue(out().contains("\"id\" : \"unreachable\""), out());
  }

  @Test
  void badUsageExitsTwo() {
    assertEquals(2, run("probe", "--endpoint", "localhost:5557"));
    assertTrue(cli.err().contains("is not a tcp://host:port address"));
    assertEquals(2, run("probe", "--batches", "0"));
    assertEquals(2, run("probe", "--format", "sarif"));
    assertEquals(2, run("probe", "--nope"));
    assertEquals(0, run("probe", "--help"));
    assertTrue(out().contains("Usage: java -jar aibrix-chart-maven-plugin-cli.jar probe"));
  }
}
