package io.github.kvchart.aibrix.core.probe;

import io.github.kvchart.aibrix.core.InvalidInputException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

  private static final Pattern TCP =
      Pattern.compile("tcp://(\\[[0-9a-fA-F:.]+]|[^:/\\s\\[\\]]+):(\\d{1,5})");

  /**
   * A request from user input: a tcp://host:port endpoint; the replay endpoint given, {@code none}
   * (no replay check), or unset (the same host on {@code defaultReplayPort}).
   */
  public static ProbeRequest parse(
      String endpoint,
      String replayEndpoint,
      int timeoutSeconds,
      int batches,
      int defaultReplayPort)
      throws InvalidInputException {
    Matcher event = tcp(endpoint, "aibrix-chart.probe.endpoint");
    String replay;
    if (replayEndpoint == null || replayEndpoint.isBlank()) {
      replay = "tcp://" + event.group(1) + ":" + defaultReplayPort;
    } else if (replayEndpoint.trim().equalsIgnoreCase("none")) {
      replay = null;
    } else {
      replay = tcp(replayEndpoint, "aibrix-chart.probe.replayEndpoint").group();
    }
    if (timeoutSeconds < 1 || timeoutSeconds > 86_400) {
      throw new InvalidInputException(
          null,
          "aibrix-chart.probe.timeout " + timeoutSeconds + " is out of range.",
          "Give the seconds to wait, 1 to 86400 (default 30).");
    }
    if (batches < 1 || batches > MAX_BATCHES) {
      throw new InvalidInputException(
          null,
          "aibrix-chart.probe.batches " + batches + " is out of range.",
          "Give how many batches to wait for, 1 to " + MAX_BATCHES + " (default 20).");
    }
    return new ProbeRequest(event.group(), replay, Duration.ofSeconds(timeoutSeconds), batches);
  }

  private static Matcher tcp(String text, String property) throws InvalidInputException {
    Matcher matcher = TCP.matcher(text == null ? "" : text.trim());
    if (!matcher.matches() || Integer.parseInt(matcher.group(2)) > 65_535) {
      throw new InvalidInputException(
          null,
          property + " '" + text + "' is not a tcp://host:port address.",
          "Forward the pod's ports (kubectl port-forward pod/NAME 5557 5558) and use"
              + " tcp://127.0.0.1:5557, or give the pod's address, e.g. tcp://10.0.3.7:5557.");
    }
    return matcher;
  }

  /** How long the replay check waits for the end marker. */
  public Duration replayTimeout() {
    return timeout.compareTo(Duration.ofSeconds(10)) < 0 ? timeout : Duration.ofSeconds(10);
  }
}
