package io.github.kvchart.aibrix.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.github.kvchart.aibrix.core.BuildLog;
import io.github.kvchart.aibrix.core.helm.EmbeddedHelm;
import io.github.kvchart.aibrix.core.helm.HelmException;
import io.github.kvchart.aibrix.core.manifest.Violation;
import io.github.kvchart.aibrix.core.validate.ManifestValidator;
import io.github.kvchart.aibrix.core.validate.ValidateRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each knob family of the chart, rendered by real Helm with its ci/ values file: the exact fields
 * it must produce; values.schema.json refusing a wrong type for each family; and the contract still
 * running on what users pass through.
 */
class ChartKnobsTest {
  private static final YAMLMapper YAML = new YAMLMapper();

  @TempDir static Path out;

  @BeforeAll
  static void generate() throws Exception {
    io.github.kvchart.aibrix.GeneratedOutput.defaults(out.resolve("gen"));
  }

  private static Path chart() {
    return out.resolve("gen/helm/aibrix-model");
  }

  /** Rendered objects by kind (the last of each kind). */
  private static Map<String, JsonNode> render(String valuesFile) throws Exception {
    List<Path> values = valuesFile == null ? List.of() : List.of(chart().resolve(valuesFile));
    String text = EmbeddedHelm.template(chart(), "rel", "models", Map.of(), values);
    Map<String, JsonNode> byKind = new HashMap<>();
    for (JsonNode doc : io.github.kvchart.aibrix.GeneratedOutput.documents(text)) {
      byKind.put(doc.path("kind").asText(), doc);
    }
    return byKind;
  }

  private static JsonNode container(Map<String, JsonNode> objects) {
    return objects.get("Deployment").at("/spec/template/spec/containers/0");
  }

  private static JsonNode env(JsonNode container, String name) {
    for (JsonNode entry : container.path("env")) {
      if (entry.path("name").asText().equals(name)) {
        return entry;
      }
    }
    return null;
  }

  @Test
  void defaultsGiveAWorkingSetUp() throws Exception {
    Map<String, JsonNode> objects = render(null);
    JsonNode deployment = objects.get("Deployment");
    JsonNode container = container(objects);
    JsonNode token = env(container, "HF_TOKEN").at("/valueFrom/secretKeyRef");
    assertEquals("hf-token", token.path("name").asText());
    assertEquals("token", token.path("key").asText());
    assertTrue(token.path("optional").asBoolean(), "public models start without the Secret");
    assertEquals("4", container.at("/resources/requests/cpu").asText());
    assertEquals("24Gi", container.at("/resources/requests/memory").asText());
    assertEquals("1", container.at("/resources/limits/nvidia.com~1gpu").asText());
    assertEquals("/health", container.at("/livenessProbe/httpGet/path").asText());
    assertEquals(90, container.at("/startupProbe/failureThreshold").asInt());
    assertEquals(0, deployment.at("/spec/strategy/rollingUpdate/maxUnavailable").asInt());
    assertEquals(60, deployment.at("/spec/template/spec/terminationGracePeriodSeconds").asInt());
    assertFalse(objects.containsKey("PersistentVolumeClaim"));
    assertFalse(objects.containsKey("PodDisruptionBudget"));
  }

  @Test
  void cacheAndToken() throws Exception {
    Map<String, JsonNode> objects = render("ci/cache-token-values.yaml");
    JsonNode container = container(objects);
    JsonNode pod = objects.get("Deployment").at("/spec/template/spec");
    assertEquals("my-hf", env(container, "HF_TOKEN").at("/valueFrom/secretKeyRef/name").asText());
    assertEquals("hf_token", env(container, "HF_TOKEN").at("/valueFrom/secretKeyRef/key").asText());
    assertEquals("/root/.cache/huggingface", env(container, "HF_HOME").path("value").asText());
    JsonNode pvc = objects.get("PersistentVolumeClaim");
    assertEquals("deepseek-r1-distill-llama-8b-cache", pvc.at("/metadata/name").asText());
    assertEquals("100Gi", pvc.at("/spec/resources/requests/storage").asText());
    assertEquals("fast-ssd", pvc.at("/spec/storageClassName").asText());
    assertEquals("keep", pvc.at("/metadata/annotations/helm.sh~1resource-policy").asText());
    assertEquals(
        "deepseek-r1-distill-llama-8b-cache",
        pod.at("/volumes/1/persistentVolumeClaim/claimName").asText());
    assertEquals("/root/.cache/huggingface", container.at("/volumeMounts/1/mountPath").asText());
    assertEquals("16Gi", pod.at("/volumes/0/emptyDir/sizeLimit").asText());
  }

  @Test
  void scheduling() throws Exception {
    JsonNode pod = render("ci/scheduling-values.yaml").get("Deployment").at("/spec/template/spec");
    assertEquals("NVIDIA-A100-SXM4-80GB", pod.at("/nodeSelector/nvidia.com~1gpu.product").asText());
    assertEquals("nvidia.com/gpu", pod.at("/tolerations/0/key").asText());
    assertEquals(
        "kubernetes.io/hostname",
        pod.at(
                "/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/0/podAffinityTerm/topologyKey")
            .asText());
    assertEquals(
        "topology.kubernetes.io/zone", pod.at("/topologySpreadConstraints/0/topologyKey").asText());
    assertEquals("inference-critical", pod.path("priorityClassName").asText());
    assertEquals("nvidia", pod.path("runtimeClassName").asText());
    assertEquals("default-scheduler", pod.path("schedulerName").asText());
    assertEquals(120, pod.path("terminationGracePeriodSeconds").asInt());
  }

  @Test
  void security() throws Exception {
    Map<String, JsonNode> objects = render("ci/security-values.yaml");
    JsonNode pod = objects.get("Deployment").at("/spec/template/spec");
    assertEquals("registry-credentials", pod.at("/imagePullSecrets/0/name").asText());
    assertEquals(1000, pod.at("/securityContext/fsGroup").asInt());
    assertEquals("RuntimeDefault", pod.at("/securityContext/seccompProfile/type").asText());
    JsonNode container = container(objects);
    assertFalse(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true));
    assertEquals("ALL", container.at("/securityContext/capabilities/drop/0").asText());
  }

  @Test
  void passthrough() throws Exception {
    Map<String, JsonNode> objects = render("ci/passthrough-values.yaml");
    JsonNode deployment = objects.get("Deployment");
    JsonNode container = container(objects);
    List<String> args = YAML.convertValue(container.path("args"), List.class);
    assertEquals(
        List.of("--gpu-memory-utilization", "0.92", "--enable-chunked-prefill"),
        args.subList(args.size() - 3, args.size()));
    assertEquals("DEBUG", env(container, "VLLM_LOGGING_LEVEL").path("value").asText());
    assertEquals("vllm-settings", container.at("/envFrom/0/configMapRef/name").asText());
    assertEquals("8", container.at("/resources/requests/cpu").asText());
    assertEquals("1", container.at("/resources/requests/amd.com~1gpu").asText());
    assertTrue(container.at("/resources/requests/nvidia.com~1gpu").isMissingNode());
    assertEquals(60, container.at("/livenessProbe/periodSeconds").asInt());
    assertEquals("Recreate", deployment.at("/spec/strategy/type").asText());
    for (JsonNode object : objects.values()) {
      assertEquals("inference", object.at("/metadata/labels/team").asText(), object.toString());
    }
    JsonNode podMeta = deployment.at("/spec/template/metadata");
    assertEquals("gpu", podMeta.at("/labels/tier").asText());
    assertEquals("true", podMeta.at("/annotations/prometheus.io~1scrape").asText());
    JsonNode service = objects.get("Service");
    assertEquals("LoadBalancer", service.at("/spec/type").asText());
    assertEquals(
        "true",
        service
            .at("/metadata/annotations/service.beta.kubernetes.io~1aws-load-balancer-internal")
            .asText());
  }

  @Test
  void disruptionBudgetAndLora() throws Exception {
    Map<String, JsonNode> objects = render("ci/pdb-lora-values.yaml");
    JsonNode pdb = objects.get("PodDisruptionBudget");
    assertEquals(1, pdb.at("/spec/minAvailable").asInt());
    assertTrue(pdb.at("/spec/maxUnavailable").isMissingNode());
    assertEquals(
        "deepseek-r1-distill-llama-8b",
        pdb.at("/spec/selector/matchLabels/model.aibrix.ai~1name").asText());
    JsonNode container = container(objects);
    String args = container.path("args").toString();
    assertTrue(args.contains("\"--enable-lora\",\"--max-loras\",\"8\""), args);
    assertEquals("True", env(container, "VLLM_ALLOW_RUNTIME_LORA_UPDATING").path("value").asText());
    JsonNode deployment = objects.get("Deployment");
    assertEquals(
        "true", deployment.at("/metadata/labels/adapter.model.aibrix.ai~1enabled").asText());
    assertEquals(
        "true",
        deployment.at("/spec/template/metadata/labels/adapter.model.aibrix.ai~1enabled").asText());
  }

  /** AIBrix loads LoRA adapters through port 8000 only, so the chart refuses another port. */
  @Test
  void loraNeedsVllmOnPort8000() throws Exception {
    Map<String, String> lora = Map.of("model.lora.enabled", "true", "model.servingPort", "8080");
    HelmException refused =
        assertThrows(
            HelmException.class,
            () -> EmbeddedHelm.template(chart(), "rel", "models", lora, List.of()));
    assertTrue(
        refused.getMessage().contains("model.lora.enabled needs model.servingPort 8000"),
        refused.getMessage());
    String served =
        EmbeddedHelm.template(
            chart(),
            "rel",
            "models",
            Map.of("model.lora.enabled", "false", "model.servingPort", "8080"),
            List.of());
    assertTrue(served.contains("\"8080\""), served);
  }

  @Test
  void podMonitorAndItsWayThroughTheNetworkPolicy() throws Exception {
    Map<String, JsonNode> objects = render("ci/monitoring-values.yaml");
    JsonNode monitor = objects.get("PodMonitor");
    assertEquals("monitoring.coreos.com/v1", monitor.path("apiVersion").asText());
    assertEquals("prometheus", monitor.at("/metadata/labels/release").asText());
    assertEquals(
        "deepseek-r1-distill-llama-8b",
        monitor.at("/spec/selector/matchLabels/model.aibrix.ai~1name").asText());
    JsonNode endpoint = monitor.at("/spec/podMetricsEndpoints/0");
    assertEquals("serve", endpoint.path("port").asText());
    assertEquals("/metrics", endpoint.path("path").asText());
    assertEquals("15s", endpoint.path("interval").asText());
    JsonNode last = null;
    for (JsonNode rule : objects.get("NetworkPolicy").at("/spec/ingress")) {
      last = rule;
    }
    assertEquals(
        "prometheus",
        last.at("/from/0/podSelector/matchLabels/app.kubernetes.io~1name").asText(),
        last.toString());
    assertTrue(last.at("/from/0/namespaceSelector").isObject());
    assertEquals(8000, last.at("/ports/0/port").asInt());
    Map<String, JsonNode> defaults = render(null);
    assertFalse(defaults.containsKey("PodMonitor"));
    assertFalse(defaults.get("NetworkPolicy").toString().contains("prometheus"));
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "model.hfToken.secretName|''",
        "model.cache.enabled|maybe",
        "model.cache.size|fifty",
        "model.cache.accessModes[0]|ReadWriteSometimes",
        "model.shm.sizeLimit[0]|x",
        "model.lora.maxLoras|0",
        "probes.liveness|5",
        "strategy.type|Rolling",
        "imagePullSecrets[0].nam|x",
        "podSecurityContext|root",
        "topologySpreadConstraints|spread",
        "terminationGracePeriodSeconds|-1",
        "commonLabels.team[0]|x",
        "service.type|Ingress",
        "podDisruptionBudget.enabled|yes-please",
        "model.extraArgs[0].x|y",
        "metrics.podMonitor.interval|soon",
      })
  void theSchemaRefusesAWrongTypeInEachFamily(String key, String value) {
    HelmException refused =
        assertThrows(
            HelmException.class,
            () -> EmbeddedHelm.template(chart(), "rel", "models", Map.of(key, value), List.of()));
    assertTrue(
        refused.getMessage().contains("values don't meet the specifications of the schema"),
        refused.getMessage());
  }

  @Test
  void theContractStillChecksWhatUsersPassThrough() throws Exception {
    Files.writeString(
        chart().resolve("ci/zz-design-flag-values.yaml"),
        "model:\n  extraArgs: [--enable-kv-cache-events]\n");
    try {
      List<Violation> found =
          new ManifestValidator()
              .validate(
                  new ValidateRequest(
                      out, List.of(chart()), List.of(), List.of(), "1.32", List.of(), 1),
                  BuildLog.SILENT)
              .violations();
      assertEquals(1, found.size(), found.toString());
      assertEquals("kv-flag-unknown", found.get(0).rule());
      assertEquals(
          "gen/helm/aibrix-model/templates/deployment.yaml [values: ci/zz-design-flag-values.yaml]",
          found.get(0).file());
    } finally {
      Files.delete(chart().resolve("ci/zz-design-flag-values.yaml"));
    }
  }
}
