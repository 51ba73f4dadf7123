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
import java.util.Map;

/**
 * autoscaler-ref: AIBrix finds a PodAutoscaler's target by the API group of {@code
 * scaleTargetRef.apiVersion} and its {@code kind} (getScaleResource in podautoscaler_controller.go,
 * v0.7.0: a REST mapping of group and kind); an HPA strategy hands the same reference to
 * Kubernetes' HPA. Neither the CRD nor AIBrix's webhook requires apiVersion, so a reference without
 * it, or with another group than the target's, is accepted and never scales: the only trace is the
 * condition AbleToScale: False. (A reference without kind or name is autoscaler-spec's.)
 */
public final class AutoscalerRefRule implements ContractRule {
  /** The apiVersions of the kinds a PodAutoscaler usually scales, for a target outside the set. */
  private static final Map<String, String> KNOWN_API_VERSIONS =
      Map.of(
          "Deployment", "apps/v1",
          "StatefulSet", "apps/v1",
          "ReplicaSet", "apps/v1",
          "StormService", PodTemplate.AIBRIX_ORCHESTRATION + "v1alpha1",
          "RayClusterFleet", PodTemplate.AIBRIX_ORCHESTRATION + "v1alpha1");

  @Override
  public String id() {
    return "autoscaler-ref";
  }

  @Override
  public String description() {
    return "A PodAutoscaler's scaleTargetRef has the API group of its target.";
  }

  @Override
  public List<Violation> check(ManifestSet manifests, KvContract contract, Severity severity) {
    List<Violation> violations = new ArrayList<>();
    for (ManifestDocument autoscaler : manifests.ofKind("PodAutoscaler")) {
      if (!autoscaler.root().path("spec").path("scaleTargetRef").isObject()) {
        continue; // the schema check reports a missing scaleTargetRef
      }
      ScaleTarget target = ScaleTarget.of(autoscaler, manifests);
      if (!target.complete()) {
        continue; // autoscaler-spec's finding
      }
      ManifestDocument workload = target.workload();
      String right =
          workload != null ? workload.apiVersion() : KNOWN_API_VERSIONS.get(target.kind());
      // AIBrix parses "" as the core group, like "v1": only a group that differs breaks it.
      if (right == null || group(target.apiVersion()).equals(group(right))) {
        continue;
      }
      String wanted = group(right);
      violations.add(
          autoscaler.violation(
              target.apiVersion().isEmpty()
                  ? "/spec/scaleTargetRef"
                  : "/spec/scaleTargetRef/apiVersion",
              id(),
              severity,
              (target.apiVersion().isEmpty()
                      ? "scaleTargetRef has no apiVersion"
                      : "scaleTargetRef.apiVersion is '" + target.apiVersion() + "'")
                  + ": AIBrix looks for kind "
                  + target.kind()
                  + " in API group '"
                  + group(target.apiVersion())
                  + "', not '"
                  + wanted
                  + "', finds no such resource and never scales "
                  + target.describe()
                  + ".",
              "Set scaleTargetRef.apiVersion: " + right + "."));
    }
    return violations;
  }

  /** The API group of an apiVersion: "" for the core group ("v1") or none. */
  private static String group(String apiVersion) {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }
}
