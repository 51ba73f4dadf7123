package io.github.kvchart.aibrix.core.contract.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kvchart.aibrix.core.BuildLog;
import io.github.kvchart.aibrix.core.validate.ManifestValidator;
import io.github.kvchart.aibrix.core.validate.ValidateRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * netpol-direction reads a policy's pod selector with the API's semantics (an empty selector
 * selects every pod of its namespace; matchExpressions count), so policies written the way users
 * really write them are not misjudged; the design's reversed policy is still caught, and another
 * application's policy that happens to use ports 5557 and 5558 is left alone.
 */
class NetpolDirectionSelectorsTest {
  private static final String MODEL =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: llama, labels: {model.aibrix.ai/name: llama}}
      spec:
        selector: {matchLabels: {model.aibrix.ai/name: llama}}
        template:
          metadata:
            labels: {model.aibrix.ai/name: llama, model.aibrix.ai/kv-events-enabled: "true"}
          spec:
            containers:
              - name: vllm
                image: vllm/vllm-openai:v0.11.0
                command: [vllm, serve]
                args: [org/llama, --served-model-name, llama, --kv-events-config, '{"enable_kv_cache_events":true,"publisher":"zmq","endpoint":"tcp://*:5557","replay_endpoint":"tcp://*:5558"}']
                ports:
                  - {name: serve, containerPort: 8000}
                  - {name: kv-events, containerPort: 5557}
                  - {name: kv-replay, containerPort: 5558}
      ---
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: p}
      spec:
        podSelector: %s
        policyTypes: [Ingress]
        ingress:
          - from:
              - %s
            ports: [{port: 8000}, {port: 5557}, {port: 5558}]
      """;

  private static final String GATEWAY =
      "{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: aibrix-system}}, podSelector: {matchLabels: {app: gateway-plugins}}}";

  @TempDir Path temp;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "every pod of the namespace|{}|" + GATEWAY + "|0",
        "matchExpressions on the model label|{matchExpressions: [{key: model.aibrix.ai/name, operator: Exists}]}|"
            + GATEWAY
            + "|0",
        "matchLabels on the model label|{matchLabels: {model.aibrix.ai/kv-events-enabled: 'true'}}|"
            + GATEWAY
            + "|0",
        "the design's reversed policy|{matchLabels: {app: gateway-plugins}}|{podSelector: {matchLabels: {model.aibrix.ai/kv-events-enabled: 'true'}}}|2",
        "a Helm gateway selected|{matchLabels: {app.kubernetes.io/component: aibrix-gateway-plugin}}|"
            + GATEWAY
            + "|1",
        "model pods admitted by expression|{}|{podSelector: {matchExpressions: [{key: model.aibrix.ai/name, operator: In, values: [llama]}]}}|1",
        "another application's pods on the same port numbers (Argo CD's Dex)|{matchLabels: {app: dex}}|{podSelector: {matchLabels: {app: argocd-server}}}|0",
        "other pods admitting the gateway|{matchLabels: {app: web}}|" + GATEWAY + "|1",
        "other pods admitting AIBrix's namespace|{matchLabels: {app: web}}|{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: aibrix-system}}}|1",
      })
  void judgesSelectorsAsTheApiDoes(String name, String selector, String peer, int expected)
      throws Exception {
    Path file = temp.resolve("k8s.yaml");
    Files.writeString(file, MODEL.formatted(selector, peer));
    long found =
        new ManifestValidator()
                .validate(
                    new ValidateRequest(
                        temp, List.of(file), List.of(), List.of(), "1.32", List.of(), 1),
                    BuildLog.SILENT)
                .violations()
                .stream()
                .filter(v -> v.rule().equals("netpol-direction"))
                .count();
    assertEquals(expected, found, name);
  }
}
