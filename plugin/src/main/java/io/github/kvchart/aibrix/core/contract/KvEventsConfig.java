package io.github.kvchart.aibrix.core.contract;

import io.github.kvchart.aibrix.core.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The value of vLLM's one KV-event flag, {@code --kv-events-config}: the only place its JSON is
 * built, for args mode, env mode ($(VAR) references), fix messages and the migration script.
 *
 * @param replayPort null when replay is off
 */
public record KvEventsConfig(
    String publisher, long eventPort, Long replayPort, long bufferSteps, long hwm, String topic) {

  /** The env entries of env mode, in the order they are written. */
  public static final String PUBLISHER_ENV = "KV_EVENTS_PUBLISHER";

  public static final String ENDPOINT_ENV = "KV_EVENTS_ENDPOINT";
  public static final String REPLAY_ENDPOINT_ENV = "KV_EVENTS_REPLAY_ENDPOINT";
  public static final String BUFFER_STEPS_ENV = "KV_EVENTS_BUFFER_STEPS";
  public static final String HWM_ENV = "KV_EVENTS_HWM";
  public static final String TOPIC_ENV = "KV_EVENTS_TOPIC";

  /** What fixes suggest: zmq on the gateway's ports, vLLM's buffer and hwm, topic kv-events. */
  public static KvEventsConfig recommended(KvContract contract) {
    return new KvEventsConfig(
        contract.publisher(),
        contract.eventPort(),
        (long) contract.replayPort(),
        10_000,
        100_000,
        "kv-events");
  }

  /** The same settings with other buffer steps and topic. */
  public KvEventsConfig withBufferAndTopic(long steps, String newTopic) {
    return new KvEventsConfig(publisher, eventPort, replayPort, steps, hwm, newTopic);
  }

  public String endpoint() {
    return "tcp://*:" + eventPort;
  }

  public String replayEndpoint() {
    return replayPort == null ? null : "tcp://*:" + replayPort;
  }

  /** The JSON with every setting written in. */
  public String json() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("enable_kv_cache_events", true);
    config.put("publisher", publisher);
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
   * The JSON of env mode: each setting is a {@code $(VAR)} reference that Kubernetes expands from
   * the container's env (see {@link #envEntries()}) before vLLM starts.
   */
  public String envReferenceJson() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("enable_kv_cache_events", true);
    config.put("publisher", "$(" + PUBLISHER_ENV + ")");
    config.put("endpoint", "$(" + ENDPOINT_ENV + ")");
    if (replayPort != null) {
      config.put("replay_endpoint", "$(" + REPLAY_ENDPOINT_ENV + ")");
    }
    String json = Json.compact(config);
    return json.substring(0, json.length() - 1)
        + ",\"buffer_steps\":$("
        + BUFFER_STEPS_ENV
        + "),\"hwm\":$("
        + HWM_ENV
        + "),\"topic\":\"$("
        + TOPIC_ENV
        + ")\"}";
  }

  /**
   * The env entries env mode sets, name to value, exactly as they go into the manifest. String
   * values are JSON-escaped (they land inside JSON quotes) and every {@code $} is doubled so that
   * Kubernetes' own $(VAR) expansion leaves them literal.
   */
  public Map<String, String> envEntries() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(PUBLISHER_ENV, envString(publisher));
    env.put(ENDPOINT_ENV, envString(endpoint()));
    if (replayPort != null) {
      env.put(REPLAY_ENDPOINT_ENV, envString(replayEndpoint()));
    }
    env.put(BUFFER_STEPS_ENV, Long.toString(bufferSteps));
    env.put(HWM_ENV, Long.toString(hwm));
    env.put(TOPIC_ENV, envString(topic));
    return env;
  }

  /** The flag and its value as a shell word list: {@code --kv-events-config '<json>'}. */
  public String flag(KvContract contract) {
    return contract.kvEventsFlag() + " '" + json() + "'";
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
