package io.github.kvchart.aibrix.core.contract.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.contract.ManifestSet;
import io.github.kvchart.aibrix.core.contract.PodTemplate;
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import io.github.kvchart.aibrix.core.manifest.Severity;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Part of model-route: the models served only by workloads AIBrix's model router does not watch (a
 * StatefulSet, a bare Pod, a KubeRay RayCluster, ...), for which it makes no HTTPRoute.
 */
final class UnroutedModels {
  private UnroutedModels() {}

  /** The kinds whose own labels AIBrix's model router makes an HTTPRoute from (v0.4.1-v0.7.0). */
  private static final Set<String> ROUTED_KINDS =
      Set.of("Deployment", "RayClusterFleet", "LeaderWorkerSet");

  /**
   * AIBrix's prefill/decode kinds: their models are served through the pd routing strategy by
   * design, so the missing HTTPRoute is not news.
   */
  private static final Set<String> STRATEGY_KINDS = Set.of("StormService", "RoleSet", "PodSet");

  /**
   * The models served only by workloads the model router does not watch (a StatefulSet, a bare Pod,
   * a StormService, a KubeRay RayCluster, ...): AIBrix makes no HTTPRoute for them, so the gateway
   * answers their requests without a routing strategy with 503, unless a routed workload of the
   * same model name or the user's own {@code <model>-router} gives one.
   */
  static List<Violation> find(ManifestSet manifests, String nameLabel, String rule) {
    Set<String> routed = new java.util.HashSet<>();
    for (ManifestDocument workload : manifests.routedWorkloads()) {
      JsonNode own = workload.root().path("metadata").path("labels").path(nameLabel);
      if (own.isTextual()) {
        routed.add(own.asText());
      }
    }
    List<Violation> violations = new ArrayList<>();
    Set<String> reported = new java.util.HashSet<>();
    for (ManifestDocument document : manifests.documents()) {
      if (ROUTED_KINDS.contains(document.kind())
          || STRATEGY_KINDS.contains(document.kind())
          || document.root().path("metadata").path("ownerReferences").size() > 0) {
        continue; // routed, served by a strategy, or made by a controller (a dumped ReplicaSet)
      }
      List<PodTemplate> serving =
          ModelRouteRule.serving(manifests.podTemplates(document), nameLabel);
      for (PodTemplate pod : serving) {
        String model = pod.label(nameLabel).asText();
        if (routed.contains(model)
            || !pod.annotation(ModelRouteRule.CONFIG_ANNOTATION).isMissingNode()
            || manifests.find("HTTPRoute", ModelRouteRule.ROUTE_NAMESPACE, model + "-router")
                != null
            || !reported.add(document.kind() + "/" + document.name() + "/" + model)) {
          continue;
        }
        violations.add(
            document.violation(
                pod.pointer() + "/metadata/labels/" + nameLabel.replace("/", "~1"),
                rule,
                Severity.WARNING, // the route may come from outside the documents
                "the "
                    + document.kind()
                    + "'s pods serve model '"
                    + model
                    + "', but AIBrix's model router makes the HTTPRoute "
                    + model
                    + "-router only for a Deployment, RayClusterFleet or LeaderWorkerSet: the"
                    + " gateway answers requests for '"
                    + model
                    + "' without a routing strategy with 503.",
                "Serve the model from a Deployment (or LeaderWorkerSet) labelled "
                    + nameLabel
                    + ": "
                    + model
                    + "; or add your own HTTPRoute "
                    + model
                    + "-router in "
                    + ModelRouteRule.ROUTE_NAMESPACE
                    + " to the Service "
                    + model
                    + "; or send every request with a routing-strategy header."));
      }
    }
    return violations;
  }
}
