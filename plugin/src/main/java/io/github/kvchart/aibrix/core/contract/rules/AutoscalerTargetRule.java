package io.github.kvchart.aibrix.core.contract.rules;

import io.github.kvchart.aibrix.core.contract.ContractRule;
import io.github.kvchart.aibrix.core.contract.KvContract;
import io.github.kvchart.aibrix.core.contract.ManifestSet;
import io.github.kvchart.aibrix.core.contract.PodTemplate;
import io.github.kvchart.aibrix.core.contract.ScaleTarget;
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import io.github.kvchart.aibrix.core.manifest.Severity;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * autoscaler-target: a PodAutoscaler scales the workload its scaleTargetRef names (a Deployment, or
 * one of AIBrix's: a StormService, or one role of it, or a RayClusterFleet), and new pods come from
 * that workload's pod templates, so when it is meant to publish KV events (its pods intend them, or
 * the KV label sits on the workload itself) each scaled template must carry the KV labels. A target
 * outside the validated set cannot be checked (warning). Scaling a plain model without KV events is
 * fine.
 */
public final class AutoscalerTargetRule implements ContractRule {
  @Override
  public String id() {
    return "autoscaler-target";
  }

  @Override
  public String description() {
    return "A PodAutoscaler's target has the KV labels on the pod templates it scales.";
  }

  @Override
  public List<Violation> check(ManifestSet manifests, KvContract contract, Severity severity) {
    List<Violation> violations = new ArrayList<>();
    String kvLabel = contract.label("kvEventsEnabled");
    String nameLabel = contract.label("name");
    for (ManifestDocument autoscaler : manifests.ofKind("PodAutoscaler")) {
      if (!autoscaler.root().path("spec").path("scaleTargetRef").isObject()) {
        continue;
      }
      ScaleTarget target = ScaleTarget.of(autoscaler, manifests);
      if (!target.complete()) {
        continue; // autoscaler-ref's finding
      }
      ManifestDocument workload = target.workload();
      if (workload == null) {
        violations.add(
            autoscaler.violation(
                "/spec/scaleTargetRef",
                id(),
                Severity.WARNING,
                "the target "
                    + target.kind()
                    + " '"
                    + target.name()
                    + "' is not among the validated files, so its KV labels cannot be checked.",
                "Validate the "
                    + target.kind()
                    + " together with its PodAutoscaler (add it to aibrix-chart.sources)."));
        continue;
      }
      boolean labelOnWorkload =
          !workload.root().path("metadata").path("labels").path(kvLabel).isMissingNode();
      for (PodTemplate pod : target.pods(manifests)) {
        var subject = manifests.subject(pod, contract);
        boolean intended = labelOnWorkload || (subject != null && subject.intended());
        if (!intended) {
          continue;
        }
        boolean labelled =
            "true".equals(pod.label(kvLabel).asText(null)) && pod.label(nameLabel).isTextual();
        if (!labelled) {
          String where =
              pod.role() != null
                  ? "the pod template of role '" + pod.role() + "' of " + target.describe()
                  : "the pod template of " + target.describe();
          violations.add(
              autoscaler.violation(
                  "/spec/scaleTargetRef",
                  id(),
                  severity,
                  "it scales "
                      + target.describe()
                      + ", whose pod template "
                      + (pod.role() != null ? "for role '" + pod.role() + "' " : "")
                      + "lacks "
                      + kvLabel
                      + ": \"true\" or "
                      + nameLabel
                      + ": pods it adds will not be subscribed by the gateway.",
                  "Add both labels to " + where + " (" + pod.pointer() + "/metadata/labels)."));
        }
      }
    }
    return violations;
  }
}
