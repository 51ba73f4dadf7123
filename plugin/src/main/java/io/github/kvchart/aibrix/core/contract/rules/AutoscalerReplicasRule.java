package io.github.kvchart.aibrix.core.contract.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.Json;
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
 * the autoscaler chose. In a live object (kubectl get) the API server's default always shows, so
 * there it reads what kubectl apply recorded. A StormService is left alone: AIBrix v0.7.0's
 * controllers read its {@code spec.replicas} and its roles' {@code replicas} through pointers
 * without a nil check (stormservice/utils.go, roleset/sync.go) and its CRD gives them no default,
 * so removing them is worse than the reset.
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
          || !target.root().path("spec").has("replicas")
          || !setByItsManifest(target)) {
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

  /** The annotation kubectl apply (client-side) records the applied manifest in. */
  static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  /**
   * Whether the workload's own manifest sets spec.replicas. A live object (kubectl get -o yaml: it
   * has a uid or a resourceVersion) always shows spec.replicas, because the API server fills in the
   * default; there only the manifest kubectl apply recorded can tell, and without one the rule says
   * nothing rather than warn about every live Deployment.
   */
  static boolean setByItsManifest(ManifestDocument workload) {
    JsonNode metadata = workload.root().path("metadata");
    boolean live = metadata.path("uid").isTextual() || metadata.path("resourceVersion").isTextual();
    if (!live) {
      return true;
    }
    JsonNode applied = metadata.path("annotations").path(LAST_APPLIED);
    if (!applied.isTextual()) {
      return false;
    }
    try {
      return Json.read(applied.asText()).path("spec").has("replicas");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return false;
    }
  }
}
