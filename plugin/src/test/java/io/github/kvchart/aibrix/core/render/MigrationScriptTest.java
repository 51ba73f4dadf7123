package io.github.kvchart.aibrix.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kvchart.aibrix.TestPaths;
import io.github.kvchart.aibrix.core.BuildLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the generated migration script (bash and jq; .ci/run installs jq) on Deployments written the
 * design's way, without env or ports arrays, and with a too-old image.
 */
class MigrationScriptTest {
  @TempDir static Path temp;
  private static Path script;

  record Run(int exit, String stdout, String stderr) {}

  @BeforeAll
  static void generate() throws Exception {
    new ChartGenerator()
        .generate(
            new GenerateRequest(
                temp.resolve("gen"), TestPaths.chartTemplates(), null, null, "1.0.0", null),
            BuildLog.SILENT);
    script = temp.resolve("gen/migration/enable-kv-events.sh");
  }

  private static Run run(String... args) throws Exception {
    assumeTrue(onPath("bash") && onPath("jq"), "bash and jq are needed (CI installs them)");
    List<String> command = new java.util.ArrayList<>(List.of("bash", script.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).start();
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    return new Run(process.exitValue(), out, err);
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  private static Path fixture(String name) {
    return TestPaths.repoRoot().resolve("plugin/src/test/resources/migration/" + name);
  }

  @Test
  void fixesADesignStyleDeploymentAndIsIdempotent() throws Exception {
    Run first = run("--file", fixture("design-deployment.json").toString());
    assertEquals(0, first.exit(), first.stderr());
    assertTrue(
        first.stderr().contains("removed flags vLLM does not have: --enable-kv-cache-events"));
    assertTrue(
        first
            .stderr()
            .contains(
                "removed env vars vLLM never reads: VLLM_ENABLE_KV_CACHE_EVENTS VLLM_KV_EVENTS_PUBLISHER"));
    JsonNode container =
        new ObjectMapper().readTree(first.stdout()).at("/spec/template/spec/containers/0");
    String args = container.get("args").toString();
    assertFalse(args.contains("--kv-events-publisher") || args.contains("5559"), args);
    assertTrue(args.contains("--kv-events-config"), args);
    assertEquals("HF_HOME", container.at("/env/0/name").asText());
    assertEquals(1, container.get("env").size());
    assertEquals(3, container.get("ports").size());

    Path once = temp.resolve("once.json");
    Files.writeString(once, first.stdout());
    Run second = run("--file", once.toString());
    assertEquals(0, second.exit(), second.stderr());
    assertTrue(second.stderr().contains("nothing changed"), second.stderr());
    // the Deployment has its model label now: no restart is needed
    assertFalse(second.stderr().contains("rollout restart"), second.stderr());
    assertEquals(
        new ObjectMapper().readTree(first.stdout()), new ObjectMapper().readTree(second.stdout()));
  }

  @Test
  void worksWithoutEnvOrPortsArraysOrLabels() throws Exception {
    Run run = run("--file", fixture("bare-deployment.json").toString(), "-m", "bare-model");
    assertEquals(0, run.exit(), run.stderr());
    JsonNode deployment = new ObjectMapper().readTree(run.stdout());
    JsonNode labels = deployment.at("/spec/template/metadata/labels");
    assertEquals("true", labels.get("model.aibrix.ai/kv-events-enabled").asText());
    assertEquals("bare-model", labels.get("model.aibrix.ai/name").asText());
    assertEquals("vllm", labels.get("model.aibrix.ai/engine").asText());
    assertTrue(
        run.stderr().contains("rollout restart deployment aibrix-controller-manager"),
        run.stderr());
    JsonNode ports = deployment.at("/spec/template/spec/containers/0/ports");
    assertEquals(5557, ports.get(0).get("containerPort").asInt());
    assertEquals("kv-replay", ports.get(1).get("name").asText());
    String args = deployment.at("/spec/template/spec/containers/0/args").toString();
    assertTrue(args.contains("\"--served-model-name\",\"bare-model\""), args);
  }

  @Test
  void refusesImagesOlderThanTheFirstKvEventsRelease() throws Exception {
    Run run = run("--file", fixture("old-image-deployment.json").toString());
    assertEquals(1, run.exit());
    assertTrue(run.stderr().contains("predates KV-cache events (first in v0.9.0)"), run.stderr());
    assertEquals("", run.stdout());
  }

  private static Path deployment(String name, String json) throws Exception {
    Path file = temp.resolve(name);
    Files.writeString(file, json);
    return file;
  }

  private static String shellDeployment(String script) {
    return "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"sh\"},"
        + "\"spec\":{\"selector\":{\"matchLabels\":{\"app\":\"sh\"}},\"template\":{\"metadata\":"
        + "{\"labels\":{\"app\":\"sh\"}},\"spec\":{\"containers\":[{\"name\":\"v\","
        + "\"image\":\"vllm/vllm-openai:v0.11.0\",\"command\":[\"/bin/sh\",\"-c\"],\"args\":["
        + new ObjectMapper().valueToTree(script)
        + "]}]}}}}";
  }

  @Test
  void editsAOneLineShellScriptInPlaceAndIsIdempotent() throws Exception {
    Path file =
        deployment(
            "shell.json",
            shellDeployment("pip list && exec vllm serve m --enable-kv-cache-events --port 8000"));
    Run first = run("--file", file.toString());
    assertEquals(0, first.exit(), first.stderr());
    String script =
        new ObjectMapper()
            .readTree(first.stdout())
            .at("/spec/template/spec/containers/0/args/0")
            .asText();
    assertEquals(
        "pip list && exec vllm serve m --port 8000 --kv-events-config '"
            + new ObjectMapper()
                .readTree(first.stdout())
                .at("/spec/template/spec/containers/0/args/0")
                .asText()
                .replaceAll(".*--kv-events-config '([^']*)'.*", "$1")
            + "' --served-model-name sh",
        script);
    assertTrue(script.contains("\"endpoint\":\"tcp://*:5557\""), script);
    assertTrue(first.stderr().contains("edited the shell script: removed flags"), first.stderr());
    assertFalse(first.stderr().contains("added --kv-events-config {"), "no list edit was made");
    Path once = deployment("shell-once.json", first.stdout());
    Run second = run("--file", once.toString());
    assertEquals(0, second.exit(), second.stderr());
    assertTrue(second.stderr().contains("nothing changed"), second.stderr());
  }

  @Test
  void refusesAShellScriptItCannotEditSafelyAndChangesNothing() throws Exception {
    for (String script :
        List.of(
            "vllm serve m --port 8000 | tee /tmp/log",
            "set -e\nvllm serve m --port 8000",
            "vllm serve m --port 8000 && echo done",
            "python3 -m http.server")) {
      Path file = deployment("refuse.json", shellDeployment(script));
      Run run = run("--file", file.toString());
      assertEquals(1, run.exit(), script + ": " + run.stderr());
      assertTrue(run.stderr().contains("nothing changed"), run.stderr());
      assertFalse(run.stderr().contains("added --kv-events-config"), run.stderr());
      assertEquals("", run.stdout(), script);
    }
  }

  @Test
  void keepsTheSelectorAndThePodLabelsConsistent() throws Exception {
    Path pinned =
        deployment(
            "pinned.json",
            "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"d\"},"
                + "\"spec\":{\"selector\":{\"matchLabels\":{\"model.aibrix.ai/name\":\"old\"}},"
                + "\"template\":{\"metadata\":{\"labels\":{\"model.aibrix.ai/name\":\"old\"}},"
                + "\"spec\":{\"containers\":[{\"name\":\"v\",\"image\":\"vllm/vllm-openai:v0.11.0\","
                + "\"command\":[\"vllm\",\"serve\"],\"args\":[\"m\"]}]}}}}");
    Run refused = run("--file", pinned.toString(), "-m", "new");
    assertEquals(1, refused.exit(), refused.stderr());
    assertTrue(
        refused.stderr().contains("spec.selector selects model.aibrix.ai/name=old"),
        refused.stderr());
    assertTrue(refused.stderr().contains("-m old"), refused.stderr());
    assertEquals("", refused.stdout());

    Run same = run("--file", pinned.toString(), "-m", "old");
    assertEquals(0, same.exit(), same.stderr());
    JsonNode result = new ObjectMapper().readTree(same.stdout());
    assertEquals("old", result.at("/spec/selector/matchLabels/model.aibrix.ai~1name").asText());
    assertEquals("old", result.at("/spec/template/metadata/labels/model.aibrix.ai~1name").asText());
    assertEquals("old", result.at("/metadata/labels/model.aibrix.ai~1name").asText());

    Path byApp =
        deployment(
            "by-app.json",
            "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"d\"},"
                + "\"spec\":{\"selector\":{\"matchLabels\":{\"app\":\"d\"}},"
                + "\"template\":{\"metadata\":{\"labels\":{\"app\":\"d\"}},"
                + "\"spec\":{\"containers\":[{\"name\":\"v\",\"image\":\"vllm/vllm-openai:v0.11.0\","
                + "\"command\":[\"vllm\",\"serve\"],\"args\":[\"m\"]}]}}}}");
    Run bare = run("--file", byApp.toString(), "-m", "renamed");
    assertEquals(0, bare.exit(), bare.stderr());
    JsonNode relabelled = new ObjectMapper().readTree(bare.stdout());
    JsonNode selector = relabelled.at("/spec/selector/matchLabels");
    JsonNode labels = relabelled.at("/spec/template/metadata/labels");
    selector
        .fields()
        .forEachRemaining(
            e ->
                assertEquals(
                    e.getValue(), labels.get(e.getKey()), "selector still selects the pods"));
  }

  @Test
  void rejectsUnknownOptions() throws Exception {
    Run run = run("--bogus");
    assertEquals(1, run.exit());
    assertTrue(run.stderr().contains("unknown option --bogus"));
  }
}
