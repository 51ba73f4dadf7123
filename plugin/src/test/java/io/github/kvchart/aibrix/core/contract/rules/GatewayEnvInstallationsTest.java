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

/** gateway-env finds the gateway pods of every installation, not only the kustomize ones. */
class GatewayEnvInstallationsTest {
  @TempDir Path temp;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "kustomize labels|gw|{app: gateway-plugins}",
        "Helm labels, another release name|prod-aibrix-gateway-plugins|{app.kubernetes.io/component: aibrix-gateway-plugin}",
      })
  void aGatewayWithANameNoReleaseHasIsReported(String name, String deployment, String labels)
      throws Exception {
    Path file = temp.resolve("gateway.yaml");
    Files.writeString(
        file,
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: %s, namespace: aibrix-system}
        spec:
          selector: {matchLabels: %s}
          template:
            metadata: {labels: %s}
            spec:
              containers:
                - name: gateway-plugin
                  image: aibrix/gateway-plugins:v0.7.0
                  env:
                    - {name: AIBRIX_REMOTE_TOKENIZER_ENGINE, value: vllm}
        """
            .formatted(deployment, labels, labels));
    long found =
        new ManifestValidator()
                .validate(
                    new ValidateRequest(
                        temp, List.of(file), List.of(), List.of(), "1.32", List.of(), 1),
                    BuildLog.SILENT)
                .violations()
                .stream()
                .filter(v -> v.rule().equals("gateway-env"))
                .count();
    assertEquals(1, found, name);
  }
}
