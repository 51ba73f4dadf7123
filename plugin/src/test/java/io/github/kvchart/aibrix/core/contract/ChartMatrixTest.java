package io.github.kvchart.aibrix.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kvchart.aibrix.TestPaths;
import io.github.kvchart.aibrix.core.BuildLog;
import io.github.kvchart.aibrix.core.manifest.Violation;
import io.github.kvchart.aibrix.core.render.ChartGenerator;
import io.github.kvchart.aibrix.core.render.GenerateRequest;
import io.github.kvchart.aibrix.core.validate.ManifestValidator;
import io.github.kvchart.aibrix.core.validate.ValidateRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Charts are checked through real Helm over the values matrix: a bad values file or a broken
 * template is reported against the template and the values file that produced it.
 */
class ChartMatrixTest {
  @TempDir Path temp;
  Path chart;

  @BeforeEach
  void generate() throws Exception {
    new ChartGenerator()
        .generate(
            new GenerateRequest(
                temp.resolve("out"), TestPaths.chartTemplates(), null, null, "1.0.0", null),
            BuildLog.SILENT);
    chart = temp.resolve("out/helm/aibrix-model");
  }

  private List<Violation> validate() throws Exception {
    return new ManifestValidator()
        .validate(
            new ValidateRequest(temp, List.of(chart), List.of(), List.of(), "1.32", List.of(), 1),
            BuildLog.SILENT)
        .violations();
  }

  @Test
  void aValuesFileThatBreaksTheContractIsNamedInTheViolation() throws Exception {
    Files.writeString(
        chart.resolve("ci/replay-5559-values.yaml"), "model:\n  kvEvents:\n    replayPort: 5559\n");
    List<Violation> violations = validate();
    assertEquals(1, violations.size(), violations.toString());
    Violation v = violations.get(0);
    assertEquals("kv-port-mismatch", v.rule());
    assertEquals(
        "out/helm/aibrix-model/templates/deployment.yaml [values: ci/replay-5559-values.yaml]",
        v.file());
    assertTrue(v.line() > 0);
  }

  @Test
  void aBrokenTemplateIsCaughtByLintAndEveryRendering() throws Exception {
    Path service = chart.resolve("templates/service.yaml");
    Files.writeString(
        service,
        Files.readString(service)
            .replace("{{ .Values.model.servingPort }}", "{{ .Values.model.servingPort "));
    List<Violation> violations = validate();
    assertTrue(
        violations.stream().anyMatch(v -> v.rule().equals("helm-lint")), violations.toString());
    List<String> failed =
        violations.stream()
            .filter(v -> v.rule().equals("helm-template"))
            .map(Violation::file)
            .toList();
    List<String> expected = new java.util.ArrayList<>();
    try (var values = Files.list(chart.resolve("ci"))) {
      values
          .map(
              f ->
                  "out/helm/aibrix-model/templates/service.yaml [values: ci/"
                      + f.getFileName()
                      + "]")
          .forEach(expected::add);
    }
    expected.add("out/helm/aibrix-model/templates/service.yaml [values: defaults]");
    assertEquals(11, expected.size(), "defaults and every ci/ values file");
    assertEquals(expected.stream().sorted().toList(), failed.stream().sorted().toList());
    assertTrue(
        violations.stream()
            .filter(v -> v.rule().equals("helm-template"))
            .allMatch(v -> v.line() > 0),
        violations.toString());
    assertTrue(
        violations.stream()
            .filter(v -> v.rule().equals("helm-template"))
            .allMatch(v -> v.message().contains("service.yaml")),
        violations.toString());
  }
}
