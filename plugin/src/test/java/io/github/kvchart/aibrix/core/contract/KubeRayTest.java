package io.github.kvchart.aibrix.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kvchart.aibrix.core.manifest.Violation;
import io.github.kvchart.aibrix.core.validate.Fixtures;
import io.github.kvchart.aibrix.core.validate.ManifestParser;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * KubeRay's own kinds (ray.io/v1): the contract reads the head and worker groups of a RayCluster, a
 * RayService's cluster and a RayJob's, with the labels KubeRay gives the pods. Their schemas are
 * not shipped (KubeRay's release varies apart from AIBrix's: AIBrix v0.7.0 installs v1.2.1, whose
 * CRD refuses fields of later releases), so they are schema-missing until the user passes the CRDs.
 */
class KubeRayTest {
  @TempDir Path temp;

  private static final String GROUPS =
      """
        headGroupSpec:
          rayStartParams: {}
          template:
            metadata: {labels: {model.aibrix.ai/name: llama, model.aibrix.ai/engine: vllm}}
            spec:
              containers:
                - name: ray-head
                  image: vllm/vllm-openai:v0.11.0
                  command: [sh, -c, 'ray start --head && vllm serve m --served-model-name llama %s']
        workerGroupSpecs:
          - groupName: gpu
            replicas: 1
            rayStartParams: {}
            template:
              spec:
                containers:
                  - name: ray-worker
                    image: vllm/vllm-openai:v0.11.0
      """;

  /**
   * A {@code kind} whose Ray cluster (at {@code field}, or spec itself) runs vLLM with {@code
   * flags}.
   */
  private static String cluster(String kind, String field, String flags) {
    String groups = GROUPS.formatted(flags);
    String spec =
        field == null
            ? groups
            : (kind.equals("RayJob") ? "  entrypoint: python job.py\n" : "")
                + "  "
                + field
                + ":\n"
                + groups.indent(2).stripTrailing()
                + "\n";
    return """
        apiVersion: ray.io/v1
        kind: %s
        metadata: {name: llama}
        spec:
        %s"""
        .formatted(kind, spec);
  }

  private List<String> rules(String yaml) throws Exception {
    return Fixtures.validate(temp, yaml, "1.32").stream()
        .map(Violation::rule)
        .filter(rule -> !rule.equals("schema-missing"))
        .toList();
  }

  @Test
  void theHeadGroupsVllmIsReadInEveryKind() throws Exception {
    for (String[] kind :
        List.of(
            new String[] {"RayCluster", null},
            new String[] {"RayService", "rayClusterConfig"},
            new String[] {"RayJob", "rayClusterSpec"})) {
      // AIBrix's model router makes no HTTPRoute for KubeRay's own kinds (a warning)
      assertEquals(List.of("model-route"), rules(cluster(kind[0], kind[1], "")), kind[0]);
      // the flag that exists in no vLLM release, and then no KV label on the pods
      assertEquals(
          List.of("kv-flag-unknown", "kv-label-missing", "model-route"),
          rules(cluster(kind[0], kind[1], "--enable-kv-cache-events")).stream().sorted().toList(),
          kind[0]);
    }
  }

  @Test
  void podsCarryKubeRaysLabels() {
    var document =
        new ManifestParser()
            .parse("r.yaml", cluster("RayService", "rayClusterConfig", ""))
            .documents()
            .get(0);
    List<PodTemplate> pods = PodTemplate.of(document);
    assertEquals(
        List.of(
            "/spec/rayClusterConfig/headGroupSpec/template",
            "/spec/rayClusterConfig/workerGroupSpecs/0/template"),
        pods.stream().map(PodTemplate::pointer).toList());
    assertEquals("head", pods.get(0).labels().get("ray.io/node-type"));
    assertEquals("headgroup", pods.get(0).labels().get("ray.io/group"));
    assertEquals("worker", pods.get(1).labels().get("ray.io/node-type"));
    assertEquals("gpu", pods.get(1).labels().get("ray.io/group"));
    assertEquals("yes", pods.get(1).labels().get("ray.io/is-ray-node"));
    // another API group's RayCluster is not KubeRay's
    var other =
        new ManifestParser()
            .parse("o.yaml", cluster("RayCluster", null, "").replace("ray.io/v1", "example.com/v1"))
            .documents()
            .get(0);
    assertEquals(List.of(), PodTemplate.of(other));
  }
}
