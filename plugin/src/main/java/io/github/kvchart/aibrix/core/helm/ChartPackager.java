package io.github.kvchart.aibrix.core.helm;

import io.github.kvchart.aibrix.core.AtomicFiles;
import io.github.kvchart.aibrix.core.InvalidInputException;
import io.github.kvchart.aibrix.core.SourceLocation;
import io.github.kvchart.aibrix.core.yaml.SafeYamlLoader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

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
    return pack(ChartFiles.of(chart), outputDirectory, timestamp);
  }

  /**
   * Archives exactly {@code files} (the list validation used) to a temporary file beside the
   * target; {@link Staged#commit()} moves it into place.
   */
  public static Staged stage(ChartFiles files, Path outputDirectory, Instant timestamp)
      throws IOException, InvalidInputException {
    Map<String, Object> meta = chartMetadata(files.root());
    String name = String.valueOf(meta.get("name"));
    String version = String.valueOf(meta.get("version"));
    Files.createDirectories(outputDirectory);
    Path target = outputDirectory.resolve(name + "-" + version + ".tgz");
    Path temp = AtomicFiles.temporarySibling(target);
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      try (OutputStream out =
          new DigestOutputStream(
              new java.io.BufferedOutputStream(Files.newOutputStream(temp)), digest)) {
        ReproducibleTarGz.write(name, files.files(), timestamp.getEpochSecond(), out);
      }
      return new Staged(
          temp,
          new Packaged(
              target,
              name,
              version,
              text(meta.get("appVersion")),
              text(meta.get("description")),
              HexFormat.of().formatHex(digest.digest()),
              Files.size(temp)));
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    } catch (NoSuchAlgorithmException e) {
      Files.deleteIfExists(temp);
      throw new IllegalStateException(e);
    }
  }

  /** An archive written beside its target, not yet in place. */
  public record Staged(Path temp, Packaged packaged) {
    /** Moves the archive into place. */
    public Packaged commit() throws IOException {
      AtomicFiles.move(temp, packaged.archive());
      return packaged;
    }

    /** Drops the archive. */
    public void discard() throws IOException {
      Files.deleteIfExists(temp);
    }
  }

  private static Packaged pack(ChartFiles files, Path outputDirectory, Instant timestamp)
      throws IOException, InvalidInputException {
    Staged staged = stage(files, outputDirectory, timestamp);
    try {
      return staged.commit();
    } finally {
      staged.discard();
    }
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

  private static String text(Object value) {
    return value == null ? "" : String.valueOf(value);
  }
}
