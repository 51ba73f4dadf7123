package io.github.kvchart.aibrix.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kvchart.aibrix.core.manifest.Violation;
import io.github.kvchart.aibrix.core.validate.Fixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kv-tokenizer: the gateway's tokenizer pool (AIBrix v0.4.1 to v0.7.0) takes a pod only when
 * isVLLMPod recognises it, and calls it at AIBRIX_VLLM_TOKENIZER_ENDPOINT_TEMPLATE's port.
 */
class KvTokenizerTest {
  @TempDir Path temp;

  private static final String CONFIG =
      "'{\"enable_kv_cache_events\":true,\"publisher\":\"zmq\",\"endpoint\":\"tcp://*:5557\","
          + "\"replay_endpoint\":\"tcp://*:5558\",\"buffer_steps\":10000}'";

  /**
   * A KV model serving on {@code port} whose pod template has {@code extraLabels} (after the
   * model's own) and {@code extraMetadata} lines, and whose container has {@code extra} lines.
   */
  private static String model(int port, String extraLabels, String extraMetadata, String extra) {
    String portLabels =
        port == 8000
            ? ""
            : ", model.aibrix.ai/port: \""
                + port
                + "\", model.aibrix.ai/metric-port: \""
                + port
                + "\"";
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: llama, labels: {model.aibrix.ai/name: llama%s}}
        spec:
          selector: {matchLabels: {model.aibrix.ai/name: llama}}
          template:
            metadata:
              labels: {model.aibrix.ai/name: llama, model.aibrix.ai/kv-events-enabled: "true"%s%s}
        %s    spec:
              containers:
                - name: vllm
                  image: vllm/vllm-openai:v0.11.0
                  command: [vllm, serve]
                  args: [m, --served-model-name, llama, --port, "%d", --kv-events-config, %s]
                  ports:
                    - {name: kv-events, containerPort: 5557}
                    - {name: kv-replay, containerPort: 5558}
        %s"""
        .formatted(portLabels, portLabels, extraLabels, extraMetadata, port, CONFIG, extra);
  }

  /** The gateway with KV sync on and {@code extra} env entries. */
  private static String gateway(String... extra) {
    String[] env =
        java.util.Arrays.copyOf(
            GatewayFixture.KV_SYNC, GatewayFixture.KV_SYNC.length + extra.length);
    System.arraycopy(extra, 0, env, GatewayFixture.KV_SYNC.length, extra.length);
    return GatewayFixture.deployment(env);
  }

  private List<String> rules(String yaml) throws Exception {
    return Fixtures.validate(temp, yaml, "1.32").stream().map(Violation::rule).toList();
  }

  private static final List<String> REPORTED = List.of("kv-tokenizer");

  @Test
  void theTokenizerPoolRecognisesVllmPods() throws Exception {
    assertEquals(REPORTED, rules(model(8000, "", "", "")));
    assertEquals(List.of(), rules(model(8000, ", model.aibrix.ai/engine: vllm", "", "")));
    assertEquals(
        List.of(),
        rules(model(8000, "", "      annotations: {model.aibrix.ai/engine: vllm}\n", "")));
    assertEquals(
        List.of(),
        rules(model(8000, "", "", "          env: [{name: INFERENCE_ENGINE, value: vllm}]\n")));
    // the pool's last guess: a declared containerPort 8000
    assertEquals(
        List.of(),
        rules(
            model(8000, "", "", "")
                .replace(
                    "- {name: kv-events, containerPort: 5557}",
                    "- {name: serve, containerPort: 8000}\n"
                        + "            - {name: kv-events, containerPort: 5557}")));
    // the value is compared as the pool does: exactly "vllm"
    assertEquals(REPORTED, rules(model(8000, ", model.aibrix.ai/engine: vLLM", "", "")));
  }

  @Test
  void theGatewayCallsThePortVllmServesOn() throws Exception {
    String vllm8080 = model(8080, ", model.aibrix.ai/engine: vllm", "", "");
    assertEquals(List.of(), rules(vllm8080)); // no gateway among the documents: nothing to compare
    assertEquals(REPORTED, rules(vllm8080 + gateway()));
    String template = "{name: AIBRIX_VLLM_TOKENIZER_ENDPOINT_TEMPLATE, value: '%s'}";
    assertEquals(List.of(), rules(vllm8080 + gateway(template.formatted("http://%s:8080"))));
    assertEquals(REPORTED, rules(vllm8080 + gateway(template.formatted("http://%s:8000"))));
    assertEquals(
        List.of(),
        rules(
            vllm8080
                + gateway(
                    "{name: AIBRIX_VLLM_TOKENIZER_ENDPOINT_TEMPLATE,"
                        + " valueFrom: {configMapKeyRef: {name: t, key: t}}}")));
    // on 8000 the default template is right
    assertEquals(
        List.of(), rules(model(8000, ", model.aibrix.ai/engine: vllm", "", "") + gateway()));
  }
}
