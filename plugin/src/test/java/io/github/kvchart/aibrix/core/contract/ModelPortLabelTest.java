package io.github.kvchart.aibrix.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kvchart.aibrix.core.manifest.Violation;
import io.github.kvchart.aibrix.core.validate.Fixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * model-port-label on pods: the gateway sends a request it routes by a strategy to the chosen pod's
 * IP on the pod's own model.aibrix.ai/port, 8000 without it (GetModelPortForPod, AIBrix v0.4.1 to
 * v0.7.0), whatever the workload's own label says.
 */
class ModelPortLabelTest {
  @TempDir Path temp;

  /** A model workload of {@code kind} whose pods carry {@code podLabels} and run vLLM on 8080. */
  private static String model(String kind, String podLabels) {
    return """
        apiVersion: apps/v1
        kind: %s
        metadata: {name: llama, labels: {model.aibrix.ai/name: llama, model.aibrix.ai/port: "8080"}}
        spec:
          selector: {matchLabels: {app: llama}}
          template:
            metadata:
              labels: %s
            spec:
              containers:
                - name: vllm
                  image: vllm/vllm-openai:v0.11.0
                  command: [vllm, serve]
                  args: [m, --served-model-name, llama, --port, "8080"]
        """
        .formatted(kind, podLabels);
  }

  private List<Violation> found(String yaml) throws Exception {
    return Fixtures.validate(temp, yaml, "1.32");
  }

  @Test
  void podsNameTheirPortForTheGateway() throws Exception {
    assertEquals(
        List.of(),
        found(
            model(
                "Deployment",
                "{app: llama, model.aibrix.ai/name: llama, model.aibrix.ai/port: \"8080\"}")));
    List<Violation> missing =
        found(model("Deployment", "{app: llama, model.aibrix.ai/name: llama}"));
    assertEquals(List.of("model-port-label"), missing.stream().map(Violation::rule).toList());
    assertEquals("/spec/template/metadata/labels", missing.get(0).pointer());
    List<Violation> wrong =
        found(
            model(
                "Deployment",
                "{app: llama, model.aibrix.ai/name: llama, model.aibrix.ai/port: \"8000\"}"));
    assertEquals("/spec/template/metadata/labels/model.aibrix.ai~1port", wrong.get(0).pointer());
    // any workload's pods: the gateway's pod cache does not ask who made them
    assertEquals(
        List.of("model-port-label"),
        found(model("ReplicaSet", "{app: llama, model.aibrix.ai/name: llama}")).stream()
            .map(Violation::rule)
            .toList());
    // pods without the model label are not the gateway's
    assertEquals(List.of(), found(model("ReplicaSet", "{app: llama}")));
  }
}
