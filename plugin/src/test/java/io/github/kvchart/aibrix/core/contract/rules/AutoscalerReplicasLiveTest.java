package io.github.kvchart.aibrix.core.contract.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kvchart.aibrix.core.manifest.Violation;
import io.github.kvchart.aibrix.core.validate.Fixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * autoscaler-replicas on what kubectl get -o yaml writes: the API server fills in spec.replicas, so
 * a live Deployment is reported only when the manifest kubectl apply recorded set it.
 */
class AutoscalerReplicasLiveTest {
  @TempDir Path temp;

  private static final String AUTOSCALER =
      """
      ---
      apiVersion: autoscaling.aibrix.ai/v1alpha1
      kind: PodAutoscaler
      metadata: {name: web-hpa}
      spec:
        scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
        minReplicas: 1
        maxReplicas: 4
        scalingStrategy: HPA
        metricsSources:
          - {metricSourceType: resource, targetMetric: cpu, targetValue: "50"}
      """;

  private List<String> rules(String metadata) throws Exception {
    return Fixtures.validate(
            temp, Fixtures.deployment(metadata, "replicas: 1") + AUTOSCALER, "1.32")
        .stream()
        .map(Violation::rule)
        .toList();
  }

  private static final String LIVE =
      "uid: 2f0c1c9e-1d7b-4c44-9a0e-3b1f7c2d5e6f\nresourceVersion: \"81234\"";

  @Test
  void aManifestThatSetsReplicasIsReported() throws Exception {
    assertEquals(List.of("autoscaler-replicas"), rules("labels: {app: web}"));
  }

  @Test
  void aLiveObjectWithoutARecordIsNotReported() throws Exception {
    assertEquals(List.of(), rules(LIVE));
  }

  @Test
  void aLiveObjectIsReportedWhenWhatKubectlAppliedSetReplicas() throws Exception {
    String applied =
        "annotations:\n  kubectl.kubernetes.io/last-applied-configuration: |\n"
            + "    {\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"spec\":{\"replicas\":1}}";
    assertEquals(List.of("autoscaler-replicas"), rules(LIVE + "\n" + applied));
    assertEquals(
        List.of(),
        rules(LIVE + "\n" + applied.replace("\"replicas\":1", "\"paused\":false")),
        "applied without replicas: the server's default");
    assertEquals(List.of(), rules(LIVE + "\n" + applied.replace("{\"apiVersion", "{broken")));
  }
}
