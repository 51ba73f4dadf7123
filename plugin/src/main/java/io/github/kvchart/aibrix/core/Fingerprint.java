package io.github.kvchart.aibrix.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A SHA-256 over everything a piece of work depends on (named values, files, folders and the
 * plugin's own code), and a small index of the fingerprints of finished work, so that work whose
 * inputs, parameters and outputs are all unchanged is not done again.
 */
public final class Fingerprint {
  private final MessageDigest digest;

  private Fingerprint(String code) {
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    value("plugin", code);
  }

  /** A fingerprint that already holds the plugin's code identity. */
  public static Fingerprint of() {
    return new Fingerprint(codeIdentity());
  }

  /** A fingerprint that holds the given code identity (another plugin build, in tests). */
  public static Fingerprint of(String codeIdentity) {
    return new Fingerprint(codeIdentity);
  }

  /** Adds a named value (null and "" differ from each other and from any other value). */
  public Fingerprint value(String name, String value) {
    String text = value == null ? "\u0000null" : value;
    digest.update(
        (name + "=" + text.length() + ":" + text + "\n").getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /** Adds a file's bytes, or its absence. */
  public Fingerprint file(String name, Path file) throws IOException {
    if (file == null || !Files.isRegularFile(file)) {
      return value(name, file == null ? null : "missing " + file);
    }
    value(name, String.valueOf(Files.size(file)));
    digest.update(Files.readAllBytes(file));
    return this;
  }

  /** Adds every regular file under a folder (relative paths and bytes), or its absence. */
  public Fingerprint folder(String name, Path folder) throws IOException {
    if (folder == null || !Files.isDirectory(folder)) {
      return value(name, folder == null ? null : "missing " + folder);
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    value(name, String.valueOf(files.size()));
    for (Path file : files) {
      file(folder.relativize(file).toString(), file);
    }
    return this;
  }

  /** Adds a file or a folder, whichever {@code path} is, or its absence. */
  public Fingerprint path(String name, Path path) throws IOException {
    return path != null && Files.isDirectory(path) ? folder(name, path) : file(name, path);
  }

  public String hex() {
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The fingerprint recorded under {@code index} for {@code work}, if any. */
  public static Optional<String> recorded(Path index, String work) {
    try {
      return Optional.of(Files.readString(index.resolve(work + ".sha256")).trim());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Records {@code fingerprint} for {@code work}; a failure to record only costs a rerun. */
  public static void record(Path index, String work, String fingerprint) {
    try {
      Files.createDirectories(index);
      AtomicFiles.write(
          index.resolve(work + ".sha256"), (fingerprint + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      // the next run does the work again
    }
  }

  /**
   * The plugin's code: its version, and the size and time of the jar it runs from, so a rebuilt
   * SNAPSHOT is a different plugin. Classes from a folder (tests) are unique to this JVM.
   */
  public static String codeIdentity() {
    String version = String.valueOf(Fingerprint.class.getPackage().getImplementationVersion());
    try {
      Path code =
          Path.of(Fingerprint.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isRegularFile(code)) {
        return version + "|" + Files.size(code) + "|" + Files.getLastModifiedTime(code).toMillis();
      }
    } catch (Exception e) {
      // fall through
    }
    return version
        + "|"
        + ProcessHandle.current().pid()
        + "|"
        + ProcessHandle.current().info().startInstant();
  }
}
