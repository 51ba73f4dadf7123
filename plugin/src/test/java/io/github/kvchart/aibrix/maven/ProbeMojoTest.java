package io.github.kvchart.aibrix.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe goal's parameters, its report and its failures (the probe itself: KvEventProbeTest).
 */
class ProbeMojoTest {
  @TempDir Path temp;
  private final List<String> errors = new ArrayList<>();

  private ProbeMojo mojo() {
    ProbeMojo mojo = new ProbeMojo();
    mojo.setLog(
        new SystemStreamLog() {
          @Override
          public void error(CharSequence content) {
            errors.add(content.toString());
          }
        });
    mojo.basedir = temp.toFile();
    mojo.reportsDirectory = temp.resolve("reports").toFile();
    mojo.endpoint = "tcp://127.0.0.1:5557";
    mojo.timeout = 1;
    mojo.batches = 1;
    return mojo;
  }

  @Test
  void badParametersAreRefusedWithTheFix() {
    ProbeMojo mojo = mojo();
    mojo.endpoint = "127.0.0.1:5557";
    MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
    assertTrue(e.getMessage().contains("is not a tcp://host:port address"), e.getMessage());
    assertTrue(e.getMessage().contains("kubectl port-forward pod/NAME 5557 5558"), e.getMessage());

    mojo = mojo();
    mojo.timeout = 0;
    e = assertThrows(MojoFailureException.class, mojo::execute);
    assertTrue(e.getMessage().contains("aibrix-chart.probe.timeout 0 is out of range"));

    mojo = mojo();
    mojo.aibrixVersion = "latest";
    e = assertThrows(MojoFailureException.class, mojo::execute);
    assertTrue(e.getMessage().contains("aibrix-chart.aibrixVersion 'latest' is not a release"));
    assertFalse(Files.exists(temp.resolve("reports/probe.json")), "no probe, no report");
  }

  @Test
  void anUnreachablePodFailsWithHintsAndAReport() throws Exception {
    ProbeMojo mojo = mojo();
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      mojo.endpoint = "tcp://127.0.0.1:" + (socket.getLocalPort());
    }
    MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
    assertTrue(e.getMessage().startsWith("Probe failed: 1 problem(s)"), e.getMessage());
    assertTrue(errors.stream().anyMatch(l -> l.startsWith("unreachable: nothing accepted")));
    assertTrue(errors.stream().anyMatch(l -> l.contains("hint: ") && l.contains("tcp://*:5557")));
    String json = Files.readString(temp.resolve("reports/probe.json"));
    assertTrue(json.contains("\"passed\" : false"), json);
    assertTrue(json.contains("\"id\" : \"unreachable\""), json);
  }

  @Test
  void theReplayEndpointDefaultsToTheSameHostOn5558OrNone() throws Exception {
    assertEquals(
        "tcp://10.0.3.7:5558",
        io.github.kvchart.aibrix.core.probe.ProbeRequest.parse(
                "tcp://10.0.3.7:5557", null, 30, 20, 5558)
            .replayEndpoint());
    assertEquals(
        null,
        io.github.kvchart.aibrix.core.probe.ProbeRequest.parse(
                "tcp://[::1]:5557", "none", 30, 20, 5558)
            .replayEndpoint());
    assertEquals(
        "tcp://[::1]:5558",
        io.github.kvchart.aibrix.core.probe.ProbeRequest.parse("tcp://[::1]:5557", "", 30, 20, 5558)
            .replayEndpoint());
  }

  @Test
  void skip() throws Exception {
    ProbeMojo mojo = mojo();
    mojo.skip = true;
    mojo.endpoint = "not an endpoint";
    mojo.execute();
    assertFalse(Files.exists(temp.resolve("reports")));
  }
}
