package io.github.kvchart.aibrix.core.contract.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kvchart.aibrix.core.BuildLog;
import io.github.kvchart.aibrix.core.contract.KvContract;
import io.github.kvchart.aibrix.core.contract.MetricVerdict;
import io.github.kvchart.aibrix.core.image.Version;
import io.github.kvchart.aibrix.core.manifest.Violation;
import io.github.kvchart.aibrix.core.validate.ManifestValidator;
import io.github.kvchart.aibrix.core.validate.ValidateRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    String flag =
        hidden == null
            ? ""
            : "            - --show-hidden-metrics-for-version\n            - \"" + hidden + "\"\n";
    Path file = temp.resolve("model.yaml");
    Files.writeString(
        file,
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: llama}
        spec:
          selector: {matchLabels: {app: llama}}
          template:
            metadata:
              labels: {app: llama}
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
            - {metricSourceType: pod, protocolType: http, port: "8000", path: metrics, targetMetric: %s, targetValue: "0.5"}
        """
            .formatted(vllm, flag, metric));
    List<Violation> found =
        new ManifestValidator()
                .validate(
                    new ValidateRequest(
                        temp,
                        List.of(file),
                        List.of(),
                        List.of(),
                        "1.32",
                        List.of(),
                        1,
                        null,
                        null,
                        aibrix),
                    BuildLog.SILENT)
                .violations()
                .stream()
                .filter(v -> v.rule().equals("autoscaler-metric"))
                .toList();
    assertEquals(works, found.isEmpty(), found.toString());
    if (!works) {
      Violation violation = found.get(0);
      assertEquals(file.getFileName().toString(), violation.file());
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
}
