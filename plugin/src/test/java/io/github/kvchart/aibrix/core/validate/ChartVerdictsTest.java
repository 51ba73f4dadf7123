package io.github.kvchart.aibrix.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kvchart.aibrix.GeneratedOutput;
import io.github.kvchart.aibrix.core.BuildLog;
import io.github.kvchart.aibrix.core.manifest.Severity;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chart's verdict is reused while nothing it depends on changed, and checked again as soon as
 * anything does.
 */
class ChartVerdictsTest {
  @TempDir static Path temp;
  private static Path chart;

  @BeforeAll
  static void generate() throws Exception {
    GeneratedOutput.defaults(temp.resolve("gen"));
    chart = temp.resolve("gen/helm/aibrix-model");
  }

  private final List<String> said = new ArrayList<>();

  private ValidationResult validate(String version, String rules, Path cache) throws Exception {
    said.clear();
    BuildLog log =
        new BuildLog() {
          @Override
          public void info(String message) {
            said.add(message);
          }

          @Override
          public void warn(String message) {}

          @Override
          public void debug(String message) {}
        };
    ValidateRequest request =
        new ValidateRequest(
            temp, List.of(chart), List.of(), List.of(), version, List.of(), 1, null, rules, null);
    return new ManifestValidator().validate(request.withVerdictCache(cache), log);
  }

  private boolean reused() {
    return said.stream().anyMatch(s -> s.contains("verdict reused"));
  }

  @Test
  void reusedUntilSomethingItDependsOnChanges() throws Exception {
    Path cache = temp.resolve("verdicts");
    ValidationResult first = validate("1.35", null, cache);
    assertTrue(!reused(), "the first run checks the chart");
    ValidationResult second = validate("1.35", null, cache);
    assertTrue(reused(), "an unchanged chart is not checked again");
    assertEquals(first.documents(), second.documents());
    assertEquals(first.violations(), second.violations());

    validate("1.34", null, cache);
    assertTrue(!reused(), "another Kubernetes version");
    validate("1.35", "kv-replay-disabled=off", cache);
    assertTrue(!reused(), "other rule levels");
    validate("1.35", null, null);
    assertTrue(!reused(), "no cache (aibrix-chart.force)");

    Path values = chart.resolve("ci/env-values.yaml");
    String before = Files.readString(values);
    Files.writeString(values, before + "# edited\n");
    try {
      validate("1.35", null, cache);
      assertTrue(!reused(), "a chart file changed");
    } finally {
      Files.writeString(values, before);
    }
    validate("1.35", null, cache);
    assertTrue(reused(), "back to the first chart: its verdict is still kept");
  }

  @Test
  void anUnreadableVerdictIsCheckedAgain() throws Exception {
    Path cache = temp.resolve("broken");
    validate("1.33", null, cache);
    try (var files = Files.list(cache)) {
      for (Path file : files.toList()) {
        Files.writeString(file, "{not json");
      }
    }
    ValidationResult again = validate("1.33", null, cache);
    assertTrue(!reused());
    assertEquals(List.of(), again.violations());
  }

  @Test
  void aKeptVerdictReadsBackExactlyAsStored() throws Exception {
    Path cache = temp.resolve("round-trip");
    ChartVerdicts.Verdict verdict =
        new ChartVerdicts.Verdict(
            List.of(
                new Violation(
                    "chart/templates/deployment.yaml [values: ci/env-values.yaml]",
                    12,
                    7,
                    2,
                    "Deployment",
                    "m",
                    "/spec/template",
                    "kv-replay-disabled",
                    Severity.WARNING,
                    "a \"quoted\" message\nover two lines",
                    ""),
                Violation.inFile("chart", 0, 0, "helm-lint", "helm lint --strict: x", "Fix it.")),
            List.of(new DocumentSummary("chart/templates/service.yaml", 0, "Service", "m")));
    ChartVerdicts.store(cache, "k", verdict);
    assertEquals(java.util.Optional.of(verdict), ChartVerdicts.load(cache, "k"));
    assertEquals(java.util.Optional.empty(), ChartVerdicts.load(cache, "other"));
  }
}
