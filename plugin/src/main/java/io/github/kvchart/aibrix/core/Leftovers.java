package io.github.kvchart.aibrix.core;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Temporary files and folders carry the id of the process that made them, so a later run can tell a
 * killed run's leftovers (owner gone) from a parallel run's work in progress (owner alive) and
 * remove only the former.
 */
public final class Leftovers {
  /** A temporary name: {@code <anything>.<pid>-<anything>}, as {@link #tag()} makes them. */
  private static final Pattern OWNED = Pattern.compile(".*[.-](tmp|old|helm)-(\\d+)-[^/]*");

  private Leftovers() {}

  /** The tag that goes into every temporary name: kind, this process id, and a dash. */
  public static String tag(String kind) {
    return kind + "-" + ProcessHandle.current().pid() + "-";
  }

  /** Removes the entries of {@code directory} starting with {@code prefix} whose owner is gone. */
  public static int clean(Path directory, String prefix) {
    int removed = 0;
    if (!Files.isDirectory(directory)) {
      return 0;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, prefix + "*")) {
      for (Path entry : entries) {
        Matcher owned = OWNED.matcher(entry.getFileName().toString());
        if (!owned.matches()) {
          continue;
        }
        long pid = Long.parseLong(owned.group(2));
        boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        if (!alive && pid != ProcessHandle.current().pid()) {
          deleteTree(entry);
          removed++;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return removed;
    }
    return removed;
  }

  /** Deletes a file or a folder with everything in it, without following symbolic links. */
  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
              throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path directory, IOException failure)
              throws IOException {
            Files.deleteIfExists(directory);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
