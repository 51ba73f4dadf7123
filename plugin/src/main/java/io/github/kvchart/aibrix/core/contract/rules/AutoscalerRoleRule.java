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
 * autoscaler-role: a PodAutoscaler with a {@code subTargetSelector} scales one role of a
 * StormService, and AIBrix's controller (workload_scale.go, v0.5.0 to v0.7.0) takes that path for
 * any subTargetSelector: it fetches a StormService of the target's name, looks the role up by name
 * and sets its replicas. So the target must be a StormService, the role must be named, and the
 * StormService (when it is in the set) must have it. Otherwise every scale fails, and the only
 * trace is in the controller's log and the PodAutoscaler's status.
 */
public final class AutoscalerRoleRule implements ContractRule {
  @Override
  public String id() {
    return "autoscaler-role";
  }

  @Override
  public String description() {
    return "A PodAutoscaler's subTargetSelector names a role of its StormService target.";
  }

  @Override
  public List<Violation> check(ManifestSet manifests, KvContract contract, Severity severity) {
    List<Violation> violations = new ArrayList<>();
    for (ManifestDocument autoscaler : manifests.ofKind("PodAutoscaler")) {
      ScaleTarget target = ScaleTarget.of(autoscaler, manifests);
      if (!target.selectsRole()) {
        continue;
      }
      if (!target.kind().equals("StormService")) {
        violations.add(
            autoscaler.violation(
                "/spec/subTargetSelector",
                id(),
                severity,
                "subTargetSelector scales a role, which only a StormService has: AIBrix looks for a"
                    + " StormService named '"
                    + target.name()
                    + "' and never scales "
                    + target.kind()
                    + " '"
                    + target.name()
                    + "'.",
                "Remove subTargetSelector, or point scaleTargetRef at a StormService."));
        continue;
      }
      List<String> roles = target.roles();
      String known =
          target.workload() == null || roles.isEmpty()
              ? ""
              : " (its roles: " + String.join(", ", roles) + ")";
      if (target.roleName().isEmpty()) {
        if (!target.replicaMode()) {
          violations.add(
              autoscaler.violation(
                  "/spec/subTargetSelector",
                  id(),
                  severity,
                  "subTargetSelector names no role: AIBrix scales the role named \"\" of StormService"
                      + " '"
                      + target.name()
                      + "', finds none, and never scales.",
                  "Set subTargetSelector.roleName to the role to scale"
                      + known
                      + ", or annotate the PodAutoscaler "
                      + ScaleTarget.MODE_ANNOTATION
                      + ": replica to scale whole replicas."));
        }
        continue;
      }
      if (target.workload() != null && !roles.contains(target.roleName())) {
        violations.add(
            autoscaler.violation(
                "/spec/subTargetSelector/roleName",
                id(),
                severity,
                "StormService '"
                    + target.name()
                    + "' has no role '"
                    + target.roleName()
                    + "'"
                    + known
                    + (target.replicaMode()
                        ? ": AIBrix reads metrics only from pods with that role's label, finds none,"
                            + " and scales on nothing."
                        : ": AIBrix fails every scale (role not found)."),
                "Set subTargetSelector.roleName to one of the StormService's roles"
                    + (roles.isEmpty() ? "." : ": " + String.join(", ", roles) + ".")));
      }
    }
    return violations;
  }
}
