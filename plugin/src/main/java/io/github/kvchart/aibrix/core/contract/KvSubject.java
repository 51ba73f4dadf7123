package io.github.kvchart.aibrix.core.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * The vLLM container of one model pod, with what it says about KV events: the parsed {@code
 * --kv-events-config} (after $(VAR) expansion) and whether KV events are intended. They count as
 * intended when the pod carries the KV label, or any KV flag or env var is present, real or not.
 *
 * @param config the parsed JSON, or null when absent or unparsable
 * @param configError why the JSON could not be read, or null
 */
public record KvSubject(
    PodTemplate pod,
    VllmContainer container,
    VllmContainer.Flag configFlag,
    JsonNode config,
    String configError,
    List<String> unverifiable,
    boolean intended) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Every model pod's vLLM container (or first container) in {@code manifests} (computed once per
   * set).
   */
  public static List<KvSubject> of(ManifestSet manifests, KvContract contract) {
    return manifests.subjects(contract);
  }

  static List<KvSubject> compute(ManifestSet manifests, KvContract contract) {
    List<KvSubject> subjects = new ArrayList<>();
    for (PodTemplate pod : manifests.modelPods(contract)) {
      List<VllmContainer> containers = pod.containers();
      if (containers.isEmpty()) {
        continue;
      }
      VllmContainer container =
          containers.stream().filter(VllmContainer::isVllm).findFirst().orElse(containers.get(0));
      subjects.add(of(pod, container, contract));
    }
    return subjects;
  }

  /** The subject for one container of one pod. */
  public static KvSubject of(PodTemplate pod, VllmContainer container, KvContract contract) {
    VllmContainer.Flag flag = container.flag(contract.kvEventsFlag()).orElse(null);
    JsonNode config = null;
    String error = null;
    List<String> unverifiable = List.of();
    if (flag != null) {
      if (flag.value() == null) {
        error = contract.kvEventsFlag() + " has no value";
      } else {
        VllmContainer.Expansion expansion = container.expand(flag.value());
        unverifiable = expansion.unverifiable();
        try {
          config = ConfigCache.parse(expansion.text());
          if (config == null || !config.isObject()) {
            error = "the value is not a JSON object";
            config = null;
          }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          error = "the value is not valid JSON (" + e.getOriginalMessage().split("\n")[0] + ")";
        }
      }
    }
    boolean intended =
        flag != null
            || !pod.label(contract.label("kvEventsEnabled")).isMissingNode()
            || container.flags().stream()
                .anyMatch(f -> contract.unknownFlags().containsKey(f.name()))
            || container.env().keySet().stream()
                .anyMatch(
                    n -> contract.ignoredEnv().containsKey(n) || n.startsWith("VLLM_KV_EVENTS_"));
    return new KvSubject(pod, container, flag, config, error, unverifiable, intended);
  }

  /**
   * Whether the config switches events on and publishes with zmq (the only way they reach the
   * gateway).
   */
  public boolean publishes() {
    return config != null
        && config.path("enable_kv_cache_events").asBoolean(false)
        && "zmq".equals(config.path("publisher").asText());
  }

  /** The port of a tcp://host:port endpoint in the config, or -1. */
  public int port(String key) {
    if (config == null || !config.path(key).isTextual()) {
      return -1;
    }
    String endpoint = config.path(key).asText();
    int colon = endpoint.lastIndexOf(':');
    try {
      return colon < 0 ? -1 : Integer.parseInt(endpoint.substring(colon + 1));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Where a violation about the config points: its value in the args, else the container. */
  public String configPointer() {
    return configFlag != null ? configFlag.valuePointer() : container.pointer();
  }
}
