package io.github.kvchart.aibrix.core.helm;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * A Helm repository index.yaml: written, or merged with an existing one (the entry for the same
 * version is replaced, everything else kept as it was, unknown fields included), with each entry's
 * digest and URL. The merge holds a lock on {@code index.yaml.lock} (across processes) and a lock
 * per file (across threads of one build), so parallel runs into one folder keep every entry.
 * Deterministic: times come from the build's output timestamp; versions are in a total order.
 */
public final class ChartIndex {
  private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

  private ChartIndex() {}

  /** The whole index (empty when there is none); a broken one is an error. */
  public static Map<String, Object> read(Path index)
      throws IOException, io.github.kvchart.aibrix.core.InvalidInputException {
    if (!Files.isRegularFile(index)) {
      return new LinkedHashMap<>();
    }
    Object loaded =
        io.github.kvchart.aibrix.core.yaml.SafeYamlLoader.loadData(index, index.toString());
    if (loaded == null) {
      return new LinkedHashMap<>();
    }
    if (!(loaded instanceof Map<?, ?> map && map.get("entries") instanceof Map<?, ?>)) {
      throw new io.github.kvchart.aibrix.core.InvalidInputException(
          io.github.kvchart.aibrix.core.SourceLocation.ofFile(index.toString()),
          "is not a Helm repository index (no 'entries' mapping); it was left as it is.",
          "Remove it, or point aibrix-chart.chartsDirectory elsewhere.");
    }
    Map<String, Object> root = new LinkedHashMap<>();
    map.forEach((key, value) -> root.put(String.valueOf(key), value));
    return root;
  }

  /** SemVer precedence, and a total order for anything else (see {@link VersionOrder}). */
  static int compareVersions(String a, String b) {
    return VersionOrder.INSTANCE.compare(a, b);
  }

  /**
   * Under the index lock: reads and merges the index (a broken one fails before anything is
   * written), moves the staged archive into place, then writes the index.
   */
  public static ChartPackager.Packaged merge(
      Path index, ChartPackager.Staged staged, String urlPrefix, Instant timestamp)
      throws IOException, io.github.kvchart.aibrix.core.InvalidInputException {
    Path key = index.toAbsolutePath().normalize();
    ReentrantLock lock = IN_PROCESS.computeIfAbsent(key, k -> new ReentrantLock());
    lock.lock();
    try (FileChannel channel =
            FileChannel.open(
                key.resolveSibling(key.getFileName() + ".lock"),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock held = channel.lock()) {
      String merged = merged(read(key), staged.packaged(), urlPrefix, timestamp);
      ChartPackager.Packaged packaged = staged.commit();
      io.github.kvchart.aibrix.core.AtomicFiles.write(
          key, merged.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return packaged;
    } finally {
      lock.unlock();
    }
  }

  @SuppressWarnings("unchecked")
  private static String merged(
      Map<String, Object> root, ChartPackager.Packaged chart, String urlPrefix, Instant timestamp) {
    Map<String, List<Map<String, Object>>> entries = new TreeMap<>();
    Object existing = root.get("entries");
    if (existing instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        List<Map<String, Object>> versions = new ArrayList<>();
        if (entry.getValue() instanceof List<?> items) {
          for (Object item : items) {
            if (item instanceof Map<?, ?> version) {
              versions.add(new LinkedHashMap<>((Map<String, Object>) version));
            }
          }
        }
        entries.put(String.valueOf(entry.getKey()), versions);
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
    for (List<Map<String, Object>> list : entries.values()) {
      list.sort(
          Comparator.comparing(
              (Map<String, Object> v) -> String.valueOf(v.get("version")),
              VersionOrder::newestFirst));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("apiVersion", root.getOrDefault("apiVersion", "v1"));
    out.put("entries", entries);
    out.put("generated", time);
    root.forEach(out::putIfAbsent);
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    options.setIndicatorIndent(2);
    options.setIndentWithIndicator(true);
    options.setLineBreak(DumperOptions.LineBreak.UNIX);
    return new Yaml(options).dump(out);
  }
}
