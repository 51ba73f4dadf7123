package io.github.kvchart.aibrix.core.contract.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kvchart.aibrix.core.manifest.Violation;
import io.github.kvchart.aibrix.core.validate.Fixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * autoscaler-metric on where AIBrix reads a pod metric: http://pod-IP:port/metrics, looked up under
 * the pod's engine label. A read that fails counts as 0.
 */
class AutoscalerMetricReadTest {
  @TempDir Path temp;

  /** A vLLM model serving on {@code vllmPort}, labelled {@code engine}, and its PodAutoscaler. */
  private static String model(String vllmPort, String engine, String autoscalerPort) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: llama}
        spec:
          selector: {matchLabels: {app: llama}}
          template:
            metadata:
              labels: {app: llama%s}
            spec:
              containers:
                - name: vllm
                  image: vllm/vllm-openai:v0.11.0
                  command: [vllm, serve]
                  args: [meta-llama/Llama-3.1-8B-Instruct%s]
        ---
        apiVersion: autoscaling.aibrix.ai/v1alpha1
        kind: PodAutoscaler
        metadata: {name: llama}
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: llama}
          maxReplicas: 4
          scalingStrategy: KPA
          metricsSources:
            - {metricSourceType: pod, protocolType: http, %spath: metrics, targetMetric: kv_cache_usage_perc, targetValue: "0.5"}
        """
        .formatted(
            engine.isEmpty() ? "" : ", model.aibrix.ai/engine: " + engine,
            vllmPort.isEmpty() ? "" : ", --port, \"" + vllmPort + "\"",
            autoscalerPort.isEmpty() ? "" : "port: \"" + autoscalerPort + "\", ");
  }

  private List<Violation> metric(String yaml, String aibrix) throws Exception {
    return Fixtures.validate(temp, yaml, "1.32", aibrix).stream()
        .filter(v -> v.rule().equals("autoscaler-metric"))
        .toList();
  }

  @Test
  void thePortVllmServesOnPasses() throws Exception {
    assertEquals(List.of(), metric(model("", "vllm", "8000"), null), "vLLM's default 8000");
    assertEquals(List.of(), metric(model("8080", "", "8080"), null));
  }

  @Test
  void anotherPortOrNoneReadsNothing() throws Exception {
    List<Violation> other = metric(model("8080", "", "8000"), null);
    assertEquals(1, other.size(), other.toString());
    assertEquals("/spec/metricsSources/0/port", other.get(0).pointer());
    assertEquals("Set port: \"8080\".", other.get(0).fix());
    // Without a port AIBrix v0.5.0 and later refuse the PodAutoscaler (autoscaler-spec); before,
    // it read from "<pod IP>:" and counted 0.
    assertEquals(List.of(), metric(model("", "", ""), null));
    List<Violation> none = metric(model("", "", ""), "v0.4.1");
    assertEquals(1, none.size(), none.toString());
    assertTrue(none.get(0).message().startsWith("no port"), none.get(0).message());
  }

  @Test
  void aVllmPodLabelledAnotherEngineReadsNothingFromV050() throws Exception {
    List<Violation> wrong = metric(model("", "vLLM", "8000"), null);
    assertEquals(1, wrong.size(), wrong.toString());
    assertEquals("Deployment", wrong.get(0).kind());
    assertEquals("Set model.aibrix.ai/engine: vllm.", wrong.get(0).fix());
    assertEquals(
        List.of(),
        metric(model("", "vLLM", "8000"), "v0.4.1"),
        "before the metric registry AIBrix did not read the engine label");
  }
}
