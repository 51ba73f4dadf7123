package io.github.kvchart.aibrix.core.contract.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kvchart.aibrix.core.manifest.Violation;
import io.github.kvchart.aibrix.core.validate.Fixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** autoscaler-ref: the group, kind and name AIBrix resolves a PodAutoscaler's target by. */
class AutoscalerRefTest {
  @TempDir Path temp;

  private static final String WORKER = Fixtures.deployment("") + "---\n";

  private List<Violation> refs(String documents, String ref) throws Exception {
    String autoscaler =
        """
        apiVersion: autoscaling.aibrix.ai/v1alpha1
        kind: PodAutoscaler
        metadata: {name: web-as}
        spec:
          scaleTargetRef: %s
          maxReplicas: 4
          scalingStrategy: HPA
          metricsSources:
            - {metricSourceType: resource, targetMetric: cpu, targetValue: "50"}
        """
            .formatted(ref);
    return Fixtures.validate(temp, documents + autoscaler, "1.32").stream()
        .filter(v -> v.rule().equals("autoscaler-ref"))
        .toList();
  }

  @Test
  void theTargetsOwnGroupPasses() throws Exception {
    assertEquals(List.of(), refs(WORKER, "{apiVersion: apps/v1, kind: Deployment, name: web}"));
    assertEquals(
        List.of(),
        refs(WORKER, "{apiVersion: apps/v1beta2, kind: Deployment, name: web}"),
        "AIBrix maps group and kind; the version does not matter");
  }

  @Test
  void noApiVersionOrAnotherGroupNeverScales() throws Exception {
    List<Violation> none = refs(WORKER, "{kind: Deployment, name: web}");
    assertEquals(1, none.size());
    assertTrue(none.get(0).message().contains("no apiVersion"), none.get(0).message());
    assertEquals("Set scaleTargetRef.apiVersion: apps/v1.", none.get(0).fix());

    List<Violation> core = refs(WORKER, "{apiVersion: v1, kind: Deployment, name: web}");
    assertEquals(1, core.size());
    assertEquals("/spec/scaleTargetRef/apiVersion", core.get(0).pointer());
  }

  @Test
  void aTargetOutsideTheSetIsJudgedByItsKind() throws Exception {
    List<Violation> storm = refs("", "{apiVersion: apps/v1, kind: StormService, name: elsewhere}");
    assertEquals(1, storm.size());
    assertEquals(
        "Set scaleTargetRef.apiVersion: orchestration.aibrix.ai/v1alpha1.", storm.get(0).fix());
    assertEquals(
        List.of(),
        refs("", "{apiVersion: example.com/v1, kind: MyWorkload, name: elsewhere}"),
        "a kind we do not know is not judged");
  }
}
