package io.github.kvchart.aibrix.core.helm;

import java.util.List;

/**
 * One rendering of a chart with one set of values: each template's output as its own text, named
 * like {@code helm/aibrix-model/templates/deployment.yaml [values: ci/env-values.yaml]}.
 */
public record RenderedChart(String valuesLabel, List<Template> templates) {
  /** The output of one template. */
  public record Template(String displayName, String text) {}
}
