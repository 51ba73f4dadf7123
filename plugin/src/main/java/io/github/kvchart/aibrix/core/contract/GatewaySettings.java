package io.github.kvchart.aibrix.core.contract;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One set of the AIBrix gateway's settings found among the documents: the env of a gateway-plugins
 * container, or a ConfigMap of AIBRIX_ keys. Values are the literal text (null for an entry filled
 * from elsewhere); pointers say where each entry is.
 */
public record GatewaySettings(
    ManifestDocument document, Map<String, String> values, Map<String, String> pointers) {

  /**
   * The gateway's settings in the set: gateway pods' env and ConfigMaps of AIBRIX_ keys (found once
   * per set).
   */
  public static List<GatewaySettings> of(ManifestSet manifests, KvContract contract) {
    return manifests.gatewaySettings(contract);
  }

  static List<GatewaySettings> find(ManifestSet manifests, KvContract contract) {
    List<GatewaySettings> found = new ArrayList<>();
    for (PodTemplate pod : manifests.podTemplates()) {
      if (!contract.isGatewayPod(pod)) {
        continue;
      }
      for (VllmContainer container : pod.containers()) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> pointers = new LinkedHashMap<>();
        container
            .env()
            .values()
            .forEach(
                e -> {
                  values.put(e.name(), e.value());
                  pointers.put(e.name(), e.pointer());
                });
        found.add(new GatewaySettings(pod.document(), values, pointers));
      }
    }
    for (ManifestDocument map : manifests.ofKind("ConfigMap")) {
      JsonNode data = map.root().path("data");
      Map<String, String> values = new LinkedHashMap<>();
      Map<String, String> pointers = new LinkedHashMap<>();
      data.fields()
          .forEachRemaining(
              f -> {
                values.put(f.getKey(), f.getValue().asText());
                pointers.put(
                    f.getKey(), "/data/" + f.getKey().replace("~", "~0").replace("/", "~1"));
              });
      if (values.keySet().stream().anyMatch(k -> k.startsWith("AIBRIX_"))) {
        found.add(new GatewaySettings(map, values, pointers));
      }
    }
    return found;
  }

  /** Whether any release line's KV-sync or remote-tokenizer switch is "true" here. */
  public boolean remoteTokenizer(KvContract contract) {
    for (GatewayEnvNames line : contract.gatewayEnvByRelease()) {
      if ("true".equals(values.get(line.kvSyncEnabled()))
          || "true".equals(values.get(line.useRemoteTokenizer()))) {
        return true;
      }
    }
    return false;
  }
}
