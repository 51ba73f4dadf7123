package io.github.kvchart.aibrix.core.contract.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.contract.ContractRule;
import io.github.kvchart.aibrix.core.contract.KvContract;
import io.github.kvchart.aibrix.core.contract.ManifestSet;
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import io.github.kvchart.aibrix.core.manifest.Severity;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * autoscaler-replicas (warning): a workload that a PodAutoscaler in the same set scales also sets
 * {@code spec.replicas}, so every {@code helm upgrade} or {@code kubectl apply} resets the count
 * the autoscaler chose.
 */
public final class AutoscalerReplicasRule implements ContractRule {
  @Override
  public String id() {
    return "autoscaler-replicas";
  }

  @Override
  public String description() {
    return "A workload a PodAutoscaler scales does not set spec.replicas itself.";
  }

  @Override
  public Severity defaultSeverity() {
    return Severity.WARNING;
  }

  @Override
  public List<Violation> check(ManifestSet manifests, KvContract contract, Severity severity) {
    List<Violation> violations = new ArrayList<>();
    for (ManifestDocument autoscaler : manifests.ofKind("PodAutoscaler")) {
      JsonNode ref = autoscaler.root().path("spec").path("scaleTargetRef");
      ManifestDocument target =
          manifests.find(ref.path("kind").asText("Deployment"), ref.path("name").asText());
      if (target == null || !target.root().path("spec").has("replicas")) {
        continue;
      }
      violations.add(
          target.violation(
              "/spec/replicas",
              id(),
              severity,
              target.kind()
                  + " '"
                  + target.name()
                  + "' sets replicas while PodAutoscaler '"
                  + autoscaler.name()
                  + "' scales it: every helm upgrade or kubectl apply resets the scale the"
                  + " autoscaler chose.",
              "Remove spec.replicas from the "
                  + target.kind()
                  + " (the PodAutoscaler's minReplicas sets the floor)."));
    }
    return violations;
  }
}
