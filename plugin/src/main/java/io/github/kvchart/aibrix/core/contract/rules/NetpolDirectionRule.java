package io.github.kvchart.aibrix.core.contract.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.contract.ContractRule;
import io.github.kvchart.aibrix.core.contract.KvContract;
import io.github.kvchart.aibrix.core.contract.ManifestSet;
import io.github.kvchart.aibrix.core.contract.NetworkPolicyView;
import io.github.kvchart.aibrix.core.contract.PodTemplate;
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import io.github.kvchart.aibrix.core.manifest.Severity;
import io.github.kvchart.aibrix.core.manifest.Violation;
import io.github.kvchart.aibrix.core.netpol.LabelSelector;
import java.util.ArrayList;
import java.util.List;

/**
 * netpol-direction: KV traffic flows gateway to model pod. A policy that mentions 5557/5558 must
 * select the model pods and admit the gateway; one that selects the gateway (or other pods), or
 * admits the model pods, points the wrong way and protects nothing.
 */
public final class NetpolDirectionRule implements ContractRule {
  @Override
  public String id() {
    return "netpol-direction";
  }

  @Override
  public String description() {
    return "A policy for the KV ports selects the model pods and admits the gateway, not the reverse.";
  }

  /** The gateway's pod labels as YAML would write them: {app: gateway-plugins}. */
  static String labels(KvContract contract) {
    return "{"
        + String.join(
            ", ",
            contract.gatewayPodLabels().entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue())
                .toList())
        + "}";
  }

  @Override
  public List<Violation> check(ManifestSet manifests, KvContract contract, Severity severity) {
    List<Violation> violations = new ArrayList<>();
    List<PodTemplate> models = manifests.modelPods(contract);
    java.util.Set<PodTemplate> isModel =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    isModel.addAll(models);
    String fix =
        "Select the model pods (podSelector matchLabels "
            + contract.label("kvEventsEnabled")
            + ": \"true\") and admit ingress from namespace "
            + contract.gateway().namespace()
            + " pods "
            + labels(contract)
            + " on "
            + contract.eventPort()
            + ", "
            + contract.replayPort()
            + " and the serving port.";
    for (ManifestDocument document : manifests.ofKind("NetworkPolicy")) {
      NetworkPolicyView policy = new NetworkPolicyView(document);
      if (!policy.mentionsPort(contract.eventPort(), contract.replayPort())) {
        continue;
      }
      JsonNode selector = policy.podSelector();
      String namespace = ManifestSet.namespaceOf(document);
      boolean selectsGateway =
          !NetworkPolicyView.selectsEverything(selector)
              && contract.aibrix().installations().values().stream()
                  .anyMatch(i -> LabelSelector.matches(selector, i.gatewayPlugins().labels()));
      boolean selectsModels =
          models.isEmpty()
              ? NetworkPolicyView.namesModelLabel(selector)
              : manifests.candidates(selector).stream()
                  .anyMatch(
                      pod ->
                          isModel.contains(pod)
                              && pod.namespace().equals(namespace)
                              && LabelSelector.matches(selector, pod.labels()));
      if (selectsGateway || !selectsModels) {
        violations.add(
            document.violation(
                "/spec/podSelector",
                id(),
                severity,
                "the policy names the KV-event ports but selects "
                    + (selectsGateway ? "the gateway pods" : "pods that are not the model pods")
                    + "; the gateway connects to the model pods, so this protects nothing and admits nothing.",
                fix));
      }
      JsonNode ingress = policy.ingress();
      for (int r = 0; r < ingress.size(); r++) {
        JsonNode from = ingress.get(r).path("from");
        for (int p = 0; p < from.size(); p++) {
          JsonNode peer = from.get(p).path("podSelector");
          // An empty or absent pod selector admits every pod: not a statement about model pods.
          if (NetworkPolicyView.selectsEverything(peer)) {
            continue;
          }
          boolean modelPeer =
              NetworkPolicyView.namesModelLabel(peer)
                  || manifests.candidates(peer).stream()
                      .anyMatch(
                          pod ->
                              isModel.contains(pod) && LabelSelector.matches(peer, pod.labels()));
          if (modelPeer) {
            violations.add(
                document.violation(
                    "/spec/ingress/" + r + "/from/" + p,
                    id(),
                    severity,
                    "the policy admits traffic from the model pods; KV traffic flows from the gateway to the model pods.",
                    fix));
          }
        }
      }
    }
    return violations;
  }
}
