package io.github.kvchart.aibrix.core.probe;

import java.time.Duration;

/**
 * What to probe and how long.
 *
 * @param endpoint the event (PUB) endpoint, e.g. tcp://127.0.0.1:5557
 * @param replayEndpoint the replay (ROUTER) endpoint, or null to skip the replay check
 * @param timeout how long to wait for batches; the replay check then gets up to its own share
 * @param batches stop after this many batches
 */
public record ProbeRequest(String endpoint, String replayEndpoint, Duration timeout, int batches) {

  /** The most a single frame may hold; a larger one drops the connection (ZeroMQ's limit). */
  public static final long MAX_FRAME_BYTES = 16L * 1024 * 1024;

  /** Messages queued on a socket; with {@link #MAX_FRAME_BYTES} this bounds the probe's memory. */
  public static final int QUEUED_MESSAGES = 32;

  /** The most batches a probe waits for. */
  public static final int MAX_BATCHES = 10_000_000;

  public ProbeRequest {
    if (batches < 1 || batches > MAX_BATCHES) {
      throw new IllegalArgumentException("batches must be 1 to " + MAX_BATCHES);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
  }

  /** How long the replay check waits for the end marker. */
  public Duration replayTimeout() {
    return timeout.compareTo(Duration.ofSeconds(10)) < 0 ? timeout : Duration.ofSeconds(10);
  }
}
