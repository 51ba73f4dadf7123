package io.github.kvchart.aibrix.core.contract.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.contract.ContractRule;
import io.github.kvchart.aibrix.core.contract.KvContract;
import io.github.kvchart.aibrix.core.contract.ManifestSet;
import io.github.kvchart.aibrix.core.contract.PodTemplate;
import io.github.kvchart.aibrix.core.contract.VllmContainer;
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import io.github.kvchart.aibrix.core.manifest.Severity;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * model-port-label: AIBrix's model router builds a model's HTTPRoute from the own labels of its
 * Deployment, RayClusterFleet or (from AIBrix v0.6.0, when its CRD is installed) LeaderWorkerSet
 * (the kinds it watches, modelrouter_controller.go), taking the port from {@code
 * model.aibrix.ai/port} (8000 when absent); and the gateway sends a request it routes by a strategy
 * to the pod's IP on the pod's own {@code model.aibrix.ai/port} (GetModelPortForPod, 8000 when
 * absent; AIBrix v0.4.1 to v0.7.0). A model served on another port needs the label on the workload
 * and on its pods, and the label must name the port vLLM serves on.
 */
public final class ModelPortLabelRule implements ContractRule {
  @Override
  public String id() {
    return "model-port-label";
  }

  @Override
  public String description() {
    return "The model.aibrix.ai/port label of a model Deployment (RayClusterFleet,"
        + " LeaderWorkerSet) and of its pods names the port vLLM serves on.";
  }

  @Override
  public List<Violation> check(ManifestSet manifests, KvContract contract, Severity severity) {
    List<Violation> violations = new ArrayList<>();
    String portLabel = contract.label("port");
    for (ManifestDocument workload : manifests.routedWorkloads()) {
      JsonNode labels = workload.root().path("metadata").path("labels");
      // A fleet of another API group has no pod templates here, and no route from AIBrix.
      if (!labels.path(contract.label("name")).isTextual()
          || manifests.podTemplates(workload).isEmpty()
          || manifests.podTemplates(workload).stream().anyMatch(PodTemplate::vllmPortUnknown)) {
        continue; // no route from AIBrix, or a --port whose value is not in the manifest
      }
      // The port vLLM serves on in any of the workload's templates (a Ray head group runs it,
      // its workers do not).
      var served =
          manifests.podTemplates(workload).stream()
              .map(PodTemplate::vllmPort)
              .filter(java.util.OptionalInt::isPresent)
              .findFirst()
              .orElse(java.util.OptionalInt.empty());
      int serving = served.orElse(contract.defaultServingPort());
      JsonNode label = labels.path(portLabel);
      if (label.isMissingNode()) {
        if (serving != contract.defaultServingPort()) {
          violations.add(
              workload.violation(
                  "/metadata/labels",
                  id(),
                  severity,
                  "vLLM serves on "
                      + serving
                      + " but the "
                      + workload.kind()
                      + " has no "
                      + portLabel
                      + " label, so AIBrix routes the model's requests to "
                      + contract.defaultServingPort()
                      + ".",
                  "Add "
                      + portLabel
                      + ": \""
                      + serving
                      + "\" to the "
                      + workload.kind()
                      + "'s labels."));
        }
      } else if (!label.asText().equals(Integer.toString(serving))) {
        violations.add(
            workload.violation(
                "/metadata/labels/" + portLabel.replace("/", "~1"),
                id(),
                severity,
                portLabel
                    + " is "
                    + label
                    + " but vLLM serves on "
                    + serving
                    + (served.isPresent() ? " (--port)" : " (its default)")
                    + ": AIBrix routes the model's requests to a port nobody listens on.",
                "Set " + portLabel + ": \"" + serving + "\"."));
      }
    }
    for (PodTemplate pod : manifests.modelPods(contract)) {
      checkPod(pod, contract, severity, violations);
    }
    return violations;
  }

  /** The pod's own port label, which the gateway sends strategy-routed requests to. */
  private void checkPod(
      PodTemplate pod, KvContract contract, Severity severity, List<Violation> violations) {
    String portLabel = contract.label("port");
    if (!pod.label(contract.label("name")).isTextual()
        || pod.containers().stream().noneMatch(VllmContainer::servesApi)
        || pod.vllmPortUnknown()) {
      return; // not a pod the gateway routes to, or a --port the manifest does not give
    }
    int serving = pod.listeningPort(contract);
    JsonNode label = pod.label(portLabel);
    String where = pod.role() == null ? "pod template" : "role '" + pod.role() + "' pod template";
    if (label.isMissingNode() && serving != contract.defaultServingPort()) {
      violations.add(
          missing(
              pod,
              where,
              portLabel,
              serving,
              "",
              "the gateway sends the requests it routes by a strategy (prefix-cache,"
                  + " least-request, ...) to port "
                  + contract.defaultServingPort()
                  + " of the pod.",
              severity));
    } else if (label.isTextual() && !label.asText().equals(Integer.toString(serving))) {
      violations.add(
          pod.document()
              .violation(
                  pod.labelsPointer() + "/" + portLabel.replace("/", "~1"),
                  id(),
                  severity,
                  "the "
                      + where
                      + "'s "
                      + portLabel
                      + " is "
                      + label
                      + " but vLLM serves on "
                      + serving
                      + ": the gateway sends the requests it routes by a strategy to a port nobody"
                      + " listens on.",
                  "Set " + portLabel + ": \"" + serving + "\"."));
    }
    checkMetricPort(pod, where, serving, contract, severity, violations);
  }

  /**
   * The gateway scrapes a pod's metrics (what its metric-based strategies route by) on its
   * model.aibrix.ai/metric-port, 8000 without it: not on the port label (getPodMetricPort, AIBrix
   * v0.4.1 to v0.7.0). vLLM serves /metrics on its API port. Reported only when the label is
   * missing and no container declares port 8000 (something else may serve metrics there).
   */
  private void checkMetricPort(
      PodTemplate pod,
      String where,
      int serving,
      KvContract contract,
      Severity severity,
      List<Violation> violations) {
    String metricLabel = contract.label("metricPort");
    int fallback = contract.defaultServingPort();
    if (serving == fallback
        || !pod.label(metricLabel).isMissingNode()
        || pod.containers().stream().anyMatch(c -> c.containerPorts().containsKey(fallback))) {
      return;
    }
    violations.add(
        missing(
            pod,
            where,
            metricLabel,
            serving,
            " its metrics",
            "the gateway reads the pod's metrics from port "
                + fallback
                + " (it does not use "
                + contract.label("port")
                + " for them) and its metric-based routing sees no load.",
            severity));
  }

  /** A pod template without {@code label}, which must name {@code serving}. */
  private Violation missing(
      PodTemplate pod,
      String where,
      String label,
      int serving,
      String what,
      String consequence,
      Severity severity) {
    return pod.document()
        .violation(
            pod.labelsPointer(),
            id(),
            severity,
            "vLLM serves"
                + what
                + " on "
                + serving
                + " but the "
                + where
                + " has no "
                + label
                + " label, so "
                + consequence,
            "Add " + label + ": \"" + serving + "\" to the " + where + "'s labels.");
  }
}
