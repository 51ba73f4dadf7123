package io.github.kvchart.aibrix.core.helm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * A Helm repository index.yaml: written, or merged with an existing one (the entry for the same
 * version is replaced), with each entry's digest and URL. Deterministic: times come from the
 * build's output timestamp and entries are sorted by name and version.
 */
public final class ChartIndex {
  private ChartIndex() {}

  /** The entries of an existing index.yaml (empty when there is none); a broken one is an error. */
  public static Map<?, ?> read(Path index)
      throws IOException, io.github.kvchart.aibrix.core.InvalidInputException {
    if (!Files.isRegularFile(index)) {
      return Map.of();
    }
    Object loaded =
        io.github.kvchart.aibrix.core.yaml.SafeYamlLoader.loadData(index, index.toString());
    if (loaded == null) {
      return Map.of();
    }
    if (!(loaded instanceof Map<?, ?> map && map.get("entries") instanceof Map<?, ?> entries)) {
      throw new io.github.kvchart.aibrix.core.InvalidInputException(
          io.github.kvchart.aibrix.core.SourceLocation.ofFile(index.toString()),
          "is not a Helm repository index (no 'entries' mapping); it was left as it is.",
          "Remove it, or point aibrix-chart.chartsDirectory elsewhere.");
    }
    return entries;
  }

  /**
   * SemVer precedence, near enough for an index: numeric parts numerically, a pre-release first.
   */
  static int compareVersions(String a, String b) {
    String[] left = a.split("[-+]", 2);
    String[] right = b.split("[-+]", 2);
    String[] x = left[0].split("\\.");
    String[] y = right[0].split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      String p = i < x.length ? x[i] : "0";
      String q = i < y.length ? y[i] : "0";
      int order =
          p.matches("[0-9]{1,18}") && q.matches("[0-9]{1,18}")
              ? Long.compare(Long.parseLong(p), Long.parseLong(q))
              : p.compareTo(q);
      if (order != 0) {
        return order;
      }
    }
    if (left.length != right.length) {
      return left.length > right.length ? -1 : 1;
    }
    return left.length > 1 ? left[1].compareTo(right[1]) : 0;
  }

  public static void merge(
      Path index, ChartPackager.Packaged chart, String urlPrefix, Instant timestamp)
      throws IOException, io.github.kvchart.aibrix.core.InvalidInputException {
    Map<String, Object> root = new LinkedHashMap<>();
    Map<String, List<Map<String, Object>>> entries = new TreeMap<>();
    for (Map.Entry<?, ?> entry : read(index).entrySet()) {
      List<Map<String, Object>> versions = new ArrayList<>();
      if (entry.getValue() instanceof List<?> items) {
        for (Object item : items) {
          if (item instanceof Map<?, ?> version) {
            @SuppressWarnings("unchecked")
            Map<String, Object> typed = new LinkedHashMap<>((Map<String, Object>) version);
            versions.add(typed);
          }
        }
      }
      entries.put(String.valueOf(entry.getKey()), versions);
    }
    String time = DateTimeFormatter.ISO_INSTANT.format(timestamp.atOffset(ZoneOffset.UTC));
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("apiVersion", "v2");
    entry.put("name", chart.name());
    entry.put("version", chart.version());
    entry.put("appVersion", chart.appVersion());
    entry.put("description", chart.description());
    entry.put("type", "application");
    String prefix =
        urlPrefix == null || urlPrefix.isBlank()
            ? ""
            : (urlPrefix.endsWith("/") ? urlPrefix : urlPrefix + "/");
    entry.put("urls", List.of(prefix + chart.archive().getFileName()));
    entry.put("digest", chart.sha256());
    entry.put("created", time);
    List<Map<String, Object>> versions =
        entries.computeIfAbsent(chart.name(), k -> new ArrayList<>());
    versions.removeIf(v -> chart.version().equals(String.valueOf(v.get("version"))));
    versions.add(entry);
    versions.sort(
        Comparator.comparing(
                (Map<String, Object> v) -> String.valueOf(v.get("version")),
                ChartIndex::compareVersions)
            .reversed());
    root.put("apiVersion", "v1");
    root.put("entries", entries);
    root.put("generated", time);
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    options.setIndicatorIndent(2);
    options.setIndentWithIndicator(true);
    options.setLineBreak(DumperOptions.LineBreak.UNIX);
    Files.createDirectories(index.toAbsolutePath().getParent());
    Files.writeString(index, new Yaml(options).dump(root));
  }
}
