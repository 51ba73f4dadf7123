package io.github.kvchart.aibrix.core.helm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Renders a chart with real Helm over a values matrix, the way chart-testing does: the defaults and
 * every {@code ci/*-values.yaml}; a chart without a ci/ folder that has the aibrix-model values
 * also gets KV events off and env mode. Output is split by Helm's {@code # Source:} markers so
 * every document is reported against the template it came from.
 */
public final class ChartRenderer {
  private static final String SOURCE_MARKER = "# Source: ";

  private ChartRenderer() {}

  /** One matrix entry: a label, --set pairs and values files. */
  public record ValuesCase(String label, Map<String, String> set, List<Path> valuesFiles) {}

  /** The values matrix of {@code chart}. */
  public static List<ValuesCase> matrix(Path chart) throws IOException {
    List<ValuesCase> cases = new ArrayList<>();
    cases.add(new ValuesCase("defaults", Map.of(), List.of()));
    Path ci = chart.resolve("ci");
    if (Files.isDirectory(ci)) {
      try (Stream<Path> files = Files.list(ci)) {
        files
            .filter(f -> f.getFileName().toString().endsWith("-values.yaml"))
            .sorted()
            .forEach(f -> cases.add(new ValuesCase("ci/" + f.getFileName(), Map.of(), List.of(f))));
      }
    } else if (Files.isRegularFile(chart.resolve("values.yaml"))) {
      String values = Files.readString(chart.resolve("values.yaml"));
      if (values.contains("kvEvents:")) {
        cases.add(
            new ValuesCase(
                "model.kvEvents.enabled=false",
                Map.of("model.kvEvents.enabled", "false"),
                List.of()));
      }
      if (values.contains("configMode:")) {
        cases.add(
            new ValuesCase("model.configMode=env", Map.of("model.configMode", "env"), List.of()));
      }
    }
    return cases;
  }

  /** Renders one matrix entry; {@code chartDisplay} prefixes the template names. */
  public static RenderedChart render(Path chart, String chartDisplay, ValuesCase values)
      throws HelmException {
    String output =
        EmbeddedHelm.template(chart, "release-name", "default", values.set(), values.valuesFiles());
    // A chart without templates renders to nothing (helm-java returns null then).
    return new RenderedChart(
        values.label(), split(output == null ? "" : output, chartDisplay, values.label()));
  }

  static List<RenderedChart.Template> split(String output, String chartDisplay, String label) {
    Map<String, StringBuilder> byTemplate = new LinkedHashMap<>();
    String current = null;
    for (String line : output.split("\n", -1)) {
      if (line.startsWith(SOURCE_MARKER)) {
        String source = line.substring(SOURCE_MARKER.length()).trim();
        int slash = source.indexOf('/');
        current = slash < 0 ? source : source.substring(slash + 1);
        StringBuilder text = byTemplate.computeIfAbsent(current, k -> new StringBuilder());
        if (text.length() > 0) {
          text.append("---\n");
        }
        continue;
      }
      if (current != null && !line.equals("---")) {
        byTemplate.get(current).append(line).append('\n');
      }
    }
    List<RenderedChart.Template> templates = new ArrayList<>();
    byTemplate.forEach(
        (template, text) ->
            templates.add(
                new RenderedChart.Template(
                    chartDisplay + "/" + template + " [values: " + label + "]", text.toString())));
    return templates;
  }
}
