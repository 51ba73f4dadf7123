package io.github.kvchart.aibrix.core.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.Json;
import io.github.kvchart.aibrix.core.contract.PodTemplate;
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import io.github.kvchart.aibrix.core.manifest.RuleIds;
import io.github.kvchart.aibrix.core.manifest.Severity;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * pod-template-refused: pod templates the API server takes without validating them, whose pods (or
 * StatefulSets) a controller makes later, and the API server then refuses, so the workload stays at
 * zero pods with no error at apply time:
 *
 * <ul>
 *   <li>a StatefulSet's template: ValidateStatefulSetSpec checks its labels, not its pod spec;
 *   <li>a LeaderWorkerSet's leader and worker templates: its webhook checks neither, and its
 *       controller makes a StatefulSet of each (kubernetes-sigs/lws), so a restartPolicy other than
 *       Always is refused there too;
 *   <li>KubeRay's head and worker group templates (RayCluster, RayService, RayJob) and AIBrix's
 *       StormService, RoleSet, PodSet, RayClusterFleet and RayClusterReplicaSet templates: custom
 *       resources, checked against their CRD schema only;
 *   <li>a StatefulSet's name over 52 characters, and a LeaderWorkerSet's whose sets' names pass 52:
 *       the pods carry {@code controller-revision-hash: <set name>-<hash of up to 10 characters>},
 *       longer than a label value may be (kubernetes/kubernetes#64023, open).
 * </ul>
 *
 * The pod-spec checks are api-validation's own ({@link WorkloadCheck}), with the volumes each
 * controller adds to its pods counted as the pod's (a StatefulSet's and a LeaderWorkerSet's
 * volumeClaimTemplates; KubeRay's shared-mem, ray-logs, ray-tls, ray-token and gcs-storage). A
 * warning: the API server takes the object, and a cluster may run controllers that mend a template.
 */
final class ControllerPods {
  private static final int SET_NAME_LIMIT = 52;
  private static final Set<String> KUBERAY_VOLUMES =
      Set.of("shared-mem", "ray-logs", "ray-tls", "ray-token", "gcs-storage");

  private ControllerPods() {}

  static List<Violation> check(ManifestDocument document, String key, int minor) {
    if ("apps/v1 StatefulSet".equals(key)) {
      List<Violation> violations = new ArrayList<>();
      setName(document, document.name(), "the StatefulSet's name", violations);
      JsonNode template = document.root().path("spec").path("template");
      Set<String> claims = claims(document.root().path("spec").path("volumeClaimTemplates"));
      pods(document, "/spec/template", template, claims, minor, violations);
      return violations;
    }
    String apiVersion = document.apiVersion();
    boolean lws = apiVersion.startsWith("leaderworkerset.x-k8s.io/");
    if (!lws
        && !apiVersion.startsWith(PodTemplate.AIBRIX_ORCHESTRATION)
        && !apiVersion.startsWith("ray.io/")) {
      return List.of();
    }
    List<Violation> violations = new ArrayList<>();
    Set<String> added =
        lws
            ? claims(document.root().at("/spec/leaderWorkerTemplate/volumeClaimTemplates"))
            : KUBERAY_VOLUMES;
    if (lws) {
      leaderWorkerSetNames(document, violations);
    }
    for (PodTemplate pod : PodTemplate.of(document)) {
      List<Violation> found = new ArrayList<>();
      ApiValidation.metadata(document, pod.template().path("metadata"), pod.pointer(), found);
      JsonNode restart = pod.template().path("spec").path("restartPolicy");
      if (lws && restart.isTextual() && !restart.asText().equals("Always")) {
        found.add(
            ApiSyntax.error(
                document,
                pod.pointer() + "/spec/restartPolicy",
                "restartPolicy "
                    + restart.asText()
                    + " is refused in the StatefulSet the LeaderWorkerSet makes of it, which must"
                    + " restart its pods Always.",
                "Remove restartPolicy (it defaults to Always)."));
      } else if (!lws) {
        ApiSyntax.oneOf(
            document,
            pod.pointer() + "/spec/restartPolicy",
            restart,
            List.of("Always", "OnFailure", "Never"),
            found);
      }
      violations.addAll(refused(found, document));
      pods(document, pod.pointer(), pod.template(), added, minor, violations);
    }
    return violations;
  }

  /** The pod-spec violations of the template at {@code at}, the {@code added} volumes counted. */
  private static void pods(
      ManifestDocument document,
      String at,
      JsonNode template,
      Set<String> added,
      int minor,
      List<Violation> violations) {
    List<Violation> found = new ArrayList<>();
    WorkloadCheck.podSpec(document, at + "/spec", template.path("spec"), minor, added, found);
    violations.addAll(refused(found, document));
  }

  /** api-validation's findings as this rule's: a warning saying who refuses what, and when. */
  private static List<Violation> refused(List<Violation> found, ManifestDocument document) {
    List<Violation> out = new ArrayList<>(found.size());
    for (Violation v : found) {
      out.add(
          new Violation(
              v.file(),
              v.line(),
              v.column(),
              v.document(),
              v.kind(),
              v.name(),
              v.pointer(),
              RuleIds.POD_TEMPLATE_REFUSED,
              Severity.WARNING,
              "The API server takes the "
                  + document.kind()
                  + " but refuses each pod its controller makes from this template, so none runs: "
                  + v.message(),
              v.fix()));
    }
    return out;
  }

  private static Set<String> claims(JsonNode templates) {
    JsonNode list = Json.items(templates);
    Set<String> names = new LinkedHashSet<>();
    for (JsonNode claim : list) {
      JsonNode name = claim.path("metadata").path("name");
      if (name.isTextual()) {
        names.add(name.asText());
      }
    }
    return names;
  }

  /**
   * A LeaderWorkerSet's leader StatefulSet is named after it, and the worker StatefulSet of group
   * {@code i} after the group's leader pod, {@code <name>-<i>} (pod_controller.go).
   */
  private static void leaderWorkerSetNames(ManifestDocument document, List<Violation> violations) {
    JsonNode spec = document.root().path("spec");
    JsonNode size = spec.path("leaderWorkerTemplate").path("size");
    JsonNode replicas = spec.path("replicas");
    String name = document.name();
    if (size.canConvertToInt() && size.asInt() > 1) {
      int groups = replicas.canConvertToInt() ? Math.max(1, replicas.asInt()) : 1;
      name = name + "-" + (groups - 1);
    }
    setName(document, name, "the name of its last StatefulSet, " + name + ",", violations);
  }

  private static void setName(
      ManifestDocument document, String name, String what, List<Violation> violations) {
    if (name.length() <= SET_NAME_LIMIT) {
      return;
    }
    violations.add(
        document.violation(
            "/metadata/name",
            RuleIds.POD_TEMPLATE_REFUSED,
            Severity.WARNING,
            what.substring(0, 1).toUpperCase(java.util.Locale.ROOT)
                + what.substring(1)
                + " has "
                + name.length()
                + " characters, over 52: its pods carry controller-revision-hash: "
                + name
                + "-<revision hash of up to 10 characters>, longer than the 63 characters a"
                + " label value may have, so the API server refuses every pod (kubernetes#64023).",
            "Shorten the "
                + document.kind()
                + "'s name to at most 52 characters"
                + (name.equals(document.name()) ? "." : " less its group suffix.")));
  }
}
