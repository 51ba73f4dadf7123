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
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A Helm repository index.yaml: written, or merged with an existing one (the entry for the same
 * version is replaced), with each entry's digest and URL. Deterministic: times come from the
 * build's output timestamp and entries are sorted by name and version.
 */
public final class ChartIndex {
  private ChartIndex() {}

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
      throws IOException {
    Map<String, Object> root = new LinkedHashMap<>();
    Map<String, List<Map<String, Object>>> entries = new TreeMap<>();
    if (Files.isRegularFile(index)) {
      Object loaded =
          new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(index));
      if (loaded instanceof Map<?, ?> map && map.get("entries") instanceof Map<?, ?> existing) {
        existing.forEach(
            (name, list) -> {
              List<Map<String, Object>> versions = new ArrayList<>();
              if (list instanceof List<?> items) {
                for (Object item : items) {
                  if (item instanceof Map<?, ?> entry) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> typed = new LinkedHashMap<>((Map<String, Object>) entry);
                    versions.add(typed);
                  }
                }
              }
              entries.put(String.valueOf(name), versions);
            });
      }
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
