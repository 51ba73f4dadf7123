package io.github.kvchart.aibrix.core.validate;

import com.marcnuri.helm.LintResult;
import io.github.kvchart.aibrix.core.InvalidInputException;
import io.github.kvchart.aibrix.core.Parallel;
import io.github.kvchart.aibrix.core.helm.ChartRenderer;
import io.github.kvchart.aibrix.core.helm.EmbeddedHelm;
import io.github.kvchart.aibrix.core.helm.HelmException;
import io.github.kvchart.aibrix.core.helm.RenderedChart;
import io.github.kvchart.aibrix.core.manifest.RuleIds;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Helm chart among the sources: {@code helm lint --strict}, then every rendering of the values
 * matrix checked like any manifest, each document reported against its template and values.
 */
final class ChartCheck {
  private static final Pattern LINT_LINE = Pattern.compile("^\\[(ERROR|WARNING|INFO)\\]\\s*(.*)$");

  private final ManifestValidator validator;
  private final SchemaCheck schemaCheck;

  ChartCheck(ManifestValidator validator, SchemaCheck schemaCheck) {
    this.validator = validator;
    this.schemaCheck = schemaCheck;
  }

  /**
   * The lint result, then one list of outcomes per rendering (validated together by the contract).
   */
  List<List<ManifestValidator.FileOutcome>> check(Path chart, String display)
      throws InvalidInputException {
    List<List<ManifestValidator.FileOutcome>> renderings = new ArrayList<>();
    try {
      io.github.kvchart.aibrix.core.helm.ChartFiles.of(chart);
    } catch (InvalidInputException e) {
      renderings.add(failed(display, RuleIds.HELM_LINT, e.problem(), e.fix()));
      return renderings;
    } catch (IOException e) {
      renderings.add(unreadable(display, RuleIds.HELM_LINT, e));
      return renderings;
    }
    // Helm works through lint and the renderings in order on its own thread (its calls take
    // turns anyway), while this thread checks each rendering as soon as Helm has made it.
    ExecutorService helm = Parallel.pool(1, "aibrix-chart-helm");
    try {
      Future<List<Violation>> lint = helm.submit(() -> lint(chart, display));
      List<ChartRenderer.ValuesCase> matrix;
      try {
        matrix = ChartRenderer.matrix(chart);
      } catch (IOException e) {
        renderings.add(lintOutcome(Parallel.await(lint, "helm lint")));
        renderings.add(unreadable(display, RuleIds.HELM_TEMPLATE, e));
        return renderings;
      }
      List<Future<Rendering>> rendered = new ArrayList<>();
      for (ChartRenderer.ValuesCase values : matrix) {
        rendered.add(helm.submit(() -> Rendering.of(chart, display, values)));
      }
      renderings.add(lintOutcome(Parallel.await(lint, "helm lint")));
      for (int i = 0; i < matrix.size(); i++) {
        Rendering rendering = Parallel.await(rendered.get(i), "helm template");
        List<ManifestValidator.FileOutcome> outcomes = new ArrayList<>();
        if (rendering.failure() != null) {
          outcomes.add(
              templateFailure(display, matrix.get(i).label(), rendering.failure().getMessage()));
        } else {
          for (RenderedChart.Template template : rendering.chart().templates()) {
            outcomes.add(validator.checkText(template.displayName(), template.text(), schemaCheck));
          }
        }
        renderings.add(outcomes);
      }
      return renderings;
    } finally {
      helm.shutdownNow();
    }
  }

  /** One values case as Helm rendered it, or why it could not. */
  private record Rendering(RenderedChart chart, HelmException failure) {
    static Rendering of(Path chart, String display, ChartRenderer.ValuesCase values) {
      try {
        return new Rendering(ChartRenderer.render(chart, display, values), null);
      } catch (HelmException e) {
        return new Rendering(null, e);
      }
    }
  }

  private static List<ManifestValidator.FileOutcome> lintOutcome(List<Violation> violations) {
    return List.of(new ManifestValidator.FileOutcome(violations, List.of(), List.of()));
  }

  /** One rendering that holds only a file-level violation. */
  private static List<ManifestValidator.FileOutcome> failed(
      String display, String rule, String problem, String fix) {
    return List.of(
        ManifestValidator.FileOutcome.failed(Violation.inFile(display, 0, 0, rule, problem, fix)));
  }

  private static List<ManifestValidator.FileOutcome> unreadable(
      String display, String rule, IOException e) {
    return failed(
        display,
        rule,
        "cannot read the chart: " + e.getMessage(),
        "Check the chart directory's permissions.");
  }

  private static List<Violation> lint(Path chart, String display) {
    List<Violation> violations = new ArrayList<>();
    try {
      LintResult result = EmbeddedHelm.lint(chart, true);
      for (String message : result.getMessages()) {
        Matcher matcher = LINT_LINE.matcher(message.trim());
        if (!matcher.matches() || matcher.group(1).equals("INFO")) {
          continue;
        }
        violations.add(
            Violation.inFile(
                display,
                0,
                0,
                RuleIds.HELM_LINT,
                "helm lint --strict: " + matcher.group(2),
                "Fix what Helm names; --strict treats warnings as errors."));
      }
      if (result.isFailed() && violations.isEmpty()) {
        violations.add(
            Violation.inFile(
                display,
                0,
                0,
                RuleIds.HELM_LINT,
                "helm lint --strict failed: " + String.join("; ", result.getMessages()),
                "Fix what Helm names."));
      }
    } catch (HelmException e) {
      violations.add(
          Violation.inFile(
              display, 0, 0, RuleIds.HELM_LINT, e.getMessage(), "Fix what Helm names."));
    }
    return violations;
  }

  /** Helm names the failing template and line, e.g. "(aibrix-model/templates/service.yaml:14)". */
  private static final Pattern TEMPLATE_AT =
      Pattern.compile("[\\w.-]+/(templates/[^:()\\s]+):(\\d+)");

  /** A helm-template violation against the template and line Helm names, when it names one. */
  static ManifestValidator.FileOutcome templateFailure(
      String chartDisplay, String valuesLabel, String message) {
    Matcher at = TEMPLATE_AT.matcher(message == null ? "" : message);
    String file = chartDisplay + " [values: " + valuesLabel + "]";
    int line = 0;
    if (at.find()) {
      file = chartDisplay + "/" + at.group(1) + " [values: " + valuesLabel + "]";
      line = Integer.parseInt(at.group(2));
    }
    Violation violation =
        Violation.inFile(
            file,
            line,
            line > 0 ? 1 : 0,
            RuleIds.HELM_TEMPLATE,
            message,
            "Fix the template, or the values file, named here.");
    return ManifestValidator.FileOutcome.failed(violation);
  }
}
