package io.github.kvchart.aibrix.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.GeneratedOutput;
import io.github.kvchart.aibrix.GoldenFiles;
import io.github.kvchart.aibrix.TestPaths;
import io.github.kvchart.aibrix.core.BuildLog;
import io.github.kvchart.aibrix.core.validate.ManifestValidator;
import io.github.kvchart.aibrix.core.validate.ValidateRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A models file that uses every per-model knob (plugin/src/test/resources/models/every-knob.yaml):
 * the samples and chart carry each one, match the golden files and validate clean.
 */
class EveryKnobTest {
  @TempDir static Path temp;
  private static Path out;

  @BeforeAll
  static void generate() throws Exception {
    out = temp.resolve("out");
    new ChartGenerator()
        .generate(
            new GenerateRequest(
                out,
                TestPaths.chartTemplates(),
                TestPaths.repoRoot().resolve("plugin/src/test/resources/models/every-knob.yaml"),
                null,
                "1.0.0",
                null),
            BuildLog.SILENT);
  }

  @Test
  void everyFileMatchesItsGoldenFile() throws Exception {
    Map<String, String> files = new TreeMap<>();
    try (var walk = Files.walk(out)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        files.put(out.relativize(file).toString(), Files.readString(file));
      }
    }
    Path golden = TestPaths.golden().resolve("every-knob");
    GoldenFiles.assertMatches(files, golden::resolve, golden);
  }

  @Test
  void theOutputValidatesClean() throws Exception {
    var result =
        new ManifestValidator()
            .validate(
                new ValidateRequest(
                    temp,
                    List.of(out),
                    List.of(),
                    List.of(),
                    "1.32",
                    List.of(),
                    1,
                    null,
                    null,
                    null,
                    "helm"),
                BuildLog.SILENT);
    assertEquals(List.of(), result.violations());
  }

  private static Map<String, JsonNode> objects(String sample) throws Exception {
    Map<String, JsonNode> byKindAndName = new HashMap<>();
    for (JsonNode doc : GeneratedOutput.documents(Files.readString(out.resolve(sample)))) {
      byKindAndName.put(doc.path("kind").asText() + "/" + doc.at("/metadata/name").asText(), doc);
    }
    return byKindAndName;
  }

  @Test
  void eachKnobLandsWhereKubernetesReadsIt() throws Exception {
    Map<String, JsonNode> args = objects("samples/quickstart/model-with-kv-events.yaml");
    JsonNode deployment = args.get("Deployment/llama-8b");
    JsonNode pod = deployment.at("/spec/template/spec");
    JsonNode container = pod.at("/containers/0");
    assertEquals("ml-platform", deployment.at("/metadata/labels/team").asText());
    assertEquals(2, deployment.at("/spec/strategy/rollingUpdate/maxSurge").asInt());
    assertEquals("gpu", deployment.at("/spec/template/metadata/labels/tier").asText());
    assertEquals("ml-platform", deployment.at("/spec/template/metadata/labels/team").asText());
    assertEquals(
        "true",
        deployment.at("/spec/template/metadata/annotations/prometheus.io~1scrape").asText());
    assertEquals("inference", pod.path("priorityClassName").asText());
    assertEquals("nvidia", pod.path("runtimeClassName").asText());
    assertEquals("volcano", pod.path("schedulerName").asText());
    assertEquals(120, pod.path("terminationGracePeriodSeconds").asInt());
    assertEquals("registry-creds", pod.at("/imagePullSecrets/0/name").asText());
    assertEquals(1000, pod.at("/securityContext/fsGroup").asInt());
    assertEquals(
        "us-east-1b",
        pod.at(
                "/affinity/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution"
                    + "/nodeSelectorTerms/0/matchExpressions/0/values/1")
            .asText());
    assertEquals("NoSchedule", pod.at("/tolerations/0/effect").asText());
    assertEquals(
        "kubernetes.io/hostname", pod.at("/topologySpreadConstraints/0/topologyKey").asText());
    assertEquals("16Gi", pod.at("/volumes/0/emptyDir/sizeLimit").asText());
    assertEquals("vllm-settings", container.at("/envFrom/0/configMapRef/name").asText());
    assertEquals("ALL", container.at("/securityContext/capabilities/drop/0").asText());
    assertEquals(60, container.at("/livenessProbe/periodSeconds").asInt());
    assertEquals(5, container.at("/livenessProbe/failureThreshold").asInt());
    assertEquals(90, container.at("/startupProbe/failureThreshold").asInt(), "default kept");
    JsonNode service = args.get("Service/llama-8b");
    assertEquals("LoadBalancer", service.at("/spec/type").asText());
    assertEquals(
        "true",
        service
            .at("/metadata/annotations/service.beta.kubernetes.io~1aws-load-balancer-internal")
            .asText());
    assertEquals(1, args.get("PodDisruptionBudget/llama-8b").at("/spec/maxUnavailable").asInt());
    JsonNode monitor = args.get("PodMonitor/llama-8b");
    assertEquals("15s", monitor.at("/spec/podMetricsEndpoints/0/interval").asText());
    assertEquals("prometheus", monitor.at("/metadata/labels/release").asText());

    Map<String, JsonNode> env = objects("samples/quickstart/model-with-kv-events-env.yaml");
    JsonNode qwen = env.get("Deployment/qwen-coder").at("/spec/template/spec");
    assertEquals("inference", qwen.path("priorityClassName").asText(), "from defaults:");
    assertEquals(60, qwen.path("terminationGracePeriodSeconds").asInt());
    assertEquals(
        "50%", env.get("PodDisruptionBudget/qwen-coder").at("/spec/minAvailable").asText());
    assertFalse(env.containsKey("PodMonitor/qwen-coder"));

    String policy = Files.readString(out.resolve("samples/network-policies/allow-kv-events.yaml"));
    assertTrue(policy.contains("app.kubernetes.io/name: prometheus"), policy);
    String values = Files.readString(out.resolve("helm/aibrix-model/values.yaml"));
    assertTrue(values.contains("schedulerName: volcano"), values);
  }
}
