package io.github.kvchart.aibrix.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kvchart.aibrix.core.manifest.Violation;
import io.github.kvchart.aibrix.core.validate.Fixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * model-port-label on pods: the gateway sends a request it routes by a strategy to the chosen pod's
 * IP on the pod's own model.aibrix.ai/port, 8000 without it (GetModelPortForPod, AIBrix v0.4.1 to
 * v0.7.0), whatever the workload's own label says.
 */
class ModelPortLabelTest {
  @TempDir Path temp;

  /** A model workload of {@code kind} whose pods carry {@code podLabels} and run vLLM on 8080. */
  private static String model(String kind, String podLabels) {
    return """
        apiVersion: apps/v1
        kind: %s
        metadata: {name: llama, labels: {model.aibrix.ai/name: llama, model.aibrix.ai/port: "8080"}}
        spec:
          selector: {matchLabels: {app: llama}}
          template:
            metadata:
              labels: %s
            spec:
              containers:
                - name: vllm
                  image: vllm/vllm-openai:v0.11.0
                  command: [vllm, serve]
                  args: [m, --served-model-name, llama, --port, "8080"]
        """
        .formatted(kind, podLabels);
  }

  /** The end of a pod's labels that names the metrics port. */
  private static final String METRICS = ", model.aibrix.ai/metric-port: \"8080\"}";

  private List<Violation> found(String yaml) throws Exception {
    return Fixtures.validate(temp, yaml, "1.32");
  }

  @Test
  void podsNameTheirPortForTheGateway() throws Exception {
    assertEquals(
        List.of(),
        found(
            model(
                "Deployment",
                "{app: llama, model.aibrix.ai/name: llama, model.aibrix.ai/port: \"8080\""
                    + METRICS)));
    List<Violation> missing =
        found(model("Deployment", "{app: llama, model.aibrix.ai/name: llama" + METRICS));
    assertEquals(List.of("model-port-label"), missing.stream().map(Violation::rule).toList());
    assertEquals("/spec/template/metadata/labels", missing.get(0).pointer());
    List<Violation> wrong =
        found(
            model(
                "Deployment",
                "{app: llama, model.aibrix.ai/name: llama, model.aibrix.ai/port: \"8000\""
                    + METRICS));
    assertEquals("/spec/template/metadata/labels/model.aibrix.ai~1port", wrong.get(0).pointer());
    // any workload's pods: the gateway's pod cache does not ask who made them (and AIBrix makes
    // no HTTPRoute for a ReplicaSet of its own: model-route's warning)
    assertEquals(
        List.of("model-port-label", "model-route"),
        found(model("ReplicaSet", "{app: llama, model.aibrix.ai/name: llama" + METRICS)).stream()
            .map(Violation::rule)
            .toList());
    // the gateway reads metrics from the metric-port label, not the port label
    List<Violation> metrics =
        found(
            model(
                "Deployment",
                "{app: llama, model.aibrix.ai/name: llama, model.aibrix.ai/port: \"8080\"}"));
    assertEquals(List.of("model-port-label"), metrics.stream().map(Violation::rule).toList());
    assertTrue(metrics.get(0).fix().contains("model.aibrix.ai/metric-port: \"8080\""));
    // unless something declares 8000 (an exporter may serve vLLM's metrics there)
    assertEquals(
        List.of(),
        found(
            model(
                    "Deployment",
                    "{app: llama, model.aibrix.ai/name: llama, model.aibrix.ai/port: \"8080\"}")
                .replace(
                    "args: [m, --served-model-name, llama, --port, \"8080\"]",
                    "args: [m, --served-model-name, llama, --port, \"8080\"]\n"
                        + "        - name: exporter\n"
                        + "          image: example/exporter:1\n"
                        + "          ports: [{containerPort: 8000}]")));
    // pods without the model label are not the gateway's
    assertEquals(List.of(), found(model("ReplicaSet", "{app: llama}")));
  }

  @Test
  void aMetricPortApartFromTheServingPortIsAConnectionOfItsOwn() throws Exception {
    String yaml =
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: llama, labels: {model.aibrix.ai/name: llama}}
        spec:
          selector: {matchLabels: {model.aibrix.ai/name: llama}}
          template:
            metadata:
              labels: {model.aibrix.ai/name: llama, model.aibrix.ai/metric-port: "9090"}
            spec:
              containers:
                - name: vllm
                  image: vllm/vllm-openai:v0.11.0
                  command: [vllm, serve]
                  args: [m, --served-model-name, llama]
                  ports: [{name: serve, containerPort: 8000}]
                - name: exporter
                  image: example/exporter:1
                  ports: [{name: metrics, containerPort: 9090}]
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: allow-aibrix}
        spec:
          podSelector: {matchLabels: {model.aibrix.ai/name: llama}}
          policyTypes: [Ingress]
          ingress:
            - from:
                - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: aibrix-system}}
                  podSelector: {matchLabels: {app: gateway-plugins}}
              ports: [{protocol: TCP, port: 8000}]
            - from:
                - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: envoy-gateway-system}}
                  podSelector: {matchLabels: {app.kubernetes.io/name: envoy}}
              ports: [{protocol: TCP, port: serve}]
        """;
    List<Violation> cut = found(yaml);
    assertEquals(List.of("netpol-traffic"), cut.stream().map(Violation::rule).toList());
    assertTrue(cut.get(0).message().contains("9090"), cut.toString());
    assertEquals(
        List.of(),
        found(
            yaml.replace(
                "ports: [{protocol: TCP, port: 8000}]",
                "ports: [{protocol: TCP, port: 8000}, {protocol: TCP, port: metrics}]")));
  }
}
