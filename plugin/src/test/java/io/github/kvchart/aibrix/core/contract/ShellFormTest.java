package io.github.kvchart.aibrix.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kvchart.aibrix.core.manifest.Violation;
import io.github.kvchart.aibrix.core.validate.Fixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * vLLM started from a shell script: the whole contract reads the server command in it. Before, a
 * correct model written this way failed kv-label-missing and kv-name-mismatch, and an env entry the
 * script reads failed kv-env-ignored.
 */
class ShellFormTest {
  @TempDir Path temp;

  private static final String CONFIG =
      "{\"enable_kv_cache_events\":true,\"publisher\":\"zmq\",\"endpoint\":\"tcp://*:5557\","
          + "\"replay_endpoint\":\"tcp://*:5558\",\"buffer_steps\":10000}";

  /**
   * A model Deployment whose container has {@code fields} (YAML lines as they would read in the
   * container, unindented; the first is on line 15).
   */
  private static String model(String fields) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: llama
          labels: {model.aibrix.ai/name: llama}
        spec:
          selector: {matchLabels: {app: llama}}
          template:
            metadata:
              labels: {app: llama, model.aibrix.ai/name: llama, model.aibrix.ai/kv-events-enabled: "true"}
            spec:
              containers:
                - name: vllm
                  image: vllm/vllm-openai:v0.11.0
        %s
                  ports:
                    - {name: http, containerPort: 8000}
                    - {name: kv-events, containerPort: 5557}
                    - {name: kv-replay, containerPort: 5558}
        """
        .formatted(fields.stripTrailing().indent(10).stripTrailing());
  }

  private List<String> rules(String yaml) throws Exception {
    return Fixtures.validate(temp, yaml, "1.32").stream().map(Violation::rule).toList();
  }

  @Test
  void aCorrectModelStartedFromAShellScriptPasses() throws Exception {
    assertEquals(
        List.of(),
        rules(
            model(
                """
                command: [/bin/bash, -c]
                args:
                  - |
                    set -e
                    exec vllm serve meta-llama/Llama-3.1-8B-Instruct --served-model-name "$MODEL" \\
                      --kv-events-config '%s' 2>&1
                env: [{name: MODEL, value: llama}]
                """
                    .formatted(CONFIG))));
  }

  @Test
  void envTheScriptReadsIsNotIgnored() throws Exception {
    String config =
        CONFIG.replace("\"", "\\\"").replace("tcp://*:5557", "$VLLM_KV_EVENTS_ENDPOINT");
    assertEquals(
        List.of(),
        rules(
            model(
                """
                command:
                  - sh
                  - -c
                  - |
                    vllm serve meta-llama/Llama-3.1-8B-Instruct --served-model-name llama --kv-events-config "%s"
                env: [{name: VLLM_KV_EVENTS_ENDPOINT, value: 'tcp://*:5557'}]
                """
                    .formatted(config))));
  }

  @Test
  void mistakesInAShellScriptAreFoundAtTheScript() throws Exception {
    List<Violation> found =
        Fixtures.validate(
            temp,
            model(
                "command: [sh, -c, 'vllm serve m --served-model-name other"
                    + " --enable-kv-cache-events --kv-events-config \"$KV\"']\n"
                    + "env: [{name: KV, value: '"
                    + CONFIG
                    + "'}]"),
            "1.32");
    assertEquals(
        List.of("kv-flag-unknown", "kv-name-mismatch"),
        found.stream().map(Violation::rule).sorted().toList(),
        found.toString());
    assertEquals(List.of(15, 15), found.stream().map(Violation::line).toList(), found.toString());
  }

  @Test
  void aValueOnlyTheShellKnowsIsNotGuessed() throws Exception {
    List<Violation> found =
        Fixtures.validate(
            temp,
            model(
                "command: [sh, -c, 'vllm serve m --served-model-name $(cat /etc/name)"
                    + " --port $PORT --kv-events-config \"$KV_CONFIG\"']"),
            "1.32");
    assertEquals(List.of("kv-config-json"), found.stream().map(Violation::rule).toList());
    assertEquals(io.github.kvchart.aibrix.core.manifest.Severity.WARNING, found.get(0).severity());
    assertEquals(true, found.get(0).message().contains("$KV_CONFIG"), found.get(0).message());
  }
}
