package io.github.kvchart.aibrix.core.contract;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.Json;
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
    List<VllmContainer.Flag> dotted = container.dottedFlags(contract.kvEventsFlag());
    JsonNode config = null;
    String error = null;
    List<String> unverifiable = List.of();
    if (!dotted.isEmpty()) {
      // vLLM merges the dotted keys into one JSON object and passes it after every other
      // argument, so it replaces a whole --kv-events-config given as well.
      List<String> missing = new ArrayList<>();
      config = dottedConfig(container, dotted, contract.kvEventsFlag(), missing);
      unverifiable = missing;
      flag = dotted.get(0);
      if (config == null) {
        error = "a dotted " + contract.kvEventsFlag() + ".<key> flag has no value";
      }
    } else if (flag != null) {
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

  /** The object vLLM builds from {@code --flag.key value} flags (JSON values, else strings). */
  private static JsonNode dottedConfig(
      VllmContainer container,
      List<VllmContainer.Flag> dotted,
      String name,
      List<String> unverifiable) {
    com.fasterxml.jackson.databind.node.ObjectNode root = Json.object();
    for (VllmContainer.Flag flag : dotted) {
      if (flag.value() == null) {
        return null;
      }
      VllmContainer.Expansion expansion = container.expand(flag.value());
      unverifiable.addAll(expansion.unverifiable());
      String[] keys = flag.name().substring(name.length() + 1).split("\\.");
      com.fasterxml.jackson.databind.node.ObjectNode parent = root;
      for (int i = 0; i < keys.length - 1; i++) {
        JsonNode child = parent.path(keys[i]);
        parent =
            child.isObject()
                ? (com.fasterxml.jackson.databind.node.ObjectNode) child
                : parent.putObject(keys[i]);
      }
      JsonNode value;
      try {
        value = Json.read(expansion.text());
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        value = null;
      }
      parent.set(
          keys[keys.length - 1],
          value == null || value.isMissingNode()
              ? com.fasterxml.jackson.databind.node.TextNode.valueOf(expansion.text())
              : value);
    }
    return root;
  }

  /**
   * Whether the config switches events on and publishes with zmq (the only way they reach the
   * gateway).
   */
  public boolean publishes(KvContract contract) {
    return config != null
        && config.path("enable_kv_cache_events").asBoolean(false)
        && (contract.publisher().equals(config.path("publisher").asText())
            || (!config.has("publisher") && publisherDefaults(contract)));
  }

  /** Whether the image is new enough that a missing "publisher" means zmq (v0.11 on). */
  private boolean publisherDefaults(KvContract contract) {
    return java.util.Optional.ofNullable(
            io.github.kvchart.aibrix.core.image.ImageReference.parse(container.image()))
        .flatMap(io.github.kvchart.aibrix.core.image.ImageReference::version)
        .map(v -> v.compareTo(contract.vllm().publisherDefaultsFrom()) >= 0)
        .orElse(false);
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
