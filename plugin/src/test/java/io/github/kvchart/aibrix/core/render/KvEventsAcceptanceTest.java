package io.github.kvchart.aibrix.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kvchart.aibrix.core.helm.EmbeddedHelm;
import io.github.kvchart.aibrix.core.image.ImageReference;
import io.github.kvchart.aibrix.core.image.Version;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The acceptance of issue 2, on the samples and on the chart rendered by real Helm: the KV-events
 * flag and JSON, the ports, the pod label, the image release, the served name, and none of the
 * original design's non-existent flags or ignored env vars anywhere.
 */
class KvEventsAcceptanceTest {
  private static final List<String> DESIGN_MISTAKES =
      List.of(
          "--enable-kv-cache-events",
          "--kv-events-publisher",
          "--kv-events-endpoint",
          "--kv-events-replay-endpoint",
          "--kv-events-buffer-steps",
          "--kv-events-topic",
          "VLLM_ENABLE_KV_CACHE_EVENTS",
          "VLLM_KV_EVENTS_PUBLISHER",
          "VLLM_KV_EVENTS_ENDPOINT",
          "VLLM_KV_EVENTS_REPLAY_ENDPOINT",
          "VLLM_KV_EVENTS_BUFFER_STEPS",
          "VLLM_KV_EVENTS_HWM",
          "AIBRIX_REMOTE_TOKENIZER_ENGINE",
          "v0.7.1");
  private static final Pattern VAR = Pattern.compile("\\$\\$|\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

  @TempDir static Path out;

  @BeforeAll
  static void generate() throws Exception {
    io.github.kvchart.aibrix.GeneratedOutput.defaults(out.resolve("gen"));
  }

  private static Path chart() {
    return out.resolve("gen/helm/aibrix-model");
  }

  @Test
  void quickstartSampleArgsMode() throws Exception {
    String text = Files.readString(out.resolve("gen/samples/quickstart/model-with-kv-events.yaml"));
    assertKvManifest(text, 1);
  }

  @Test
  void quickstartSampleEnvModeExpandsToTheSameJson() throws Exception {
    String text =
        Files.readString(out.resolve("gen/samples/quickstart/model-with-kv-events-env.yaml"));
    assertKvManifest(text, 1);
    assertTrue(text.contains("$(KV_EVENTS_ENDPOINT)"), "env mode refers to the env entries");
  }

  @Test
  void chartWithDefaultValues() throws Exception {
    assertKvManifest(EmbeddedHelm.template(chart(), "rel", "ns", Map.of(), List.of()), 1);
  }

  @Test
  void chartInEnvMode() throws Exception {
    String text =
        EmbeddedHelm.template(chart(), "rel", "ns", Map.of("model.configMode", "env"), List.of());
    assertKvManifest(text, 1);
    assertTrue(text.contains("KV_EVENTS_TOPIC"));
  }

  @Test
  void chartWithKvEventsOffIsAPlainModel() throws Exception {
    String text =
        EmbeddedHelm.template(
            chart(), "rel", "ns", Map.of("model.kvEvents.enabled", "false"), List.of());
    assertFalse(text.contains("--kv-events-config"));
    assertFalse(text.contains("5557"));
    assertFalse(text.contains("5558"));
    assertFalse(text.contains("kv-events-enabled"));
    assertTrue(text.contains("--served-model-name"));
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
    "model.kvEvents.publisherType, kafka",
    "model.kvEvents.eventPort, 70000",
    "model.configMode, yaml",
    "model.replicas, two",
    "model.name, Bad_Name",
    "model.kvEvents.bufferSteps, 0",
    "model.kvEvents.enabledd, true",
  })
  void valuesSchemaMakesHelmRejectBadValues(String key, String value) {
    io.github.kvchart.aibrix.core.helm.HelmException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            io.github.kvchart.aibrix.core.helm.HelmException.class,
            () -> EmbeddedHelm.template(chart(), "rel", "ns", Map.of(key, value), List.of()));
    assertTrue(e.getMessage().contains("schema"), e.getMessage());
  }

  @Test
  void noDesignMistakeAnywhereInTheOutput() throws Exception {
    try (var files = Files.walk(out.resolve("gen"))) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        if (file.toString().endsWith(".md") || file.toString().endsWith(".sh")) {
          continue; // the guide and the migration script name the mistakes in order to undo them
        }
        String text = Files.readString(file);
        for (String mistake : DESIGN_MISTAKES) {
          assertFalse(text.contains(mistake), file + " contains " + mistake);
        }
      }
    }
  }

  /** Checks every Deployment in {@code text} (expecting {@code count}) against the facts. */
  @SuppressWarnings("unchecked")
  static void assertKvManifest(String text, int count) throws Exception {
    for (String mistake : DESIGN_MISTAKES) {
      assertFalse(text.contains(mistake), "contains " + mistake);
    }
    List<Map<String, Object>> docs = new ArrayList<>();
    for (Object doc : new Yaml().loadAll(text)) {
      if (doc != null) {
        docs.add((Map<String, Object>) doc);
      }
    }
    int deployments = 0;
    for (Map<String, Object> doc : docs) {
      if (!"Deployment".equals(doc.get("kind"))) {
        continue;
      }
      deployments++;
      Map<String, Object> template =
          (Map<String, Object>) ((Map<String, Object>) doc.get("spec")).get("template");
      Map<String, Object> labels =
          (Map<String, Object>) ((Map<String, Object>) template.get("metadata")).get("labels");
      assertEquals("true", labels.get("model.aibrix.ai/kv-events-enabled"));
      String name = (String) labels.get("model.aibrix.ai/name");
      assertNotNull(name);
      Map<String, Object> container =
          ((List<Map<String, Object>>)
                  ((Map<String, Object>) template.get("spec")).get("containers"))
              .get(0);
      List<String> args = (List<String>) container.get("args");
      Map<String, String> env = new java.util.HashMap<>();
      for (Map<String, Object> entry :
          (List<Map<String, Object>>) container.getOrDefault("env", List.of())) {
        if (entry.get("value") != null) { // valueFrom entries (HF_TOKEN) hold no literal
          env.put((String) entry.get("name"), expand((String) entry.get("value"), Map.of()));
        }
      }
      int flag = args.indexOf("--kv-events-config");
      assertTrue(flag >= 0, "--kv-events-config in args");
      JsonNode config = new ObjectMapper().readTree(expand(args.get(flag + 1), env));
      assertTrue(config.get("enable_kv_cache_events").asBoolean());
      assertEquals("zmq", config.get("publisher").asText());
      assertEquals("tcp://*:5557", config.get("endpoint").asText());
      assertEquals("tcp://*:5558", config.get("replay_endpoint").asText());
      assertTrue(config.get("buffer_steps").isInt() && config.get("buffer_steps").asInt() > 0);
      assertEquals(name, args.get(args.indexOf("--served-model-name") + 1));
      Map<Integer, String> ports = new java.util.HashMap<>();
      for (Map<String, Object> port : (List<Map<String, Object>>) container.get("ports")) {
        ports.put((Integer) port.get("containerPort"), (String) port.get("name"));
      }
      assertEquals("kv-events", ports.get(5557));
      assertEquals("kv-replay", ports.get(5558));
      ImageReference image = ImageReference.parse((String) container.get("image"));
      assertTrue(image.version().orElseThrow().compareTo(Version.parse("0.9.0")) >= 0);
      boolean service =
          docs.stream()
              .anyMatch(
                  d ->
                      "Service".equals(d.get("kind"))
                          && name.equals(((Map<String, Object>) d.get("metadata")).get("name")));
      assertTrue(service, "a Service named " + name);
    }
    assertEquals(count, deployments);
  }

  /** Kubernetes' $(VAR) expansion: references to defined vars are replaced, $$ becomes $. */
  static String expand(String text, Map<String, String> env) {
    Matcher matcher = VAR.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String replacement;
      if (matcher.group().equals("$$")) {
        replacement = "$";
      } else {
        replacement = env.getOrDefault(matcher.group(1), matcher.group());
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
