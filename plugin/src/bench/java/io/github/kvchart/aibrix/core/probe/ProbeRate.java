package io.github.kvchart.aibrix.core.probe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * How many events a second the probe takes from a local publisher on loopback, and whether it
 * missed any: the in-test publisher sends batches of 10 events (8 BlockStored of one 16-token
 * block, 2 BlockRemoved) as fast as it can, with vLLM's send high-water mark or more.
 */
public final class ProbeRate {
  /** The result of one run. */
  public record Rate(long events, double eventsPerSecond, long gaps, long missedBatches) {}

  private ProbeRate() {}

  public static Rate measure(int batches) throws Exception {
    List<Batches.Event> events = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      events.add(Batches.stored(List.of(1000L + i), 999L + i, 16, 16));
    }
    events.add(Batches.removed(List.of(1000L)));
    events.add(Batches.removed(List.of(1001L)));
    byte[] payload = Batches.batch(WireFormat.ARRAYS, 0L, events);
    try (TestPublisher publisher = new TestPublisher(false)) {
      ProbeRequest request =
          new ProbeRequest(publisher.endpoint(), null, Duration.ofSeconds(60), batches);
      CompletableFuture<Observation> result = ProbeThread.start(request);
      publisher.awaitSubscriber(Duration.ofSeconds(10));
      for (int i = 0; i < batches; i++) {
        publisher.publish(payload);
      }
      Observation seen = result.get(90, TimeUnit.SECONDS);
      double seconds = (seen.elapsedMillis() - seen.firstBatchMillis) / 1000.0;
      return new Rate(
          seen.events(),
          seen.events() / Math.max(seconds, 0.001),
          seen.gaps(),
          seen.missedBatches());
    }
  }
}
