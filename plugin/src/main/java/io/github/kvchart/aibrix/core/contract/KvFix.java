package io.github.kvchart.aibrix.core.contract;

import java.util.LinkedHashMap;
import java.util.Map;

/** The exact {@code --kv-events-config} a manifest should carry, for fixes that name it. */
public final class KvFix {
  private KvFix() {}

  /** The JSON with the gateway's ports and the given buffer steps and topic. */
  public static String configJson(KvContract contract, long bufferSteps, String topic) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("enable_kv_cache_events", true);
    config.put("publisher", "zmq");
    config.put("endpoint", "tcp://*:" + contract.eventPort());
    config.put("replay_endpoint", "tcp://*:" + contract.replayPort());
    config.put("buffer_steps", bufferSteps);
    config.put("topic", topic);
    return io.github.kvchart.aibrix.core.Json.compact(config);
  }

  /** The flag and its value, as it goes into args. */
  public static String flag(KvContract contract, long bufferSteps, String topic) {
    return contract.kvEventsFlag() + " '" + configJson(contract, bufferSteps, topic) + "'";
  }

  /** The default fix: buffer_steps 10000, topic kv-events. */
  public static String defaultFlag(KvContract contract) {
    return flag(contract, 10_000, "kv-events");
  }
}
