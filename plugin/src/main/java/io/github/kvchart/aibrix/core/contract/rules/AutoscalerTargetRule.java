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
 * autoscaler-target: a PodAutoscaler scales the Deployment its scaleTargetRef names, and new pods
 * come from that Deployment's pod template, so when that Deployment is meant to publish KV events
 * (its pods intend them, or the KV label sits on the Deployment itself) the template must carry the
 * KV labels. A target outside the validated set cannot be checked (warning). Scaling a plain model
 * without KV events is fine.
 */
public final class AutoscalerTargetRule implements ContractRule {
  @Override
  public String id() {
    return "autoscaler-target";
  }

  @Override
  public String description() {
    return "A PodAutoscaler's target Deployment has the KV labels on its pod template.";
  }

  @Override
  public List<Violation> check(ManifestSet manifests, KvContract contract, Severity severity) {
    List<Violation> violations = new ArrayList<>();
    String kvLabel = contract.label("kvEventsEnabled");
    String nameLabel = contract.label("name");
    for (ManifestDocument autoscaler : manifests.ofKind("PodAutoscaler")) {
      JsonNode ref = autoscaler.root().path("spec").path("scaleTargetRef");
      if (!ref.isObject()) {
        continue;
      }
      String kind = ref.path("kind").asText("Deployment");
      String name = ref.path("name").asText();
      ManifestDocument target = manifests.find(kind, name);
      if (target == null) {
        violations.add(
            autoscaler.violation(
                "/spec/scaleTargetRef",
                id(),
                Severity.WARNING,
                "the target "
                    + kind
                    + " '"
                    + name
                    + "' is not among the validated files, so its KV labels cannot be checked.",
                "Validate the "
                    + kind
                    + " together with its PodAutoscaler (add it to aibrix-chart.sources)."));
        continue;
      }
      boolean labelOnWorkload =
          !target.root().path("metadata").path("labels").path(kvLabel).isMissingNode();
      for (PodTemplate pod : manifests.podTemplates(target)) {
        var subject = manifests.subject(pod, contract);
        boolean intended = labelOnWorkload || (subject != null && subject.intended());
        if (!intended) {
          continue;
        }
        boolean labelled =
            "true".equals(pod.label(kvLabel).asText(null)) && pod.label(nameLabel).isTextual();
        if (!labelled) {
          violations.add(
              autoscaler.violation(
                  "/spec/scaleTargetRef",
                  id(),
                  severity,
                  "it scales "
                      + kind
                      + " '"
                      + name
                      + "', whose pod template lacks "
                      + kvLabel
                      + ": \"true\" or "
                      + nameLabel
                      + ": pods it adds will not be subscribed by the gateway.",
                  "Add both labels to the pod template of " + kind + " '" + name + "'."));
        }
      }
    }
    return violations;
  }
}
