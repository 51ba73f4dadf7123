package io.github.kvchart.aibrix.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the API server refuses in a HorizontalPodAutoscaler (kubernetes' autoscaling validation) and
 * a PersistentVolumeClaim (ValidatePersistentVolumeClaimSpec); each case changes one field of an
 * object the API server takes.
 */
class AutoscalerAndClaimTest {
  @TempDir Path temp;

  private static final String HPA =
      """
      apiVersion: autoscaling/v2
      kind: HorizontalPodAutoscaler
      metadata: {name: llama}
      spec:
        scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: llama}
        minReplicas: 1
        maxReplicas: 4
        metrics:
          - %s
      %s""";

  private static final String CPU =
      "{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 80}}}";

  private List<String> hpa(String metric, String extra) throws Exception {
    return pointers(HPA.formatted(metric, extra));
  }

  private List<String> pointers(String yaml) throws Exception {
    return Fixtures.validate(temp, yaml, "1.35").stream()
        .map(v -> v.rule() + " " + v.pointer())
        .toList();
  }

  @Test
  void autoscalerBoundsAndTarget() throws Exception {
    assertEquals(List.of(), hpa(CPU, ""));
    assertEquals(
        List.of(),
        hpa(
            "{type: Pods, pods: {metric: {name: vllm_num_requests_waiting}, target: {type:"
                + " AverageValue, averageValue: 5}}}",
            "  behavior: {scaleDown: {stabilizationWindowSeconds: 300, policies: [{type: Percent,"
                + " value: 50, periodSeconds: 60}]}, scaleUp: {selectPolicy: Max}}"));
    assertEquals(
        List.of("api-validation /spec/minReplicas"),
        pointers(HPA.formatted(CPU, "").replace("minReplicas: 1", "minReplicas: 0")));
    assertEquals(
        List.of("api-validation /spec/maxReplicas"),
        pointers(HPA.formatted(CPU, "").replace("maxReplicas: 4", "maxReplicas: 0")));
    assertEquals(
        List.of("api-validation /spec/maxReplicas"),
        pointers(HPA.formatted(CPU, "").replace("minReplicas: 1", "minReplicas: 5")));
    assertEquals(
        List.of("api-validation /spec/scaleTargetRef"),
        pointers(HPA.formatted(CPU, "").replace("name: llama}", "name: ''}")));
  }

  @Test
  void metricsNeedTheirSourceAndTarget() throws Exception {
    for (String[] bad :
        new String[][] {
          {
            "{type: Cpu, resource: {name: cpu, target: {type: Utilization, averageUtilization: 80}}}",
            "/spec/metrics/0/type"
          },
          {
            "{type: Pods, resource: {name: cpu, target: {type: Utilization, averageUtilization: 80}}}",
            "/spec/metrics/0"
          },
          {
            "{type: Resource, resource: {name: cpu, target: {type: Utilization}}}",
            "/spec/metrics/0/resource/target"
          },
          {
            "{type: Resource, resource: {name: cpu, target: {type: Utilization,"
                + " averageUtilization: 0}}}",
            "/spec/metrics/0/resource/target/averageUtilization"
          },
          {
            "{type: Resource, resource: {name: cpu, target: {type: utilization,"
                + " averageUtilization: 80}}}",
            "/spec/metrics/0/resource/target/type"
          },
          {
            "{type: Pods, pods: {metric: {name: q}, target: {type: Value, value: 5}}}",
            "/spec/metrics/0/pods/target"
          },
          {
            "{type: External, external: {metric: {name: q}, target: {type: Value, value: '-1'}}}",
            "/spec/metrics/0/external/target/value"
          },
        }) {
      assertEquals(List.of("api-validation " + bad[1]), hpa(bad[0], ""), bad[0]);
    }
    assertEquals(
        List.of(
            "api-validation /spec/metrics/0/pods",
            "api-validation /spec/metrics/0/resource/target"),
        hpa(
                "{type: Resource, resource: {name: cpu, target: {type: Utilization}}, pods: {metric:"
                    + " {name: q}, target: {type: AverageValue, averageValue: 1}}}",
                "")
            .stream()
            .sorted()
            .toList());
  }

  @Test
  void behaviorPolicies() throws Exception {
    String rules = "  behavior: {scaleUp: %s}";
    assertEquals(List.of(), hpa(CPU, rules.formatted("{stabilizationWindowSeconds: 0}")));
    for (String[] bad :
        new String[][] {
          {"{stabilizationWindowSeconds: 3601}", "/stabilizationWindowSeconds"},
          {"{selectPolicy: max}", "/selectPolicy"},
          {"{policies: []}", "/policies"},
          {"{policies: [{type: Pod, value: 1, periodSeconds: 60}]}", "/policies/0/type"},
          {"{policies: [{type: Pods, value: 0, periodSeconds: 60}]}", "/policies/0/value"},
          {
            "{policies: [{type: Pods, value: 1, periodSeconds: 3600}]}", "/policies/0/periodSeconds"
          },
        }) {
      assertEquals(
          List.of("api-validation /spec/behavior/scaleUp" + bad[1]),
          hpa(CPU, rules.formatted(bad[0])),
          bad[0]);
    }
  }

  private static final String CLAIM =
      """
      apiVersion: v1
      kind: PersistentVolumeClaim
      metadata: {name: models}
      spec:
      %s""";

  private List<String> claim(String spec) throws Exception {
    return pointers(CLAIM.formatted(spec.stripTrailing().indent(2)));
  }

  @Test
  void claims() throws Exception {
    String storage = "resources: {requests: {storage: 100Gi}}\n";
    assertEquals(
        List.of(),
        claim(
            storage
                + "accessModes: [ReadOnlyMany]\nstorageClassName: fast-ssd\nvolumeMode: Filesystem"));
    assertEquals(List.of("api-validation /spec"), claim(storage + "storageClassName: ''"));
    assertEquals(List.of("api-validation /spec"), claim("accessModes: [ReadWriteOnce]"));
    for (String[] bad :
        new String[][] {
          {"accessModes: [ReadWriteonce]", "/spec/accessModes/0"},
          {"accessModes: [ReadWriteOncePod, ReadOnlyMany]", "/spec/accessModes"},
          {"accessModes: [ReadWriteOnce]\nstorageClassName: Fast_SSD", "/spec/storageClassName"},
          {"accessModes: [ReadWriteOnce]\nvolumeMode: block", "/spec/volumeMode"},
        }) {
      assertEquals(List.of("api-validation " + bad[1]), claim(storage + bad[0]), bad[0]);
    }
    assertEquals(
        List.of("api-validation /spec/resources/requests/storage"),
        claim("accessModes: [ReadWriteOnce]\nresources: {requests: {storage: 0}}"));
  }
}
