package io.github.kvchart.aibrix.core.contract.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.contract.ContractRule;
import io.github.kvchart.aibrix.core.contract.KvContract;
import io.github.kvchart.aibrix.core.contract.ManifestSet;
import io.github.kvchart.aibrix.core.contract.NetworkPolicyView;
import io.github.kvchart.aibrix.core.contract.PodTemplate;
import io.github.kvchart.aibrix.core.contract.VllmContainer;
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import io.github.kvchart.aibrix.core.manifest.Severity;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * netpol-blocks-serving: a policy that selects model pods denies every ingress it does not admit,
 * so the policies selecting a model pod must, together, keep its serving port open to the gateway.
 */
public final class NetpolBlocksServingRule implements ContractRule {
  @Override
  public String id() {
    return "netpol-blocks-serving";
  }

  @Override
  public String description() {
    return "Policies selecting the model pods keep the serving port open to the gateway.";
  }

  @Override
  public List<Violation> check(ManifestSet manifests, KvContract contract, Severity severity) {
    List<Violation> violations = new ArrayList<>();
    java.util.Map<PodTemplate, List<NetworkPolicyView>> byPod = new java.util.IdentityHashMap<>();
    for (ManifestDocument document : manifests.ofKind("NetworkPolicy")) {
      NetworkPolicyView policy = new NetworkPolicyView(document);
      if (policy.restrictsIngress()) {
        for (PodTemplate pod : manifests.selectedBy(policy.podSelector())) {
          byPod.computeIfAbsent(pod, p -> new ArrayList<>()).add(policy);
        }
      }
    }
    for (PodTemplate pod : manifests.modelPods(contract)) {
      List<NetworkPolicyView> selecting = byPod.getOrDefault(pod, List.of());
      if (selecting.isEmpty()) {
        continue;
      }
      int port = servingPort(pod, contract);
      String portName = servingPortName(pod, port);
      boolean open =
          selecting.stream()
              .anyMatch(
                  policy -> {
                    for (JsonNode rule : policy.ingress()) {
                      if (NetworkPolicyView.admitsPort(rule, port, portName)
                          && NetworkPolicyView.admitsGateway(rule, contract.gatewayPodLabels())) {
                        return true;
                      }
                    }
                    return false;
                  });
      if (!open) {
        ManifestDocument document = selecting.get(0).document();
        violations.add(
            document.violation(
                "/spec/ingress",
                id(),
                severity,
                "this policy selects the pods of "
                    + pod.document().kind()
                    + " '"
                    + pod.document().name()
                    + "' but no policy admits the gateway to their serving port "
                    + port
                    + ": the model stops serving.",
                "Add port "
                    + port
                    + " to the ingress rule that admits the gateway pods "
                    + NetpolDirectionRule.labels(contract)
                    + "."));
      }
    }
    return violations;
  }

  /** The serving port: the model.aibrix.ai/port label, else --port, else 8000. */
  static int servingPort(PodTemplate pod, KvContract contract) {
    JsonNode label = pod.label(contract.label("port"));
    if (label.isTextual() && label.asText().matches("[0-9]{1,5}")) {
      return Integer.parseInt(label.asText());
    }
    for (VllmContainer container : pod.containers()) {
      var flag = container.flag("--port");
      if (flag.isPresent()
          && flag.get().value() != null
          && flag.get().value().matches("[0-9]{1,5}")) {
        return Integer.parseInt(flag.get().value());
      }
    }
    return contract.defaultServingPort();
  }

  private static String servingPortName(PodTemplate pod, int port) {
    for (VllmContainer container : pod.containers()) {
      String name = container.containerPorts().get(port);
      if (name != null) {
        return name;
      }
    }
    return "";
  }
}
