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

  /**
   * Removes the native-library folders helm-java extracts to java.io.tmpdir ({@code helm-java<n>},
   * about 100 MB, deleted only on a clean JVM exit) that no running process has mapped any more.
   * Works where /proc lists the processes' mappings (Linux); elsewhere it removes nothing.
   */
  public static int cleanHelmLibraries(Path tmp) {
    if (!Files.isDirectory(tmp)) {
      return 0;
    }
    long oneMinuteAgo = System.currentTimeMillis() - 60_000;
    java.util.List<Path> candidates = new java.util.ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(tmp, "helm-java*")) {
      for (Path entry : entries) {
        if (entry.getFileName().toString().matches("helm-java\\d+")
            && Files.getLastModifiedTime(entry).toMillis() < oneMinuteAgo) {
          candidates.add(entry);
        }
      }
    } catch (IOException e) {
      return 0;
    }
    if (candidates.isEmpty()) {
      return 0; // the usual case: /proc is not read at all
    }
    java.util.Set<String> mapped = mappedFiles();
    if (mapped == null) {
      return 0;
    }
    int removed = 0;
    for (Path entry : candidates) {
      if (mapped.stream().noneMatch(file -> file.startsWith(entry.toString() + "/"))) {
        try {
          deleteTree(entry);
          removed++;
        } catch (IOException e) {
          // left for a later run
        }
      }
    }
    return removed;
  }

  /** Every file some process has mapped, from /proc/<pid>/maps; null where /proc is absent. */
  static java.util.Set<String> mappedFiles() {
    Path proc = Path.of("/proc");
    if (!Files.isRegularFile(proc.resolve("self/maps"))) {
      return null;
    }
    java.util.Set<String> files = new java.util.HashSet<>();
    try (DirectoryStream<Path> processes = Files.newDirectoryStream(proc, "[0-9]*")) {
      for (Path process : processes) {
        try {
          for (String line : Files.readAllLines(process.resolve("maps"))) {
            int slash = line.indexOf('/');
            if (slash >= 0) {
              files.add(line.substring(slash).replace(" (deleted)", ""));
            }
          }
        } catch (IOException | RuntimeException e) {
          // a process that ended, or one we may not read: its files count as mapped below
          return null;
        }
      }
    } catch (IOException e) {
      return null;
    }
    return files;
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
