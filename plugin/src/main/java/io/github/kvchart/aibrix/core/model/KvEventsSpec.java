package io.github.kvchart.aibrix.core.model;

import io.github.kvchart.aibrix.core.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's KV-event settings under the design's names, and their mapping onto the one flag vLLM
 * really has: {@code --kv-events-config '<json>'}.
 *
 * @param replayPort null when replay is off
 */
public record KvEventsSpec(
    boolean enabled,
    String publisherType,
    long eventPort,
    Long replayPort,
    long bufferSteps,
    String topic,
    long hwm) {

  /** The env entries of env mode, in order: name and value. */
  public static final List<String> ENV_NAMES =
      List.of(
          "KV_EVENTS_PUBLISHER",
          "KV_EVENTS_ENDPOINT",
          "KV_EVENTS_REPLAY_ENDPOINT",
          "KV_EVENTS_BUFFER_STEPS",
          "KV_EVENTS_HWM",
          "KV_EVENTS_TOPIC");

  public String endpoint() {
    return "tcp://*:" + eventPort;
  }

  public String replayEndpoint() {
    return replayPort == null ? null : "tcp://*:" + replayPort;
  }

  /** The {@code --kv-events-config} value with the settings written in. */
  public String configJson() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("enable_kv_cache_events", true);
    config.put("publisher", publisherType);
    config.put("endpoint", endpoint());
    if (replayPort != null) {
      config.put("replay_endpoint", replayEndpoint());
    }
    config.put("buffer_steps", bufferSteps);
    config.put("hwm", hwm);
    config.put("topic", topic);
    return Json.compact(config);
  }

  /**
   * The {@code --kv-events-config} value of env mode: every setting is a {@code $(VAR)} reference
   * that Kubernetes expands from the container's env before vLLM starts.
   */
  public String envConfigJson() {
    StringBuilder json = new StringBuilder("{\"enable_kv_cache_events\":true");
    json.append(",\"publisher\":\"$(KV_EVENTS_PUBLISHER)\"");
    json.append(",\"endpoint\":\"$(KV_EVENTS_ENDPOINT)\"");
    if (replayPort != null) {
      json.append(",\"replay_endpoint\":\"$(KV_EVENTS_REPLAY_ENDPOINT)\"");
    }
    json.append(",\"buffer_steps\":$(KV_EVENTS_BUFFER_STEPS)");
    json.append(",\"hwm\":$(KV_EVENTS_HWM)");
    json.append(",\"topic\":\"$(KV_EVENTS_TOPIC)\"}");
    return json.toString();
  }

  /**
   * The env entries env mode sets, name to value, exactly as they go into the manifest. String
   * values are JSON-escaped (they land inside JSON quotes) and every {@code $} is doubled so that
   * Kubernetes' own $(VAR) expansion leaves them literal.
   */
  public Map<String, String> envEntries() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("KV_EVENTS_PUBLISHER", envString(publisherType));
    env.put("KV_EVENTS_ENDPOINT", envString(endpoint()));
    if (replayPort != null) {
      env.put("KV_EVENTS_REPLAY_ENDPOINT", envString(replayEndpoint()));
    }
    env.put("KV_EVENTS_BUFFER_STEPS", Long.toString(bufferSteps));
    env.put("KV_EVENTS_HWM", Long.toString(hwm));
    env.put("KV_EVENTS_TOPIC", envString(topic));
    return env;
  }

  /** Doubles every {@code $}, so Kubernetes does not treat $(...) in a literal as a reference. */
  public static String escapeExpansion(String literal) {
    return literal.replace("$", "$$");
  }

  private static String envString(String value) {
    String json = Json.compact(value);
    return escapeExpansion(json.substring(1, json.length() - 1));
  }
}
