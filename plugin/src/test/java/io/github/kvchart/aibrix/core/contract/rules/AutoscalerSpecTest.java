package io.github.kvchart.aibrix.core.contract.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kvchart.aibrix.core.manifest.Violation;
import io.github.kvchart.aibrix.core.validate.Fixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * autoscaler-spec: what AIBrix's PodAutoscaler webhook and controller refuse
 * (podautoscaler_webhook.go and validateSpec, v0.5.0 to v0.7.0) although the CRD schema lets it
 * through.
 */
class AutoscalerSpecTest {
  @TempDir Path temp;

  private static final String GOOD_SOURCE =
      "{metricSourceType: pod, protocolType: http, port: \"8000\", path: metrics,"
          + " targetMetric: kv_cache_usage_perc, targetValue: \"0.5\"}";

  private static String autoscaler(String ref, String replicas, String... sources) {
    return """
        apiVersion: autoscaling.aibrix.ai/v1alpha1
        kind: PodAutoscaler
        metadata: {name: web-as}
        spec:
          scaleTargetRef: %s
        %s  maxReplicas: 4
          scalingStrategy: KPA
          metricsSources:
        %s"""
        .formatted(
            ref,
            replicas.isEmpty() ? "" : "  " + replicas + "\n",
            String.join(
                "", java.util.Arrays.stream(sources).map(s -> "    - " + s + "\n").toList()));
  }

  private static final String REF = "{apiVersion: apps/v1, kind: Deployment, name: web}";

  private List<Violation> spec(String yaml, String aibrix) throws Exception {
    return Fixtures.validate(temp, yaml, "1.32", aibrix).stream()
        .filter(v -> v.rule().equals("autoscaler-spec"))
        .toList();
  }

  @Test
  void aPodAutoscalerAsAibrixWantsItPasses() throws Exception {
    assertEquals(List.of(), spec(autoscaler(REF, "minReplicas: 1", GOOD_SOURCE), null));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no kind | {apiVersion: apps/v1, name: web} | | /spec/scaleTargetRef",
        "min above max | "
            + "{apiVersion: apps/v1, kind: Deployment, name: web} | minReplicas: 5 | /spec/minReplicas",
      })
  void theReferenceAndTheBounds(String what, String ref, String replicas, String pointer)
      throws Exception {
    List<Violation> found =
        spec(autoscaler(ref, replicas == null ? "" : replicas, GOOD_SOURCE), null);
    assertEquals(1, found.size(), found.toString());
    assertEquals(pointer, found.get(0).pointer());
    assertTrue(found.get(0).message().contains("never scales"), found.get(0).message());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "pod without port | {metricSourceType: pod, protocolType: http, path: metrics, targetMetric: kv_cache_usage_perc, targetValue: \"0.5\"} | /spec/metricsSources/0",
        "pod without protocolType | {metricSourceType: pod, port: \"8000\", path: metrics, targetMetric: kv_cache_usage_perc, targetValue: \"0.5\"} | /spec/metricsSources/0",
        "empty targetValue | {metricSourceType: pod, protocolType: http, port: \"8000\", path: metrics, targetMetric: kv_cache_usage_perc, targetValue: \"\"} | /spec/metricsSources/0",
        "targetValue not a number | {metricSourceType: pod, protocolType: http, port: \"8000\", path: metrics, targetMetric: kv_cache_usage_perc, targetValue: \"50%\"} | /spec/metricsSources/0/targetValue",
        "targetValue zero | {metricSourceType: pod, protocolType: http, port: \"8000\", path: metrics, targetMetric: kv_cache_usage_perc, targetValue: \"0\"} | /spec/metricsSources/0/targetValue",
        "resource metric not cpu or memory | {metricSourceType: resource, targetMetric: gpu, targetValue: \"50\"} | /spec/metricsSources/0/targetMetric",
        "resource with a port | {metricSourceType: resource, targetMetric: cpu, targetValue: \"50\", port: \"8000\"} | /spec/metricsSources/0/port",
        "external without endpoint | {metricSourceType: external, protocolType: http, path: /m, targetMetric: queue, targetValue: \"5\"} | /spec/metricsSources/0",
      })
  void eachMetricSourceHasWhatItsTypeNeeds(String what, String source, String pointer)
      throws Exception {
    List<Violation> found = spec(autoscaler(REF, "", source), null);
    assertEquals(1, found.size(), found.toString());
    assertEquals(pointer, found.get(0).pointer());
  }

  @Test
  void quantitiesAreReadAsKubernetesReadsThem() throws Exception {
    for (String value : List.of("0.5", "10", "500m", "1Ki", "2e3", ".5", "+1")) {
      String source = GOOD_SOURCE.replace("targetValue: \"0.5\"", "targetValue: \"" + value + "\"");
      assertEquals(List.of(), spec(autoscaler(REF, "", source), null), value);
    }
    for (String value : List.of("-1", "1K", "0.5 ", "1.2.3", "abc")) {
      String source = GOOD_SOURCE.replace("targetValue: \"0.5\"", "targetValue: \"" + value + "\"");
      assertEquals(1, spec(autoscaler(REF, "", source), null).size(), value);
    }
  }

  @Test
  void twoSourcesAreRefusedAtApplyFromV050() throws Exception {
    String two = autoscaler(REF, "", GOOD_SOURCE, GOOD_SOURCE);
    List<Violation> found = spec(two, null);
    assertEquals(1, found.size(), found.toString());
    assertTrue(found.get(0).message().contains("helm install fail"), found.get(0).message());
    assertEquals(List.of(), spec(two, "v0.4.1"), "v0.4.x has no webhook or spec check");
  }

  @Test
  void theQuantityCheckCameWithV060() throws Exception {
    String source = GOOD_SOURCE.replace("targetValue: \"0.5\"", "targetValue: \"50%\"");
    assertEquals(List.of(), spec(autoscaler(REF, "", source), "v0.5.0"));
    assertEquals(1, spec(autoscaler(REF, "", source), "v0.6.0").size());
  }
}
