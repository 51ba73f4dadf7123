package io.github.kvchart.aibrix.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kvchart.aibrix.TestPaths;
import io.github.kvchart.aibrix.core.BuildLog;
import io.github.kvchart.aibrix.core.render.ChartGenerator;
import io.github.kvchart.aibrix.core.render.GenerateRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What generate writes validates with no errors and no warnings, for both golden model sets. */
class GeneratedOutputValidatesTest {
  @TempDir Path temp;

  private ValidationResult generateAndValidate(Path models) throws Exception {
    Path out = temp.resolve("out");
    new ChartGenerator()
        .generate(
            new GenerateRequest(out, TestPaths.chartTemplates(), models, null, "1.0.0", null),
            BuildLog.SILENT);
    return new ManifestValidator()
        .validate(
            new ValidateRequest(temp, List.of(out), List.of(), List.of(), "1.32", List.of(), 2),
            BuildLog.SILENT);
  }

  @Test
  void defaultOutputIsClean() throws Exception {
    ValidationResult result = generateAndValidate(null);
    assertEquals(List.of(), result.violations());
    assertEquals(6, result.files().size(), "five sample files and the chart");
    long chartDocuments =
        result.documents().stream().filter(d -> d.file().contains("[values: ")).count();
    // 11 renderings (defaults and 10 ci/ files) of 5 objects (the PodAutoscaler included), plus
    // the cache PVC, the PodDisruptionBudget and the PodMonitor (checked against its CRD's schema:
    // no schema-missing warning) in one rendering each.
    assertEquals(11 * 5 + 3, chartDocuments, "objects in the renderings: " + result.documents());
    assertEquals(7 + 58, result.documents().size());
  }

  @Test
  void hostileValuesOutputIsClean() throws Exception {
    ValidationResult result =
        generateAndValidate(
            TestPaths.repoRoot().resolve("plugin/src/test/resources/models/hostile-values.yaml"));
    assertEquals(List.of(), result.violations());
  }
}
