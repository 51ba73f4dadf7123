package io.github.kvchart.aibrix.core.contract.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.Json;
import io.github.kvchart.aibrix.core.contract.AibrixPods;
import io.github.kvchart.aibrix.core.contract.ContractRule;
import io.github.kvchart.aibrix.core.contract.Installation;
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
import java.util.Map;

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
      if (!selectsGateway
          && !selectsModels
          && !namespace.equals(contract.gateway().namespace())
          && !admitsAibrix(policy, contract, manifests, isModel)) {
        continue; // another application's policy on these port numbers (Dex uses 5556-5558)
      }
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
        JsonNode from = Json.items(ingress.get(r).path("from"));
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

  /**
   * Whether a peer of the policy is an AIBrix pod: the gateway plugins, the controller manager or
   * Envoy of any installation the contract knows, a model pod, or any pod of the gateway's
   * namespace.
   */
  private static boolean admitsAibrix(
      NetworkPolicyView policy,
      KvContract contract,
      ManifestSet manifests,
      java.util.Set<PodTemplate> isModel) {
    for (JsonNode peer : policy.peers()) {
      JsonNode pods = peer.path("podSelector");
      JsonNode namespaces = peer.path("namespaceSelector");
      if (LabelSelector.matches(
              namespaces, Map.of("kubernetes.io/metadata.name", contract.gateway().namespace()))
          && !NetworkPolicyView.selectsEverything(namespaces)) {
        return true;
      }
      if (NetworkPolicyView.selectsEverything(pods)) {
        continue;
      }
      if (NetworkPolicyView.namesModelLabel(pods)) {
        return true;
      }
      for (Installation installation : contract.aibrix().installations().values()) {
        for (AibrixPods aibrix :
            java.util.Arrays.asList(
                installation.gatewayPlugins(),
                installation.controllerManager(),
                installation.envoy())) {
          if (aibrix != null && LabelSelector.matches(pods, aibrix.labels())) {
            return true;
          }
        }
      }
      for (PodTemplate pod : manifests.candidates(pods)) {
        if (isModel.contains(pod) && LabelSelector.matches(pods, pod.labels())) {
          return true;
        }
      }
    }
    return false;
  }
}
