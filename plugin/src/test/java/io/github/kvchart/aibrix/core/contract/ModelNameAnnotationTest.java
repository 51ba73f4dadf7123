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
 * AIBrix v0.6.0 and later route a pod named by the model.aibrix.ai/name annotation
 * (getModelNameFromPod), but subscribe to its KV events only with the label (isPodSubscribable):
 * the missing label is reported, and the message says why the annotation is not enough.
 */
class ModelNameAnnotationTest {
  @TempDir Path temp;

  @Test
  void theAnnotationDoesNotSubscribeKvEvents() throws Exception {
    String yaml =
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: llama}
        spec:
          selector: {matchLabels: {app: llama}}
          template:
            metadata:
              labels: {app: llama, model.aibrix.ai/kv-events-enabled: "true"}
              annotations: {model.aibrix.ai/name: meta-llama/Llama-3.1-8B-Instruct}
            spec:
              containers:
                - name: vllm
                  image: vllm/vllm-openai:v0.11.0
                  command: [vllm, serve]
                  args:
                    - meta-llama/Llama-3.1-8B-Instruct
                    - --kv-events-config
                    - '{"enable_kv_cache_events":true,"publisher":"zmq","endpoint":"tcp://*:5557","replay_endpoint":"tcp://*:5558","buffer_steps":10000}'
                  ports:
                    - {name: kv-events, containerPort: 5557}
                    - {name: kv-replay, containerPort: 5558}
        """;
    List<Violation> found = Fixtures.validate(temp, yaml, "1.32");
    List<Violation> label =
        found.stream().filter(v -> v.rule().equals("kv-label-missing")).toList();
    assertEquals(1, label.size(), found.toString());
    assertTrue(label.get(0).message().contains("isPodSubscribable"), label.get(0).message());
  }
}
