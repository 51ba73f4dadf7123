package io.github.kvchart.aibrix.core.contract.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kvchart.aibrix.core.BuildLog;
import io.github.kvchart.aibrix.core.manifest.Violation;
import io.github.kvchart.aibrix.core.validate.ManifestValidator;
import io.github.kvchart.aibrix.core.validate.ValidateRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The flag in every form vLLM accepts (whole JSON, {@code --flag=json}, the dotted {@code
 * --kv-events-config.key value}, underscores), and the rules that depend on the release or the
 * flags around it: publisher by release, bind versus connect, data parallelism.
 */
class KvFlagFormsTest {
  private static final String FULL =
      "{\"enable_kv_cache_events\":true,\"publisher\":\"zmq\",\"endpoint\":\"tcp://*:5557\","
          + "\"replay_endpoint\":\"tcp://*:5558\",\"buffer_steps\":10000}";

  @TempDir Path temp;

  private List<String> violations(String image, String args) throws Exception {
    Path file = temp.resolve("model.yaml");
    StringBuilder list = new StringBuilder();
    for (String arg : args.split(" ")) {
      list.append("            - '").append(arg.replace("'", "''")).append("'\n");
    }
    Files.writeString(
        file,
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
                  image: %s
                  command: [vllm, serve]
                  args:
                    - meta-llama/Llama-3.1-8B-Instruct
                    - --served-model-name
                    - llama
        %s          ports:
                    - {name: serve, containerPort: 8000}
                    - {name: kv-events, containerPort: 5557}
                    - {name: kv-replay, containerPort: 5558}
        """
            .formatted(image, list));
    List<Violation> found =
        new ManifestValidator()
            .validate(
                new ValidateRequest(
                    temp, List.of(file), List.of(), List.of(), "1.32", List.of(), 1),
                BuildLog.SILENT)
            .violations();
    return found.stream().map(v -> v.severity().id() + " " + v.rule()).toList();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "whole JSON|v0.11.0|--kv-events-config JSON|",
        "--flag=JSON|v0.11.0|--kv-events-config=JSON|",
        "underscores|v0.11.0|--kv_events_config JSON|",
        "dotted keys|v0.11.0|--kv-events-config.enable_kv_cache_events true"
            + " --kv-events-config.publisher zmq --kv-events-config.endpoint tcp://*:5557"
            + " --kv-events-config.replay_endpoint tcp://*:5558|",
        "dotted with =|v0.11.0|--kv-events-config.enable_kv_cache_events=true"
            + " --kv-events-config.endpoint=tcp://*:5557 --kv-events-config.replay_endpoint=tcp://*:5558|",
        "dotted replaces the whole JSON|v0.11.0|--kv-events-config JSON"
            + " --kv-events-config.endpoint tcp://*:5559 --kv-events-config.enable_kv_cache_events true|"
            + "error kv-port-mismatch,warning kv-replay-disabled",
        "dotted connect form|v0.11.0|--kv-events-config.enable_kv_cache_events true"
            + " --kv-events-config.endpoint tcp://0.0.0.0:5557 --kv-events-config.replay_endpoint tcp://*:5558|"
            + "error kv-endpoint-bind",
        "connect to a Service|v0.11.0|--kv-events-config"
            + " {\"enable_kv_cache_events\":true,\"publisher\":\"zmq\",\"endpoint\":\"tcp://scheduler:5557\",\"replay_endpoint\":\"tcp://*:5558\"}|"
            + "error kv-endpoint-bind",
        "IPv6 wildcard binds|v0.11.0|--kv-events-config"
            + " {\"enable_kv_cache_events\":true,\"publisher\":\"zmq\",\"endpoint\":\"tcp://[::]:5557\",\"replay_endpoint\":\"tcp://*:5558\"}|",
        "no publisher on v0.10|v0.10.1|--kv-events-config"
            + " {\"enable_kv_cache_events\":true,\"endpoint\":\"tcp://*:5557\",\"replay_endpoint\":\"tcp://*:5558\"}|"
            + "error kv-config-json",
        "no publisher on v0.11|v0.11.0|--kv-events-config"
            + " {\"enable_kv_cache_events\":true,\"endpoint\":\"tcp://*:5557\",\"replay_endpoint\":\"tcp://*:5558\"}|",
        "no publisher, release unknown|latest|--kv-events-config"
            + " {\"enable_kv_cache_events\":true,\"endpoint\":\"tcp://*:5557\",\"replay_endpoint\":\"tcp://*:5558\"}|"
            + "warning kv-config-json,warning kv-image-version",
        "--data-parallel-size 2|v0.11.0|--kv-events-config JSON --data-parallel-size 2|error kv-data-parallel",
        "-dp 4|v0.11.0|--kv-events-config JSON -dp 4|error kv-data-parallel",
        "--data-parallel-size-local=2|v0.11.0|--kv-events-config JSON --data-parallel-size-local=2|"
            + "error kv-data-parallel",
        "--data-parallel-size 1|v0.11.0|--kv-events-config JSON --data-parallel-size 1|",
        "--port 8080 without the Deployment label|v0.11.0|--kv-events-config JSON --port 8080|"
            + "error model-port-label",
      })
  void reports(String name, String tag, String args, String expected) throws Exception {
    List<String> found =
        violations("vllm/vllm-openai:" + tag, args.replace("JSON", FULL)).stream()
            .filter(v -> !v.endsWith("kv-port-mismatch") || expected != null)
            .sorted()
            .toList();
    List<String> wanted = expected == null ? List.of() : List.of(expected.split(","));
    assertEquals(wanted.stream().sorted().toList(), found.stream().distinct().toList(), name);
  }
}
