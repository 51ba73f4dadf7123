package io.github.kvchart.aibrix.core.render;

import io.github.kvchart.aibrix.core.AtomicFiles;
import io.github.kvchart.aibrix.core.InvalidInputException;
import io.github.kvchart.aibrix.core.SourceLocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Writes a set of rendered files as one directory, all or nothing: files go to a temporary sibling
 * directory which then replaces the target. A failure leaves the previous output as it was. Only a
 * directory this class wrote (it holds {@link #MARKER}) or an empty one is ever replaced.
 */
public final class OutputTree {
  /** The marker file listing what we wrote; its presence makes a directory ours to replace. */
  public static final String MARKER = ".aibrix-chart-files";

  private static final Set<PosixFilePermission> EXECUTABLE =
      EnumSet.of(
          PosixFilePermission.OWNER_READ,
          PosixFilePermission.OWNER_WRITE,
          PosixFilePermission.OWNER_EXECUTE,
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_EXECUTE);

  private OutputTree() {}

  /**
   * Replaces {@code target} with exactly {@code files} (relative name to content); returns how many
   * leftovers of killed runs it removed beside it.
   */
  public static int write(Path target, Map<String, String> files)
      throws IOException, InvalidInputException {
    Path directory = target.toAbsolutePath().normalize();
    checkReplaceable(directory);
    Path parent = directory.getParent();
    Files.createDirectories(parent);
    String unique = UUID.randomUUID().toString().substring(0, 8);
    String prefix = "." + directory.getFileName() + ".";
    int removed = io.github.kvchart.aibrix.core.Leftovers.clean(parent, prefix);
    Path staging =
        parent.resolve(prefix + io.github.kvchart.aibrix.core.Leftovers.tag("tmp") + unique);
    Path retired =
        parent.resolve(prefix + io.github.kvchart.aibrix.core.Leftovers.tag("old") + unique);
    try {
      Files.createDirectory(staging);
      for (Map.Entry<String, String> file : files.entrySet()) {
        writeFile(staging, file.getKey(), file.getValue());
      }
      Files.writeString(
          staging.resolve(MARKER),
          String.join("\n", List.copyOf(files.keySet())) + "\n",
          StandardCharsets.UTF_8);
      if (Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
        move(directory, retired);
      }
      try {
        move(staging, directory);
      } catch (IOException e) {
        if (Files.exists(retired)) {
          move(retired, directory);
        }
        throw e;
      }
    } finally {
      deleteTree(staging);
      deleteTree(retired);
    }
    return removed;
  }

  private static void writeFile(Path root, String name, String content)
      throws IOException, InvalidInputException {
    Path file = root.resolve(name).normalize();
    if (name.startsWith("/")
        || name.contains("\\")
        || !file.startsWith(root)
        || file.equals(root)) {
      throw new InvalidInputException(
          SourceLocation.ofFile(name),
          "an output file name leaves the output directory.",
          "Template names must be relative paths without '..'.");
    }
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
    if (name.endsWith(".sh")) {
      try {
        Files.setPosixFilePermissions(file, EXECUTABLE);
      } catch (UnsupportedOperationException e) {
        file.toFile().setExecutable(true, false);
      }
    }
  }

  private static void checkReplaceable(Path directory) throws IOException, InvalidInputException {
    if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (Files.isSymbolicLink(directory) || !Files.isDirectory(directory)) {
      throw new InvalidInputException(
          SourceLocation.ofFile(directory.toString()),
          "the output directory is a file or a symbolic link.",
          "Point aibrix-chart.outputDirectory at a directory of its own.");
    }
    boolean empty;
    try (var entries = Files.list(directory)) {
      empty = entries.findAny().isEmpty();
    }
    if (!empty && !Files.isRegularFile(directory.resolve(MARKER), LinkOption.NOFOLLOW_LINKS)) {
      throw new InvalidInputException(
          SourceLocation.ofFile(directory.toString()),
          "the output directory holds files this plugin did not write, and generate replaces it"
              + " whole.",
          "Point aibrix-chart.outputDirectory at an empty or new directory, e.g."
              + " target/aibrix-chart.");
    }
  }

  private static void move(Path from, Path to) throws IOException {
    AtomicFiles.move(from, to);
  }

  /** Deletes a directory tree without following links; absent is fine. */
  static void deleteTree(Path root) throws IOException {
    io.github.kvchart.aibrix.core.Leftovers.deleteTree(root);
  }
}
