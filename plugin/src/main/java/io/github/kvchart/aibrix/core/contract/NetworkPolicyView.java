package io.github.kvchart.aibrix.core.contract;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.Json;
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;

/**
 * A NetworkPolicy read for netpol-direction: its pod selector, its ingress rules, and whether it is
 * about the KV-event ports. Whom it admits is decided by {@link
 * io.github.kvchart.aibrix.core.netpol.NetworkPolicyEvaluator}.
 */
public record NetworkPolicyView(ManifestDocument document) {

  /** The whole pod selector (matchLabels and matchExpressions). */
  public JsonNode podSelector() {
    return document.root().path("spec").path("podSelector");
  }

  public JsonNode ingress() {
    return Json.items(document.root().path("spec").path("ingress"));
  }

  /** The peers of every ingress rule's from and every egress rule's to. */
  public java.util.List<JsonNode> peers() {
    java.util.List<JsonNode> peers = new java.util.ArrayList<>();
    for (JsonNode rule : Json.items(document.root().path("spec").path("ingress"))) {
      Json.items(rule.path("from")).forEach(peers::add);
    }
    for (JsonNode rule : Json.items(document.root().path("spec").path("egress"))) {
      Json.items(rule.path("to")).forEach(peers::add);
    }
    return peers;
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

  /** Whether a selector is absent or empty, so it selects every pod it can see. */
  public static boolean selectsEverything(JsonNode selector) {
    return selector == null
        || selector.isMissingNode()
        || selector.isNull()
        || (selector.path("matchLabels").isEmpty() && selector.path("matchExpressions").isEmpty());
  }

  /** Whether a selector names a model.aibrix.ai label, in matchLabels or matchExpressions. */
  public static boolean namesModelLabel(JsonNode selector) {
    var names = selector.path("matchLabels").fieldNames();
    while (names.hasNext()) {
      if (names.next().startsWith("model.aibrix.ai/")) {
        return true;
      }
    }
    for (JsonNode expression : selector.path("matchExpressions")) {
      if (expression.path("key").asText().startsWith("model.aibrix.ai/")) {
        return true;
      }
    }
    return false;
  }
}
