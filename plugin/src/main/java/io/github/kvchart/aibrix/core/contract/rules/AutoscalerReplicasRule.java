package io.github.kvchart.aibrix.core.contract.rules;

import io.github.kvchart.aibrix.core.contract.ContractRule;
import io.github.kvchart.aibrix.core.contract.KvContract;
import io.github.kvchart.aibrix.core.contract.ManifestSet;
import io.github.kvchart.aibrix.core.contract.ScaleTarget;
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import io.github.kvchart.aibrix.core.manifest.Severity;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * autoscaler-replicas (warning): a workload that a PodAutoscaler in the same set scales also sets
 * {@code spec.replicas}, so every {@code helm upgrade} or {@code kubectl apply} resets the count
 * the autoscaler chose. A StormService is left alone: AIBrix v0.7.0's controllers read its {@code
 * spec.replicas} and its roles' {@code replicas} through pointers without a nil check
 * (stormservice/utils.go, roleset/sync.go) and its CRD gives them no default, so removing them is
 * worse than the reset.
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
      ManifestDocument target = ScaleTarget.of(autoscaler, manifests).workload();
      if (target == null
          || target.kind().equals("StormService")
          || !target.root().path("spec").has("replicas")) {
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
