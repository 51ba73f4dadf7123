package io.github.kvchart.aibrix.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kvchart.aibrix.core.manifest.Violation;
import io.github.kvchart.aibrix.core.validate.Fixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * model-adapter: what AIBrix's ModelAdapter controller (v0.5.0 to v0.7.0) needs to load an adapter:
 * pods selected by matchLabels, a Service name, and on a pod without the aibrix-runtime sidecar a
 * vLLM on port 8000 with runtime LoRA updating and --enable-lora, given a path it can read. Each
 * failing case changes one line of a pair that loads.
 */
class ModelAdapterTest {
  @TempDir Path temp;

  private static final String BASE =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: llama
        labels: {model.aibrix.ai/name: llama, model.aibrix.ai/port: "%1$s"}
      spec:
        selector: {matchLabels: {model.aibrix.ai/name: llama}}
        template:
          metadata:
            labels: {model.aibrix.ai/name: llama, model.aibrix.ai/port: "%1$s"}
          spec:
            containers:
              - name: vllm
                image: vllm/vllm-openai:v0.11.0
                command: [vllm, serve, meta-llama/Llama-3.1-8B, --port, "%1$s", %2$s]
                env: [{name: VLLM_ALLOW_RUNTIME_LORA_UPDATING, value: "%3$s"}]
      %4$s---
      apiVersion: v1
      kind: Service
      metadata: {name: llama}
      spec:
        selector: {model.aibrix.ai/name: llama}
        ports: [{name: http, port: %1$s}]
      ---
      apiVersion: model.aibrix.ai/v1alpha1
      kind: ModelAdapter
      metadata: {name: %5$s}
      spec:
        baseModel: llama
        podSelector: {%6$s}
        artifactURL: %7$s
      """;

  private static final String SIDECAR =
      "        - {name: aibrix-runtime, image: aibrix/runtime:v0.7.0}\n";

  private List<String> found(
      String port,
      String lora,
      String env,
      String sidecar,
      String name,
      String selector,
      String url)
      throws Exception {
    List<Violation> violations =
        Fixtures.validate(
            temp, BASE.formatted(port, lora, env, sidecar, name, selector, url), "1.33");
    return violations.stream()
        .filter(v -> v.rule().equals("model-adapter"))
        .map(v -> v.kind() + " " + v.pointer())
        .toList();
  }

  private static final String LABELS = "matchLabels: {model.aibrix.ai/name: llama}";
  private static final String HF = "huggingface://org/llama-sql-lora";

  @Test
  void anAdapterTheControllerCanLoad() throws Exception {
    assertEquals(List.of(), found("8000", "--enable-lora", "true", "", "sql-lora", LABELS, HF));
    assertEquals(
        List.of(), found("8000", "--enable-lora", "1", "", "sql-lora", LABELS, "/models/a"));
    // with the runtime sidecar the controller calls the runtime, which fetches s3 itself
    assertEquals(
        List.of(),
        found("8080", "--max-loras=4", "false", SIDECAR, "sql-lora", LABELS, "s3://bucket/a"));
  }

  @Test
  void aSidecarAibrixInjectsAndASimulatorAreNotJudged() throws Exception {
    String injected =
        BASE.formatted("8080", "--max-loras=4", "false", "", "sql-lora", LABELS, "s3://bucket/a")
            .replace(
                "  name: llama\n  labels",
                "  name: llama\n  annotations: {model.aibrix.ai/sidecar-injection: \"true\"}\n"
                    + "  labels");
    assertTrue(injected.contains("sidecar-injection"));
    assertEquals(
        List.of(),
        Fixtures.validate(temp, injected, "1.33").stream()
            .filter(v -> v.rule().equals("model-adapter"))
            .toList());
    String simulator =
        BASE.formatted("8000", "--max-loras=4", "false", "", "sql-lora", LABELS, HF)
            .replace("image: vllm/vllm-openai:v0.11.0", "image: aibrix/vllm-simulator:nightly")
            .replaceAll("\n *command: .*", "");
    assertTrue(simulator.contains("vllm-simulator") && !simulator.contains("command:"));
    assertEquals(
        List.of(),
        Fixtures.validate(temp, simulator, "1.33").stream()
            .filter(v -> v.rule().equals("model-adapter"))
            .toList());
  }

  @Test
  void theEngineOfAPodWithoutTheSidecar() throws Exception {
    String vllm = "/spec/template/spec/containers/0";
    assertEquals(
        List.of("Deployment " + vllm + "/command/4"),
        found("8080", "--enable-lora", "true", "", "sql-lora", LABELS, HF));
    assertEquals(
        List.of("Deployment " + vllm),
        found("8000", "--max-loras=4", "true", "", "sql-lora", LABELS, HF));
    assertEquals(
        List.of("Deployment " + vllm + "/env/0"),
        found("8000", "--enable-lora", "yes", "", "sql-lora", LABELS, HF));
    assertEquals(
        List.of("ModelAdapter /spec/artifactURL"),
        found("8000", "--enable-lora", "true", "", "sql-lora", LABELS, "s3://bucket/sql-lora"));
    assertEquals(
        List.of("ModelAdapter /spec/artifactURL"),
        found("8000", "--enable-lora", "true", "", "sql-lora", LABELS, "hf://org/sql-lora"));
  }

  @Test
  void theAdaptersSelectorAndName() throws Exception {
    assertEquals(
        List.of("ModelAdapter /spec/podSelector/matchExpressions"),
        found(
            "8000",
            "--enable-lora",
            "true",
            "",
            "sql-lora",
            LABELS + ", matchExpressions: [{key: tier, operator: In, values: [gpu]}]",
            HF));
    assertEquals(
        List.of("ModelAdapter /spec/podSelector/matchExpressions"),
        found(
            "8000",
            "--enable-lora",
            "true",
            "",
            "sql-lora",
            "matchExpressions: [{key: model.aibrix.ai/name, operator: In, values: [llama]}]",
            HF));
    assertEquals(
        List.of("ModelAdapter /metadata/name"),
        found("8000", "--enable-lora", "true", "", "sql-lora.v2", LABELS, HF));
  }

  @Test
  void aMessageNamesTheFix() throws Exception {
    List<Violation> violations =
        Fixtures.validate(
            temp,
            BASE.formatted("8080", "--enable-lora", "true", "", "sql-lora", LABELS, HF),
            "1.33");
    Violation port =
        violations.stream().filter(v -> v.rule().equals("model-adapter")).findFirst().orElseThrow();
    assertTrue(port.message().contains("port 8000"), port.message());
    assertTrue(port.fix().contains("--port 8000"), port.fix());
  }
}
