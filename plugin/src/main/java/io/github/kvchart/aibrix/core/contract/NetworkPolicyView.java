package io.github.kvchart.aibrix.core.contract;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import java.util.Map;

/**
 * A NetworkPolicy read for the contract: which pods it selects and whom it admits on which ports.
 */
public record NetworkPolicyView(ManifestDocument document) {

  public JsonNode podSelector() {
    return document.root().path("spec").path("podSelector").path("matchLabels");
  }

  /** Whether the policy restricts ingress (so everything it does not admit is denied). */
  public boolean restrictsIngress() {
    JsonNode types = document.root().path("spec").path("policyTypes");
    if (types.isArray() && !types.isEmpty()) {
      for (JsonNode type : types) {
        if ("Ingress".equals(type.asText())) {
          return true;
        }
      }
      return false;
    }
    return true;
  }

  public JsonNode ingress() {
    return document.root().path("spec").path("ingress");
  }

  /** Whether any ingress or egress rule names one of {@code ports} (by number). */
  public boolean mentionsPort(int... ports) {
    for (String direction : new String[] {"ingress", "egress"}) {
      for (JsonNode rule : document.root().path("spec").path(direction)) {
        for (JsonNode port : rule.path("ports")) {
          for (int wanted : ports) {
            if (port.path("port").asInt(-1) == wanted) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }

  /** Whether a rule's port list admits {@code port} (named {@code portName} on the container). */
  public static boolean admitsPort(JsonNode rule, int port, String portName) {
    JsonNode ports = rule.path("ports");
    if (!ports.isArray() || ports.isEmpty()) {
      return true;
    }
    for (JsonNode entry : ports) {
      JsonNode value = entry.path("port");
      if (value.isMissingNode()) {
        return true;
      }
      if (value.isInt()) {
        int end = entry.path("endPort").asInt(value.asInt());
        if (port >= value.asInt() && port <= end) {
          return true;
        }
      } else if (value.asText().equals(portName) && !portName.isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** Whether a rule's peers admit the gateway pods (no peers means everyone). */
  public static boolean admitsGateway(JsonNode rule, Map<String, String> gatewayLabels) {
    JsonNode from = rule.path("from");
    if (!from.isArray() || from.isEmpty()) {
      return true;
    }
    for (JsonNode peer : from) {
      if (peer.has("ipBlock")) {
        return true;
      }
      JsonNode pods = peer.path("podSelector");
      if (peer.has("namespaceSelector") && !peer.has("podSelector")) {
        return true;
      }
      if (pods.isObject() && containsAll(pods.path("matchLabels"), gatewayLabels)) {
        return true;
      }
      if (pods.isObject()
          && pods.path("matchLabels").isEmpty()
          && pods.path("matchExpressions").isEmpty()) {
        return true;
      }
    }
    return false;
  }

  static boolean containsAll(JsonNode matchLabels, Map<String, String> labels) {
    if (labels.isEmpty()) {
      return false;
    }
    for (Map.Entry<String, String> label : labels.entrySet()) {
      if (!label.getValue().equals(matchLabels.path(label.getKey()).asText(null))) {
        return false;
      }
    }
    return true;
  }

  /** Whether a selector names a model.aibrix.ai label (it means model pods). */
  public static boolean namesModelLabel(JsonNode matchLabels) {
    var names = matchLabels.fieldNames();
    while (names.hasNext()) {
      if (names.next().startsWith("model.aibrix.ai/")) {
        return true;
      }
    }
    return false;
  }
}
