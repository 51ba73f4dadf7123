package io.github.kvchart.aibrix.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kvchart.aibrix.TestPaths;
import io.github.kvchart.aibrix.core.BuildLog;
import io.github.kvchart.aibrix.core.validate.ManifestValidator;
import io.github.kvchart.aibrix.core.validate.ValidateRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A models file that uses every per-model knob: samples and chart carry them and validate clean.
 */
class EveryKnobTest {
  @TempDir Path temp;

  @Test
  void everyKnobRendersAndValidatesClean() throws Exception {
    Path out = temp.resolve("out");
    new ChartGenerator()
        .generate(
            new GenerateRequest(
                out,
                TestPaths.chartTemplates(),
                TestPaths.repoRoot().resolve("plugin/src/test/resources/models/every-knob.yaml"),
                null,
                "1.0.0",
                null),
            BuildLog.SILENT);
    var result =
        new ManifestValidator()
            .validate(
                new ValidateRequest(
                    temp,
                    List.of(out),
                    List.of(),
                    List.of(),
                    "1.32",
                    List.of(),
                    1,
                    null,
                    null,
                    null,
                    "helm"),
                BuildLog.SILENT);
    assertEquals(List.of(), result.violations());
    String args = Files.readString(out.resolve("samples/quickstart/model-with-kv-events.yaml"));
    assertTrue(args.contains("- --enable-chunked-prefill"), args);
    assertTrue(args.contains("name: hf-secret"), args);
    assertTrue(args.contains("cpu: '8'"), args);
    assertTrue(args.contains("kind: PersistentVolumeClaim"), args);
    assertTrue(args.contains("storageClassName: fast-ssd"), args);
    assertTrue(args.contains("nvidia.com/gpu.product: NVIDIA-A100-SXM4-80GB"), args);
    assertTrue(args.contains("value: DEBUG"), args);
    String env = Files.readString(out.resolve("samples/quickstart/model-with-kv-events-env.yaml"));
    assertTrue(env.contains("claimName: shared-models"), env);
    assertTrue(!env.contains("kind: PersistentVolumeClaim"), "an existing claim is not created");
    assertTrue(env.contains("- --enable-lora"), env);
    assertTrue(env.contains("adapter.model.aibrix.ai/enabled: \"true\""), env);
    assertTrue(env.contains("cpu: '2500m'"), env);
    String values = Files.readString(out.resolve("helm/aibrix-model/values.yaml"));
    assertTrue(values.contains("secretName: hf-secret"), values);
    assertTrue(values.contains("storageClassName: fast-ssd"), values);
  }
}
