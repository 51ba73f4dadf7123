package io.github.kvchart.aibrix.core.contract.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.Digits;
import io.github.kvchart.aibrix.core.contract.AibrixPods;
import io.github.kvchart.aibrix.core.contract.ContractRule;
import io.github.kvchart.aibrix.core.contract.Installation;
import io.github.kvchart.aibrix.core.contract.KvContract;
import io.github.kvchart.aibrix.core.contract.KvSubject;
import io.github.kvchart.aibrix.core.contract.ManifestSet;
import io.github.kvchart.aibrix.core.contract.PodNetwork;
import io.github.kvchart.aibrix.core.contract.PodTemplate;
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import io.github.kvchart.aibrix.core.manifest.Severity;
import io.github.kvchart.aibrix.core.manifest.Violation;
import io.github.kvchart.aibrix.core.netpol.NetworkPolicyEvaluator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * netpol-traffic: every connection AIBrix makes to a model pod gets through the NetworkPolicies
 * that select it: the gateway plugins on the KV-event, replay and serving ports, the Envoy proxies
 * on the serving port, and the controller manager on the metrics port of an autoscaled model. The
 * AIBrix pods, with their namespaces and labels, come from the contract's installations; unless one
 * is named, the policies must work for at least one of them.
 */
public final class NetpolTrafficRule implements ContractRule {
  private final String installation;

  /** {@code installation} is the contract id of the user's AIBrix installation, or null for any. */
  public NetpolTrafficRule(String installation) {
    this.installation = installation;
  }

  @Override
  public String id() {
    return "netpol-traffic";
  }

  @Override
  public String description() {
    return "NetworkPolicies selecting a model pod admit every connection AIBrix makes to it.";
  }

  /** One connection AIBrix needs. */
  record Flow(String who, AibrixPods from, int port, String why, String consequence) {}

  @Override
  public List<Violation> check(ManifestSet manifests, KvContract contract, Severity severity) {
    if (manifests.ofKind("NetworkPolicy").isEmpty()) {
      return List.of();
    }
    PodNetwork network = new PodNetwork(manifests);
    List<Installation> candidates =
        installation == null
            ? List.copyOf(contract.aibrix().installations().values())
            : List.of(contract.installation(installation));
    List<Cut> best = null;
    Installation bestInstallation = null;
    for (Installation candidate : candidates) {
      List<Cut> cuts = cuts(manifests, contract, network, candidate);
      if (cuts.isEmpty()) {
        return List.of();
      }
      if (best == null || cuts.size() < best.size()) {
        best = cuts;
        bestInstallation = candidate;
      }
    }
    String note =
        installation == null && candidates.size() > 1
            ? " (checked for AIBrix installed with "
                + bestInstallation.description()
                + ", the installation it comes closest to; it works for none of "
                + candidates.stream().map(Installation::id).collect(Collectors.joining(", "))
                + ". Name yours with aibrix-chart.aibrixInstallation.)"
            : "";
    List<Violation> violations = new ArrayList<>();
    for (Cut cut : best) {
      Violation violation = violation(network, cut, severity);
      violations.add(
          note.isEmpty() ? violation : violation.withMessage(violation.message() + note));
    }
    return violations;
  }

  /** One denied connection, before it is located in a file (locating costs a re-read). */
  private record Cut(PodTemplate pod, Flow flow, List<NetworkPolicyEvaluator.Policy> selecting) {}

  private List<Cut> cuts(
      ManifestSet manifests, KvContract contract, PodNetwork network, Installation installation) {
    List<Cut> cuts = new ArrayList<>();
    Map<String, List<ManifestDocument>> autoscalers = autoscalersByTarget(manifests);
    for (PodTemplate pod : manifests.modelPods(contract)) {
      if (!pod.label(contract.label("name")).isTextual()) {
        continue;
      }
      var target = network.target(pod);
      List<NetworkPolicyEvaluator.Policy> selecting = network.evaluator().selecting(target);
      if (selecting.isEmpty()) {
        continue;
      }
      for (Flow flow : flows(manifests, contract, pod, installation, autoscalers)) {
        var decision =
            network
                .evaluator()
                .ingress(target, selecting, network.source(flow.from()), flow.port(), "TCP");
        if (!decision.admitted()) {
          cuts.add(new Cut(pod, flow, selecting));
        }
      }
    }
    return cuts;
  }

  private List<Flow> flows(
      ManifestSet manifests,
      KvContract contract,
      PodTemplate pod,
      Installation installation,
      Map<String, List<ManifestDocument>> autoscalers) {
    List<Flow> flows = new ArrayList<>();
    int serving = pod.servingPort(contract);
    AibrixPods gateway = installation.gatewayPlugins();
    flows.add(
        new Flow(
            "the Envoy proxies"
                + (installation.envoy() == null ? " (inside the gateway-plugins pods)" : ""),
            installation.requestSenders(),
            serving,
            "inference requests",
            "the model stops serving through the gateway"));
    // The gateway scrapes metrics on the pod's metric-port label (8000 without it); a label
    // elsewhere than the serving port is a connection of its own.
    JsonNode metricLabel = pod.label(contract.label("metricPort"));
    int metrics = metricLabel.isTextual() ? Digits.value(metricLabel.asText(), 5) : -1;
    boolean apart = metrics > 0 && metrics != serving;
    flows.add(
        new Flow(
            "the gateway plugins",
            gateway,
            serving,
            apart ? "remote tokenizer" : "remote tokenizer and metrics",
            apart
                ? "prefix-cache routing loses its tokenizer"
                : "prefix-cache routing loses its tokenizer and the pod's metrics"));
    if (apart) {
      flows.add(
          new Flow(
              "the gateway plugins",
              gateway,
              metrics,
              "metrics (" + contract.label("metricPort") + ")",
              "metric-based routing loses the pod's metrics"));
    }
    if (contract
        .kvEventsEnabledValue()
        .equals(pod.label(contract.label("kvEventsEnabled")).asText(null))) {
      // A pod that binds other ports than the gateway's is kv-port-mismatch's finding, not ours.
      KvSubject subject = manifests.subject(pod, contract);
      boolean known = subject != null && subject.config() != null;
      if (!known || subject.port("endpoint") == contract.eventPort()) {
        flows.add(
            new Flow(
                "the gateway plugins",
                gateway,
                contract.eventPort(),
                "KV events",
                "the gateway never hears this pod's KV-cache events"));
      }
      if (!known || subject.port("replay_endpoint") == contract.replayPort()) {
        flows.add(
            new Flow(
                "the gateway plugins",
                gateway,
                contract.replayPort(),
                "KV event replay",
                "the gateway cannot recover events it missed"));
      }
    }
    for (int port : autoscalerPorts(autoscalers, pod, serving)) {
      flows.add(
          new Flow(
              "the AIBrix controller manager",
              installation.controllerManager(),
              port,
              "autoscaler metrics",
              "the autoscaler reads 0 and scales the model down"));
    }
    return flows;
  }

  /** PodAutoscalers by the workload they scale: "namespace/kind/name". */
  static Map<String, List<ManifestDocument>> autoscalersByTarget(ManifestSet manifests) {
    Map<String, List<ManifestDocument>> byTarget = new java.util.HashMap<>();
    for (ManifestDocument autoscaler : manifests.ofKind("PodAutoscaler")) {
      JsonNode ref = autoscaler.root().path("spec").path("scaleTargetRef");
      String key =
          ManifestSet.namespaceOf(autoscaler)
              + "/"
              + ref.path("kind").asText("")
              + "/"
              + ref.path("name").asText();
      byTarget.computeIfAbsent(key, k -> new ArrayList<>()).add(autoscaler);
    }
    return byTarget;
  }

  /**
   * The metrics ports of the PodAutoscalers that scale this pod's workload (or its role) from pod
   * metrics.
   */
  static List<Integer> autoscalerPorts(
      Map<String, List<ManifestDocument>> autoscalers, PodTemplate pod, int serving) {
    List<Integer> ports = new ArrayList<>();
    ManifestDocument workload = pod.document();
    String key = pod.namespace() + "/" + workload.kind() + "/" + workload.name();
    for (ManifestDocument autoscaler : autoscalers.getOrDefault(key, List.of())) {
      if (!io.github.kvchart.aibrix.core.contract.ScaleTarget.reads(autoscaler, pod)) {
        continue;
      }
      for (JsonNode source : autoscaler.root().path("spec").path("metricsSources")) {
        if (!"pod".equals(source.path("metricSourceType").asText())) {
          continue;
        }
        String port = source.path("port").asText("");
        int number = Digits.value(port, 5);
        if (number < 0) {
          number = serving;
        }
        if (!ports.contains(number)) {
          ports.add(number);
        }
      }
    }
    return ports;
  }

  private Violation violation(PodNetwork network, Cut cut, Severity severity) {
    PodTemplate pod = cut.pod();
    Flow flow = cut.flow();
    List<NetworkPolicyEvaluator.Policy> selecting = cut.selecting();
    NetworkPolicyEvaluator.Policy first = selecting.get(0);
    ManifestDocument document = network.document(first);
    String names =
        selecting.stream().map(p -> "'" + p.name() + "'").collect(Collectors.joining(", "));
    String message =
        "NetworkPolic"
            + (selecting.size() == 1 ? "y " : "ies ")
            + names
            + " cut "
            + flow.who()
            + " (namespace "
            + flow.from().namespace()
            + ", pods "
            + labels(flow.from().labels())
            + ") off port "
            + flow.port()
            + " of "
            + pod.document().kind()
            + " '"
            + pod.document().name()
            + "' ("
            + flow.why()
            + "): "
            + flow.consequence()
            + ".";
    String fix =
        "Add to NetworkPolicy '"
            + first.name()
            + "' an ingress rule: from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: "
            + flow.from().namespace()
            + "}}, podSelector: {matchLabels: "
            + labels(flow.from().labels())
            + "}}], ports: [{protocol: TCP, port: "
            + flow.port()
            + "}].";
    String pointer =
        document.root().path("spec").has("ingress") ? "/spec/ingress" : "/spec/podSelector";
    return document.violation(pointer, id(), severity, message, fix);
  }

  static String labels(Map<String, String> labels) {
    return labels.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey() + ": " + e.getValue())
        .collect(Collectors.joining(", ", "{", "}"));
  }
}
