package io.github.kvchart.aibrix.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kvchart.aibrix.TestPaths;
import io.github.kvchart.aibrix.core.BuildLog;
import io.github.kvchart.aibrix.core.validate.ManifestValidator;
import io.github.kvchart.aibrix.core.validate.ValidateRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A model named like a YAML boolean stays a string everywhere it is written (samples, chart values,
 * and every chart rendering), so the output validates clean.
 */
class YamlAmbiguousNamesTest {
  @TempDir Path temp;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"no", "yes", "on", "off", "true", "false", "null", "y", "n"})
  void aBooleanLookingNameValidatesClean(String name) throws Exception {
    Path models = temp.resolve("models.yaml");
    Files.writeString(models, "models:\n  - name: \"" + name + "\"\n    hfModel: org/a\n");
    Path out = temp.resolve("out");
    new ChartGenerator()
        .generate(
            new GenerateRequest(out, TestPaths.chartTemplates(), models, null, "1.0.0", null),
            BuildLog.SILENT);
    var result =
        new ManifestValidator()
            .validate(
                new ValidateRequest(temp, List.of(out), List.of(), List.of(), "1.32", List.of(), 1),
                BuildLog.SILENT);
    assertEquals(List.of(), result.violations());
  }
}
