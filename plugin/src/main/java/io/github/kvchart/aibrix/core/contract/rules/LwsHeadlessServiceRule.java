package io.github.kvchart.aibrix.core.contract.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.DnsNames;
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
 * lws-headless-service: a LeaderWorkerSet's workers reach their leader at {@code
 * LWS_LEADER_ADDRESS}, {@code <name>-<group>.<name>.<namespace>}: a pod DNS name that exists only
 * while a headless Service named after the LeaderWorkerSet selects the leader. LWS creates that
 * Service (headless, publishing not-ready addresses) only when no Service of that name exists
 * (CreateHeadlessServiceIfNotExists, kubernetes-sigs/lws v0.6.0 to v0.10.0). Naming the
 * LeaderWorkerSet after the model, and the model's Service after the model as AIBrix's route wants,
 * takes its place: the workers never find the leader and the group never starts.
 */
public final class LwsHeadlessServiceRule implements ContractRule {
  @Override
  public String id() {
    return "lws-headless-service";
  }

  @Override
  public String description() {
    return "A Service named like a LeaderWorkerSet with workers is the headless one its pods'"
        + " leader address needs.";
  }

  @Override
  public List<Violation> check(ManifestSet manifests, KvContract contract, Severity severity) {
    List<Violation> violations = new ArrayList<>();
    for (ManifestDocument lws : manifests.ofKind("LeaderWorkerSet")) {
      List<PodTemplate> pods = manifests.podTemplates(lws);
      JsonNode policy = lws.root().at("/spec/networkConfig/subdomainPolicy");
      if (pods.stream().noneMatch(PodTemplate::groupWorkers)
          || (!policy.isMissingNode() && !policy.isNull() && !"Shared".equals(policy.asText()))) {
        continue; // no workers, or one subdomain per replica (LWS names those Services itself)
      }
      ManifestDocument service =
          manifests.find("Service", ManifestSet.namespaceOf(lws), lws.name());
      if (service == null) {
        continue;
      }
      JsonNode spec = service.root().path("spec");
      PodTemplate leader = pods.get(0); // the leader template, when there is one
      String problem = null;
      String at = "/spec";
      if (!"None".equals(spec.path("clusterIP").asText())) {
        problem = "is not headless (clusterIP: None), so it gives the pods no DNS names";
        at = spec.has("clusterIP") ? "/spec/clusterIP" : "/spec";
      } else if (pods.size() > 1 && !leader.selectedBy(spec.path("selector"))) {
        // (without a leaderTemplate the leader comes from the worker template; not compared)
        problem = "does not select the group's leader, so the leader's DNS name does not exist";
        at = spec.has("selector") ? "/spec/selector" : "/spec";
      } else if (!spec.path("publishNotReadyAddresses").asBoolean(false)
          && !leader.template().at("/spec/containers").findValues("readinessProbe").isEmpty()) {
        problem =
            "does not publish not-ready addresses, and the leader is not Ready (its readiness"
                + " probe) until its workers have joined";
        at = "/spec";
      }
      if (problem == null) {
        continue;
      }
      violations.add(
          service.violation(
              at,
              id(),
              severity,
              "LeaderWorkerSet '"
                  + lws.name()
                  + "' has workers, which reach their leader at LWS_LEADER_ADDRESS ("
                  + lws.name()
                  + "-<group>."
                  + lws.name()
                  + ".<namespace>); LWS creates the headless Service '"
                  + lws.name()
                  + "' for it only when none exists, and this one "
                  + problem
                  + ": the workers never find the leader and the group never starts.",
              "Name the LeaderWorkerSet apart from the Service, e.g. '"
                  + lwsName(lws.name())
                  + "', so that LWS makes its own headless Service."));
    }
    return violations;
  }

  /** A LeaderWorkerSet name beside {@code name} (a Service name of the model, say). */
  private static String lwsName(String name) {
    String candidate = name + "-lws";
    return DnsNames.isDnsLabel(candidate) ? candidate : "model-lws";
  }
}
