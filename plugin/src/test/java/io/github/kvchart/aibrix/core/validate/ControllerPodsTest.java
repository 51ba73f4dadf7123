package io.github.kvchart.aibrix.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kvchart.aibrix.core.manifest.RuleIds;
import io.github.kvchart.aibrix.core.manifest.Severity;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pod-template-refused: templates the API server takes unchecked, whose pods their controller
 * cannot create. Each case changes one field of a template that passes.
 */
class ControllerPodsTest {
  @TempDir Path temp;

  private List<Violation> all(String yaml) throws Exception {
    return Fixtures.validate(temp, yaml, "1.35");
  }

  /** The pointers of this rule's findings (all warnings), and of api-validation's. */
  private List<String> found(String yaml) throws Exception {
    List<Violation> violations = all(yaml);
    for (Violation v : violations) {
      if (v.rule().equals(RuleIds.POD_TEMPLATE_REFUSED)) {
        assertEquals(Severity.WARNING, v.severity(), v.toString());
      }
    }
    return violations.stream()
        .filter(
            v ->
                v.rule().equals(RuleIds.POD_TEMPLATE_REFUSED)
                    || v.rule().equals(RuleIds.API_VALIDATION))
        .map(v -> v.rule() + " " + v.pointer())
        .toList();
  }

  private static final String STATEFUL_SET =
      """
      apiVersion: apps/v1
      kind: StatefulSet
      metadata: {name: %s}
      spec:
        serviceName: llm
        selector: {matchLabels: {app: llm}}
        template:
          metadata: {labels: {app: llm}}
          spec:
            containers:
              - name: vllm
                image: vllm/vllm-openai:v0.11.0
                resources: {limits: {nvidia.com/gpu: %s}}
                volumeMounts: [{name: %s, mountPath: /models}]
        volumeClaimTemplates:
          - metadata: {name: weights}
            spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 100Gi}}}
      """;

  @Test
  void aStatefulSetsPodsAreCheckedWithItsClaimsAsVolumes() throws Exception {
    assertEquals(List.of(), found(STATEFUL_SET.formatted("llm", "1", "weights")));
    assertEquals(
        List.of("pod-template-refused /spec/template/spec/containers/0/volumeMounts/0/name"),
        found(STATEFUL_SET.formatted("llm", "1", "cache")));
    assertEquals(
        List.of("pod-template-refused /spec/template/spec/containers/0/resources/limits"),
        found(STATEFUL_SET.formatted("llm", "500m", "weights")).stream()
            .map(p -> p.replaceAll("/nvidia.com~1gpu$", ""))
            .toList());
    Violation mount =
        all(STATEFUL_SET.formatted("llm", "1", "cache")).stream()
            .filter(v -> v.rule().equals(RuleIds.POD_TEMPLATE_REFUSED))
            .findFirst()
            .orElseThrow();
    assertTrue(
        mount.message().startsWith("The API server takes the StatefulSet but refuses each pod"),
        mount.message());
    assertTrue(mount.message().contains("(it has weights)"), mount.message());
  }

  @Test
  void aStatefulSetNameLeavesRoomForTheRevisionHashLabel() throws Exception {
    String name52 = "a".repeat(52);
    assertEquals(List.of(), found(STATEFUL_SET.formatted(name52, "1", "weights")));
    assertEquals(
        List.of("pod-template-refused /metadata/name"),
        found(STATEFUL_SET.formatted(name52 + "b", "1", "weights")));
  }

  @Test
  void theSameProblemInADeploymentIsTheApiServersOwn() throws Exception {
    String deployment =
        STATEFUL_SET
            .replace("kind: StatefulSet", "kind: Deployment")
            .replace("  serviceName: llm\n", "")
            .replaceAll("(?s)  volumeClaimTemplates:.*", "");
    assertEquals(
        List.of("api-validation /spec/template/spec/containers/0/volumeMounts/0/name"),
        found(deployment.formatted("llm", "1", "weights")));
  }

  private static final String LWS =
      """
      apiVersion: leaderworkerset.x-k8s.io/v1
      kind: LeaderWorkerSet
      metadata: {name: %s}
      spec:
        replicas: 3
        leaderWorkerTemplate:
          size: %s
          leaderTemplate:
            metadata: {labels: {model.aibrix.ai/name: %s}}
            spec:
              containers: [{name: leader, image: vllm/vllm-openai:v0.11.0}]
          workerTemplate:
            spec:
              restartPolicy: %s
              containers:
                - name: worker
                  image: vllm/vllm-openai:v0.11.0
                  env: [{name: %s, value: "1"}]
      """;

  @Test
  void aLeaderWorkerSetsTemplatesAndNames() throws Exception {
    assertEquals(
        List.of(), found(LWS.formatted("llm", "2", "llama-3-8b", "Always", "VLLM_HOST_IP")));
    assertEquals(
        List.of(
            "pod-template-refused /spec/leaderWorkerTemplate/leaderTemplate/metadata/labels/model.aibrix.ai~1name"),
        found(LWS.formatted("llm", "2", "meta-llama/Llama-3-8B", "Always", "VLLM_HOST_IP")));
    assertEquals(
        List.of(
            "pod-template-refused /spec/leaderWorkerTemplate/workerTemplate/spec/restartPolicy"),
        found(LWS.formatted("llm", "2", "llama-3-8b", "Never", "VLLM_HOST_IP")));
    assertEquals(
        List.of(
            "pod-template-refused /spec/leaderWorkerTemplate/workerTemplate/spec/containers/0/env/0/name"),
        found(LWS.formatted("llm", "2", "llama-3-8b", "Always", "''")));
    // three groups of two: the last worker set is <name>-2, two characters more than the name
    String name50 = "a".repeat(50);
    assertEquals(
        List.of(), found(LWS.formatted(name50, "2", "llama-3-8b", "Always", "VLLM_HOST_IP")));
    assertEquals(
        List.of("pod-template-refused /metadata/name"),
        found(LWS.formatted(name50 + "b", "2", "llama-3-8b", "Always", "VLLM_HOST_IP")));
    // the leader alone: its set has the LeaderWorkerSet's name
    assertEquals(List.of(), found(LWS.formatted(name50 + "bc", "1", "llama-3-8b", "Always", "X")));
  }

  private static final String RAY =
      """
      apiVersion: ray.io/v1
      kind: RayCluster
      metadata: {name: llm}
      spec:
        headGroupSpec:
          rayStartParams: {}
          template:
            spec:
              containers:
                - name: ray-head
                  image: rayproject/ray:2.40.0
                  volumeMounts: [{name: %s, mountPath: /dev/shm}]
                - {name: %s, image: busybox}
      """;

  @Test
  void aRayClustersGroupsCountTheVolumesKubeRayAdds() throws Exception {
    assertEquals(List.of(), found(RAY.formatted("shared-mem", "sidecar")));
    assertEquals(
        List.of("pod-template-refused /spec/headGroupSpec/template/spec/containers/1/name"),
        found(RAY.formatted("shared-mem", "ray-head")));
    assertEquals(
        List.of(
            "pod-template-refused /spec/headGroupSpec/template/spec/containers/0/volumeMounts/0/name"),
        found(RAY.formatted("shm", "sidecar")));
  }

  @Test
  void anAibrixStormServiceRoleTemplate() throws Exception {
    String storm =
        """
        apiVersion: orchestration.aibrix.ai/v1alpha1
        kind: StormService
        metadata: {name: llm}
        spec:
          replicas: 1
          selector: {matchLabels: {app: llm}}
          template:
            metadata: {labels: {app: llm}}
            spec:
              roles:
                - name: prefill
                  replicas: 1
                  template:
                    metadata: {labels: {app: llm}}
                    spec:
                      containers:
                        - name: vllm
                          image: vllm/vllm-openai:v0.11.0
                          imagePullPolicy: %s
        """;
    assertEquals(List.of(), found(storm.formatted("IfNotPresent")));
    assertEquals(
        List.of(
            "pod-template-refused /spec/template/spec/roles/0/template/spec/containers/0/imagePullPolicy"),
        found(storm.formatted("always")));
  }
}
