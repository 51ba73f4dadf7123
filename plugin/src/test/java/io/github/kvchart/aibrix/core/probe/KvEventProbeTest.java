package io.github.kvchart.aibrix.core.probe;

import static io.github.kvchart.aibrix.core.probe.Batches.cleared;
import static io.github.kvchart.aibrix.core.probe.Batches.removed;
import static io.github.kvchart.aibrix.core.probe.Batches.stored;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The probe against an in-test publisher on loopback that behaves as vLLM's does, and worse. */
@Timeout(60)
class KvEventProbeTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  /**
   * Long enough for one stalled ZeroMQ handshake to be dropped (after 2 s) and retried, so that a
   * test waiting for nothing (or for a replay that never comes) cannot fail on a slow connect.
   */
  private static final Duration SHORT = Duration.ofSeconds(6);

  private static byte[] mixed(WireFormat format) {
    return Batches.batch(
        format,
        0L,
        List.of(
            stored(List.of(11L, 12L), null, 32, 16),
            stored(List.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}), 12L, 16, 16),
            removed(List.of(11L)),
            cleared()));
  }

  private static CompletableFuture<Observation> probe(ProbeRequest request) {
    return ProbeThread.start(request);
  }

  /** Probes {@code batches} batches of {@code format} from a publisher with replay. */
  private static Observation publishAndProbe(
      TestPublisher publisher, ProbeRequest request, int batches, WireFormat format)
      throws Exception {
    CompletableFuture<Observation> running = probe(request);
    publisher.awaitSubscriber(WAIT);
    for (int i = 0; i < batches; i++) {
      publisher.publish(mixed(format));
    }
    return running.get(30, TimeUnit.SECONDS);
  }

  private static ProbeRequest request(TestPublisher publisher, int batches) {
    return new ProbeRequest(publisher.endpoint(), publisher.replayEndpoint(), WAIT, batches);
  }

  private static ProbeReport report(ProbeRequest request, Observation seen) {
    return new ProbeReport(request, seen, "AIBrix v0.7.0", false, true);
  }

  private static List<String> failures(ProbeReport report) {
    return report.failures().stream().map(ProbeReport.Failure::id).toList();
  }

  @Test
  void arraysWithReplayPassAndAreCountedByKindTopicRankAndBlockSize() throws Exception {
    try (TestPublisher publisher = new TestPublisher(true)) {
      ProbeRequest request = request(publisher, 5);
      Observation seen = publishAndProbe(publisher, request, 5, WireFormat.ARRAYS);
      ProbeReport report = report(request, seen);
      assertEquals(List.of(), report.failures(), report.summary());
      assertEquals(5, seen.batches());
      assertEquals(20, seen.events());
      assertEquals(
          Map.of("AllBlocksCleared", 5L, "BlockRemoved", 5L, "BlockStored", 10L),
          seen.eventsByKind());
      assertEquals(Map.of("arrays", 5L), seen.batchesByFormat());
      assertEquals(java.util.Set.of("kv-events"), seen.topics());
      assertEquals(java.util.Set.of(0L), seen.ranks());
      assertEquals(java.util.Set.of(16L), seen.blockSizes());
      assertEquals("ok", seen.replayStatus());
      assertEquals(5, seen.replayReplies());
      assertEquals(5, seen.replayMatched());
      assertEquals(0, seen.gaps());
      assertTrue(report.summary().endsWith(". OK"), report.summary());
      // AIBrix v0.4.x and v0.5.x decode maps of their own layout, not vLLM's arrays
      assertEquals(
          List.of("wire-format"),
          failures(new ProbeReport(request, seen, "AIBrix v0.5.0", false, false)));
      String json = report.json();
      assertTrue(json.contains("\"passed\" : true"), json);
      assertTrue(json.contains("\"int\" : 20"), json);
      assertTrue(json.contains("\"bytes\" : 5"), json);
    }
  }

  @Test
  void mapsFailForAGatewayThatDecodesArraysOnly() throws Exception {
    try (TestPublisher publisher = new TestPublisher(true)) {
      ProbeRequest request = request(publisher, 3);
      Observation seen = publishAndProbe(publisher, request, 3, WireFormat.MAPS);
      assertEquals(Map.of("maps", 3L), seen.batchesByFormat());
      assertEquals(12, seen.events());
      assertEquals("ok", seen.replayStatus());
      assertEquals(List.of("wire-format"), failures(report(request, seen)));
      assertEquals(
          List.of(),
          failures(new ProbeReport(request, seen, "AIBrix v9.9.9", true, true)),
          "a release that reads maps");
    }
  }

  @Test
  void aGapAndARestartAreReportedAndReplayStartsAfterTheRestart() throws Exception {
    try (TestPublisher publisher = new TestPublisher(true)) {
      ProbeRequest request = request(publisher, 6);
      CompletableFuture<Observation> running = probe(request);
      publisher.awaitSubscriber(WAIT);
      publisher.publish(mixed(WireFormat.ARRAYS)); // 0
      publisher.publish(mixed(WireFormat.ARRAYS)); // 1
      publisher.skip(3); // 2, 3, 4 lost
      publisher.publish(mixed(WireFormat.ARRAYS)); // 5
      publisher.restartSequence();
      publisher.publish(mixed(WireFormat.ARRAYS)); // 0 again
      publisher.publish(mixed(WireFormat.ARRAYS)); // 1
      publisher.publish(mixed(WireFormat.ARRAYS)); // 2
      Observation seen = running.get(30, TimeUnit.SECONDS);
      assertEquals(1, seen.gaps());
      assertEquals(3, seen.missedBatches());
      assertEquals(1, seen.resets());
      assertEquals("ok", seen.replayStatus(), report(request, seen).json());
      assertEquals(3, seen.replayReplies(), "replay asked from the first batch after the restart");
      ProbeReport report = report(request, seen);
      assertTrue(report.summary().contains("3 batch(es) missed in 1 gap(s)"), report.summary());
      assertTrue(report.summary().contains("sequence reset 1x"), report.summary());
    }
  }

  @Test
  void garbageIsCountedAndNeverStopsTheProbe() throws Exception {
    try (TestPublisher publisher = new TestPublisher(true)) {
      ProbeRequest request = request(publisher, 7);
      CompletableFuture<Observation> running = probe(request);
      publisher.awaitSubscriber(WAIT);
      publisher.raw("kv".getBytes(), new byte[8]); // two frames
      publisher.raw("kv".getBytes(), new byte[4], mixed(WireFormat.ARRAYS)); // short sequence
      byte[] good = mixed(WireFormat.ARRAYS);
      publisher.publish(java.util.Arrays.copyOf(good, good.length / 2)); // truncated
      publisher.publish(new byte[] {(byte) 0xc1}); // never-used msgpack byte
      publisher.publish(
          Batches.batch(
              WireFormat.ARRAYS, 0L, List.of(new Batches.Event("BlockMoved", List.of()))));
      // 10 MB: one BlockStored with 2.5 million token ids in whole blocks of 16
      publisher.publish(
          Batches.batch(WireFormat.ARRAYS, 0L, List.of(stored(List.of(1L), null, 2_500_000, 16))));
      publisher.publish(good);
      publisher.publish(good);
      publisher.publish(good);
      Observation seen = running.get(30, TimeUnit.SECONDS);
      assertEquals(2, seen.malformedMessages());
      assertEquals(2, seen.malformedPayloads());
      assertEquals(7, seen.batches());
      assertEquals(1, seen.eventsByKind().get("BlockMoved"));
      List<String> failures = failures(report(request, seen));
      assertEquals(List.of("malformed", "gateway-decode"), failures);
    }
  }

  @Test
  void aFloodEndsAtTheBatchCount() throws Exception {
    try (TestPublisher publisher = new TestPublisher(false)) {
      ProbeRequest request = new ProbeRequest(publisher.endpoint(), null, WAIT, 1000);
      CompletableFuture<Observation> running = probe(request);
      publisher.awaitSubscriber(WAIT);
      byte[] batch = mixed(WireFormat.ARRAYS);
      for (int i = 0; i < 200_000 && !running.isDone(); i++) {
        publisher.publish(batch);
      }
      Observation seen = running.get(30, TimeUnit.SECONDS);
      assertEquals(1000, seen.batches());
      assertEquals("skipped", seen.replayStatus());
    }
  }

  @Test
  void nothingListeningIsUnreachable() {
    ProbeRequest request =
        new ProbeRequest("tcp://127.0.0.1:" + freePort(), null, Duration.ofSeconds(1), 1);
    Observation seen = new KvEventProbe(request).run();
    ProbeReport report = report(request, seen);
    assertEquals(List.of("unreachable"), failures(report));
    assertTrue(report.failures().get(0).hint().contains("tcp://*:5557"));
    assertTrue(report.summary().contains("not connected"), report.summary());
  }

  @Test
  void aSilentPublisherIsNoBatch() throws Exception {
    try (TestPublisher publisher = new TestPublisher(true)) {
      ProbeRequest request =
          new ProbeRequest(publisher.endpoint(), publisher.replayEndpoint(), SHORT, 1);
      Observation seen = new KvEventProbe(request).run();
      ProbeReport report = report(request, seen);
      assertEquals(List.of("no-batch"), failures(report));
      assertTrue(report.failures().get(0).hint().contains("send a request"));
      assertEquals("not-checked", seen.replayStatus());
    }
  }

  @Test
  void replayThatIsOffOrWrongFails() throws Exception {
    try (TestPublisher publisher = new TestPublisher(false)) {
      ProbeRequest request =
          new ProbeRequest(publisher.endpoint(), publisher.replayEndpoint(), SHORT, 2);
      Observation seen = publishAndProbe(publisher, request, 2, WireFormat.ARRAYS);
      assertEquals("missing", seen.replayStatus());
      assertEquals(List.of("replay-missing"), failures(report(request, seen)));
    }
    try (TestPublisher publisher = new TestPublisher(true)) {
      publisher.replayWrongly();
      ProbeRequest request = request(publisher, 2);
      Observation seen = publishAndProbe(publisher, request, 2, WireFormat.ARRAYS);
      assertEquals("wrong", seen.replayStatus());
      assertEquals(List.of("replay-wrong"), failures(report(request, seen)));
    }
  }

  @Test
  void aDroppedConnectionIsReconnectedAndReported() throws Exception {
    try (TestPublisher publisher = new TestPublisher(true)) {
      ProbeRequest request = request(publisher, 4);
      CompletableFuture<Observation> running = probe(request);
      publisher.awaitSubscriber(WAIT);
      publisher.publish(mixed(WireFormat.ARRAYS));
      publisher.publish(mixed(WireFormat.ARRAYS));
      publisher.rebind();
      publisher.awaitSubscriber(WAIT);
      publisher.publish(mixed(WireFormat.ARRAYS));
      publisher.publish(mixed(WireFormat.ARRAYS));
      Observation seen = running.get(30, TimeUnit.SECONDS);
      assertEquals(4, seen.batches());
      assertTrue(seen.reconnects() >= 1, "reconnects " + seen.reconnects());
      ProbeReport report = report(request, seen);
      assertTrue(report.summary().contains("reconnected"), report.summary());
      assertFalse(report.json().contains("\"reconnects\" : 0"));
    }
  }

  @Test
  void aFrameOverTheSizeLimitDropsTheConnectionWhichComesBack() throws Exception {
    try (TestPublisher publisher = new TestPublisher(false)) {
      ProbeRequest request = new ProbeRequest(publisher.endpoint(), null, WAIT, 2);
      CompletableFuture<Observation> running = probe(request);
      publisher.awaitSubscriber(WAIT);
      publisher.raw("kv".getBytes(), new byte[8], new byte[(int) ProbeRequest.MAX_FRAME_BYTES + 1]);
      publisher.awaitSubscriber(WAIT); // the probe reconnected and subscribed again
      publisher.publish(mixed(WireFormat.ARRAYS));
      publisher.publish(mixed(WireFormat.ARRAYS));
      Observation seen = running.get(30, TimeUnit.SECONDS);
      assertEquals(2, seen.batches());
      assertTrue(seen.reconnects() >= 1, "reconnects " + seen.reconnects());
    }
  }

  private static int freePort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
