package io.github.kvchart.aibrix.core.contract.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kvchart.aibrix.core.contract.KvContract;
import io.github.kvchart.aibrix.core.contract.MetricVerdict;
import io.github.kvchart.aibrix.core.image.Version;
import io.github.kvchart.aibrix.core.manifest.Violation;
import io.github.kvchart.aibrix.core.validate.Fixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * autoscaler-metric's verdicts over AIBrix v0.5/v0.6/v0.7 x vLLM v0.9/v0.10/v0.11/v0.12 x metric,
 * each through validate on a Deployment and its PodAutoscaler. Facts: AIBrix maps
 * kv_cache_usage_perc from v0.6.0; vLLM adds vllm:kv_cache_usage_perc in v0.10, hides
 * vllm:gpu_cache_usage_perc from v0.11 (back with --show-hidden-metrics-for-version=0.10) and
 * removes it in v0.12.
 */
class AutoscalerMetricTableTest {
  @TempDir Path temp;

  @ParameterizedTest(name = "AIBrix {0}, vLLM {1}, {2} {3}: {4}")
  @CsvSource({
    // AIBrix, vLLM, metric, hidden-metrics flag, works
    "v0.5.0, v0.9.0, gpu_cache_usage_perc, , true",
    "v0.5.0, v0.10.0, gpu_cache_usage_perc, , true",
    "v0.5.0, v0.11.0, gpu_cache_usage_perc, , false",
    "v0.5.0, v0.11.0, gpu_cache_usage_perc, 0.10, true",
    "v0.5.0, v0.11.0, gpu_cache_usage_perc, 0.9, false",
    "v0.5.0, v0.12.0, gpu_cache_usage_perc, , false",
    "v0.5.0, v0.12.0, gpu_cache_usage_perc, 0.10, false",
    "v0.5.0, v0.9.0, kv_cache_usage_perc, , false",
    "v0.5.0, v0.10.0, kv_cache_usage_perc, , false",
    "v0.5.0, v0.11.0, kv_cache_usage_perc, , false",
    "v0.5.0, v0.12.0, kv_cache_usage_perc, , false",
    "v0.5.0, v0.12.0, num_requests_waiting, , true",
    "v0.5.0, v0.9.0, made_up_metric, , false",
    "v0.6.0, v0.9.0, gpu_cache_usage_perc, , true",
    "v0.6.0, v0.10.0, gpu_cache_usage_perc, , true",
    "v0.6.0, v0.11.0, gpu_cache_usage_perc, , false",
    "v0.6.0, v0.11.0, gpu_cache_usage_perc, 0.10, true",
    "v0.6.0, v0.12.0, gpu_cache_usage_perc, , false",
    "v0.6.0, v0.9.0, kv_cache_usage_perc, , false",
    "v0.6.0, v0.10.0, kv_cache_usage_perc, , true",
    "v0.6.0, v0.11.0, kv_cache_usage_perc, , true",
    "v0.6.0, v0.12.0, kv_cache_usage_perc, , true",
    "v0.6.0, v0.11.0, num_requests_running, , true",
    "v0.6.0, v0.10.0, made_up_metric, , false",
    "v0.7.0, v0.9.0, gpu_cache_usage_perc, , true",
    "v0.7.0, v0.10.0, gpu_cache_usage_perc, , true",
    "v0.7.0, v0.11.0, gpu_cache_usage_perc, , false",
    "v0.7.0, v0.11.0, gpu_cache_usage_perc, 0.10, true",
    "v0.7.0, v0.12.0, gpu_cache_usage_perc, , false",
    "v0.7.0, v0.9.0, kv_cache_usage_perc, , false",
    "v0.7.0, v0.10.0, kv_cache_usage_perc, , true",
    "v0.7.0, v0.11.0, kv_cache_usage_perc, , true",
    "v0.7.0, v0.12.0, kv_cache_usage_perc, , true",
    "v0.7.0, v0.9.0, cpu_cache_usage_perc, , false",
    "v0.7.0, v0.12.0, num_requests_waiting, , true",
    "v0.7.0, v0.11.0, made_up_metric, , false",
  })
  void verdict(String aibrix, String vllm, String metric, String hidden, boolean works)
      throws Exception {
    List<String> flag =
        hidden == null
            ? List.of()
            : List.of("--show-hidden-metrics-for-version", "\"" + hidden + "\"");
    List<Violation> found = metricFindings(model(vllm, flag, "", "8000", metric), aibrix);
    assertEquals(works, found.isEmpty(), found.toString());
    if (!works) {
      Violation violation = found.get(0);
      assertEquals("m.yaml", violation.file());
      assertEquals(25, violation.line() - (hidden == null ? 0 : 2), violation.toConsoleLine());
    }
    assertEquals(
        works,
        MetricVerdict.of(
                KvContract.builtIn(), Version.parse(aibrix), Version.parse(vllm), metric, hidden)
            .works());
  }

  @ParameterizedTest(name = "AIBrix {0}, vLLM {1}: {2}")
  @CsvSource({
    "v0.5.0, v0.9.0, gpu_cache_usage_perc",
    "v0.5.0, v0.10.0, gpu_cache_usage_perc",
    "v0.5.0, v0.11.0, none",
    "v0.5.0, v0.12.0, none",
    "v0.6.0, v0.9.0, gpu_cache_usage_perc",
    "v0.6.0, v0.10.0, kv_cache_usage_perc",
    "v0.6.0, v0.11.0, kv_cache_usage_perc",
    "v0.7.0, v0.11.0, kv_cache_usage_perc",
    "v0.7.0, v0.12.0, kv_cache_usage_perc",
  })
  void theKvCacheMetricGenerateChooses(String aibrix, String vllm, String expected) {
    String chosen =
        MetricVerdict.kvCacheMetric(
            KvContract.builtIn(), Version.parse(aibrix), Version.parse(vllm), null);
    assertEquals(expected, chosen == null ? "none" : chosen);
  }

  /**
   * A vLLM Deployment (image tag, extra args, model.aibrix.ai/engine label or "") and its
   * PodAutoscaler reading {@code metric} on {@code port} ("" for none). The metric source is on
   * line 25 when there are no extra args.
   */
  static String model(String tag, List<String> args, String engine, String port, String metric) {
    StringBuilder extra = new StringBuilder();
    args.forEach(arg -> extra.append("            - ").append(arg).append('\n'));
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
                  image: vllm/vllm-openai:%s
                  command: [vllm, serve]
                  args:
                    - meta-llama/Llama-3.1-8B-Instruct
        %s---
        apiVersion: autoscaling.aibrix.ai/v1alpha1
        kind: PodAutoscaler
        metadata: {name: llama}
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: llama}
          maxReplicas: 4
          scalingStrategy: KPA
          metricsSources:
            - {metricSourceType: pod, protocolType: http, %spath: metrics, targetMetric: %s, targetValue: "0.5"}
        """
        .formatted(
            engine.isEmpty() ? "" : ", model.aibrix.ai/engine: " + engine,
            tag,
            extra,
            port.isEmpty() ? "" : "port: \"" + port + "\", ",
            metric);
  }

  /** The autoscaler-metric findings on {@code yaml}, for an AIBrix release (null: the newest). */
  List<Violation> metricFindings(String yaml, String aibrix) throws Exception {
    return Fixtures.validate(temp, yaml, "1.32", aibrix).stream()
        .filter(v -> v.rule().equals("autoscaler-metric"))
        .toList();
  }

  @Test
  void thePortVllmServesOnPasses() throws Exception {
    String metric = "kv_cache_usage_perc";
    assertEquals(
        List.of(),
        metricFindings(model("v0.11.0", List.of(), "vllm", "8000", metric), null),
        "vLLM's default 8000");
    assertEquals(
        List.of(),
        metricFindings(model("v0.11.0", List.of("--port", "\"8080\""), "", "8080", metric), null));
  }

  @Test
  void anotherPortReadsNothing() throws Exception {
    String metric = "kv_cache_usage_perc";
    List<Violation> other =
        metricFindings(model("v0.11.0", List.of("--port", "\"8080\""), "", "8000", metric), null);
    assertEquals(1, other.size(), other.toString());
    assertEquals("/spec/metricsSources/0/port", other.get(0).pointer());
    assertEquals("Set port: \"8080\".", other.get(0).fix());
    // Without a port AIBrix v0.5.0 and later refuse the PodAutoscaler (autoscaler-spec); before,
    // it read from "<pod IP>:" and counted 0.
    assertEquals(List.of(), metricFindings(model("v0.11.0", List.of(), "", "", metric), null));
    List<Violation> none = metricFindings(model("v0.11.0", List.of(), "", "", metric), "v0.4.1");
    assertEquals(1, none.size(), none.toString());
    assertTrue(none.get(0).message().startsWith("no port"), none.get(0).message());
  }

  @Test
  void aVllmPodLabelledAnotherEngineReadsNothingFromV050() throws Exception {
    String yaml = model("v0.11.0", List.of(), "vLLM", "8000", "kv_cache_usage_perc");
    List<Violation> wrong = metricFindings(yaml, null);
    assertEquals(1, wrong.size(), wrong.toString());
    assertEquals("Deployment", wrong.get(0).kind());
    assertEquals("Set model.aibrix.ai/engine: vllm.", wrong.get(0).fix());
    assertEquals(
        List.of(),
        metricFindings(yaml, "v0.4.1"),
        "before the metric registry AIBrix did not read the engine label");
  }
}
