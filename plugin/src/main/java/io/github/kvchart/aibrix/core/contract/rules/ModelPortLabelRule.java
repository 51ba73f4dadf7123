package io.github.kvchart.aibrix.core.contract.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.contract.ContractRule;
import io.github.kvchart.aibrix.core.contract.KvContract;
import io.github.kvchart.aibrix.core.contract.ManifestSet;
import io.github.kvchart.aibrix.core.contract.PodTemplate;
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import io.github.kvchart.aibrix.core.manifest.Severity;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * model-port-label: AIBrix builds a model's HTTPRoute from its Deployment's own labels, taking the
 * port from {@code model.aibrix.ai/port} (8000 when absent). A model served on another port needs
 * the label on the Deployment, and the label must name the port vLLM serves on.
 */
public final class ModelPortLabelRule implements ContractRule {
  @Override
  public String id() {
    return "model-port-label";
  }

  @Override
  public String description() {
    return "A model Deployment's model.aibrix.ai/port label names the port vLLM serves on.";
  }

  @Override
  public List<Violation> check(ManifestSet manifests, KvContract contract, Severity severity) {
    List<Violation> violations = new ArrayList<>();
    String portLabel = contract.label("port");
    for (ManifestDocument deployment : manifests.ofKind("Deployment")) {
      JsonNode labels = deployment.root().path("metadata").path("labels");
      if (!labels.path(contract.label("name")).isTextual()) {
        continue;
      }
      for (PodTemplate pod : manifests.podTemplates(deployment)) {
        var served = pod.vllmPort();
        int serving = served.orElse(contract.defaultServingPort());
        JsonNode label = labels.path(portLabel);
        if (label.isMissingNode()) {
          if (serving != contract.defaultServingPort()) {
            violations.add(
                deployment.violation(
                    "/metadata/labels",
                    id(),
                    severity,
                    "vLLM serves on "
                        + serving
                        + " but the Deployment has no "
                        + portLabel
                        + " label, so AIBrix routes the model's requests to "
                        + contract.defaultServingPort()
                        + ".",
                    "Add " + portLabel + ": \"" + serving + "\" to the Deployment's labels."));
          }
        } else if (!label.asText().equals(Integer.toString(serving))) {
          violations.add(
              deployment.violation(
                  "/metadata/labels/" + portLabel.replace("/", "~1"),
                  id(),
                  severity,
                  portLabel
                      + " is "
                      + label
                      + " but vLLM serves on "
                      + serving
                      + (served.isPresent() ? " (--port)" : " (its default)")
                      + ": AIBrix routes the model's requests to a port nobody listens on.",
                  "Set " + portLabel + ": \"" + serving + "\"."));
        }
      }
    }
    return violations;
  }
}
