package io.github.kvchart.aibrix.core.helm;

import io.github.kvchart.aibrix.core.AtomicFiles;
import io.github.kvchart.aibrix.core.InvalidInputException;
import io.github.kvchart.aibrix.core.SourceLocation;
import io.github.kvchart.aibrix.core.yaml.SafeYamlLoader;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Packages a chart directory as {@code <name>-<version>.tgz}, byte-reproducibly (see {@link
 * ReproducibleTarGz}), honouring .helmignore, and writes it atomically.
 */
public final class ChartPackager {
  private ChartPackager() {}

  /** What was packaged. */
  public record Packaged(
      Path archive,
      String name,
      String version,
      String appVersion,
      String description,
      String sha256,
      long size) {}

  public static Packaged pack(Path chart, Path outputDirectory, Instant timestamp)
      throws IOException, InvalidInputException {
    Map<String, Object> meta = chartMetadata(chart);
    String name = String.valueOf(meta.get("name"));
    String version = String.valueOf(meta.get("version"));
    SortedMap<String, byte[]> files = new TreeMap<>();
    List<PathMatcher> ignored = helmIgnore(chart);
    try (Stream<Path> walk = Files.walk(chart)) {
      for (Path file : (Iterable<Path>) walk::iterator) {
        String relative = chart.relativize(file).toString().replace('\\', '/');
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || isIgnored(relative, ignored)) {
          continue;
        }
        files.put(relative, Files.readAllBytes(file));
      }
    }
    byte[] archive = ReproducibleTarGz.write(name, files, timestamp.getEpochSecond());
    Files.createDirectories(outputDirectory);
    Path target =
        AtomicFiles.write(outputDirectory.resolve(name + "-" + version + ".tgz"), archive);
    return new Packaged(
        target,
        name,
        version,
        text(meta.get("appVersion")),
        text(meta.get("description")),
        sha256(archive),
        archive.length);
  }

  /** Chart.yaml as a map; name and version are required. */
  public static Map<String, Object> chartMetadata(Path chart)
      throws IOException, InvalidInputException {
    Path file = chart.resolve("Chart.yaml");
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException(
          SourceLocation.ofFile(chart.toString()),
          "is not a Helm chart (no Chart.yaml).",
          "Run generate first, or point aibrix-chart.chartDirectory at a chart.");
    }
    Object loaded = SafeYamlLoader.loadData(file, file.toString());
    if (!(loaded instanceof Map<?, ?> map)
        || map.get("name") == null
        || map.get("version") == null) {
      throw new InvalidInputException(
          SourceLocation.ofFile(file.toString()),
          "has no name or version.",
          "Set name and version in Chart.yaml.");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> meta = (Map<String, Object>) map;
    return meta;
  }

  /** The sha256 of a file, read in a stream. */
  public static String sha256(Path file) throws IOException {
    try (var in =
        new java.security.DigestInputStream(
            Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(in.getMessageDigest().digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<PathMatcher> helmIgnore(Path chart) throws IOException {
    List<PathMatcher> matchers = new ArrayList<>();
    Path file = chart.resolve(".helmignore");
    if (Files.isRegularFile(file)) {
      for (String line : Files.readAllLines(file)) {
        String pattern = line.trim();
        if (pattern.isEmpty() || pattern.startsWith("#") || pattern.startsWith("!")) {
          continue;
        }
        pattern = pattern.endsWith("/") ? pattern + "**" : pattern;
        matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + pattern));
        matchers.add(FileSystems.getDefault().getPathMatcher("glob:**/" + pattern));
      }
    }
    return matchers;
  }

  private static boolean isIgnored(String relative, List<PathMatcher> matchers) {
    Path path = Path.of(relative);
    return matchers.stream().anyMatch(m -> m.matches(path) || m.matches(path.getFileName()));
  }

  private static String text(Object value) {
    return value == null ? "" : String.valueOf(value);
  }
}
