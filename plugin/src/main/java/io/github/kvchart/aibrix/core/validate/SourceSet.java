package io.github.kvchart.aibrix.core.validate;

import io.github.kvchart.aibrix.core.InvalidInputException;
import io.github.kvchart.aibrix.core.SourceLocation;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The files and charts {@code validate} looks at: every given file, and every file under a given
 * directory that matches the includes and none of the excludes. A directory holding Chart.yaml is a
 * Helm chart: it is rendered, not read as plain YAML. Symbolic links are not followed.
 */
public final class SourceSet {
  /** The default includes: YAML files. */
  public static final List<String> DEFAULT_INCLUDES = List.of("**/*.yaml", "**/*.yml");

  private final Path baseDir;
  private final TreeSet<Path> files = new TreeSet<>();
  private final TreeSet<Path> charts = new TreeSet<>();
  private List<Path> fileList;
  private final List<EmptyFolder> emptyFolders = new java.util.ArrayList<>();
  private final List<String> includes;

  /**
   * A folder among the sources that gave nothing to validate: no file the includes match and no
   * chart. {@code jsonFiles} counts the .json files in it the includes left out.
   */
  public record EmptyFolder(String display, int jsonFiles) {}

  private SourceSet(Path baseDir, List<String> includes) {
    this.baseDir = baseDir.toAbsolutePath().normalize();
    this.includes = includes.isEmpty() ? DEFAULT_INCLUDES : List.copyOf(includes);
  }

  /** Expands {@code sources} (relative to {@code baseDir}) into files and charts. */
  public static SourceSet expand(
      Path baseDir, List<Path> sources, List<String> includes, List<String> excludes)
      throws InvalidInputException {
    SourceSet set = new SourceSet(baseDir, includes);
    List<PathMatcher> include = matchers(set.includes);
    List<PathMatcher> exclude = matchers(excludes);
    for (Path source : sources) {
      Path path = set.baseDir.resolve(source).normalize();
      if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
        throw new InvalidInputException(
            SourceLocation.ofFile(set.display(path)),
            "does not exist.",
            "Check aibrix-chart.sources (comma-separated files and directories).");
      }
      if (Files.isDirectory(path)) {
        int before = set.files.size() + set.charts.size();
        int json = set.walk(path, include, exclude);
        if (set.files.size() + set.charts.size() == before) {
          set.emptyFolders.add(new EmptyFolder(set.display(path), json));
        }
      } else if (!Files.isSymbolicLink(path)) {
        set.files.add(path);
      }
    }
    set.checkTotalSize();
    return set;
  }

  /** The most bytes one validate run reads, over all its files. */
  public static final long MAX_TOTAL_BYTES = 2L * 1024 * 1024 * 1024;

  private void checkTotalSize() throws InvalidInputException {
    long total = 0;
    for (Path file : files) {
      try {
        total += Files.size(file);
      } catch (IOException e) {
        continue;
      }
      if (total > MAX_TOTAL_BYTES) {
        throw new InvalidInputException(
            null,
            "the sources hold more than "
                + MAX_TOTAL_BYTES / (1024 * 1024)
                + " MB of files; validate reads at most that much in one run.",
            "Narrow aibrix-chart.sources or aibrix-chart.excludes, or validate in several runs.");
      }
    }
  }

  /**
   * Adds the files and charts under {@code root}; returns the .json files the includes left out.
   */
  private int walk(Path root, List<PathMatcher> include, List<PathMatcher> exclude)
      throws InvalidInputException {
    int[] json = {0};
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              if (Files.isRegularFile(dir.resolve("Chart.yaml"))) {
                charts.add(dir);
                return FileVisitResult.SKIP_SUBTREE;
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              Path relative = root.relativize(file);
              if (attrs.isRegularFile() && !matches(exclude, relative)) {
                if (matches(include, relative)) {
                  files.add(file);
                } else if (file.getFileName().toString().endsWith(".json")) {
                  json[0]++;
                }
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
              throw e;
            }
          });
    } catch (IOException e) {
      throw new InvalidInputException(
          SourceLocation.ofFile(display(root)),
          "cannot be read: " + e.getMessage(),
          "Check the directory's permissions.",
          e);
    }
    return json[0];
  }

  private static boolean matches(List<PathMatcher> matchers, Path relative) {
    for (PathMatcher matcher : matchers) {
      if (matcher.matches(relative) || matcher.matches(Path.of("x").resolve(relative))) {
        return true;
      }
    }
    return false;
  }

  private static List<PathMatcher> matchers(List<String> globs) {
    List<PathMatcher> matchers = new ArrayList<>();
    for (String glob : globs) {
      if (!glob.isBlank()) {
        matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob.trim()));
      }
    }
    return matchers;
  }

  /** The files, sorted (an unmodifiable list, built once). */
  public List<Path> files() {
    if (fileList == null) {
      fileList = List.copyOf(files);
    }
    return fileList;
  }

  public List<Path> charts() {
    return List.copyOf(charts);
  }

  /** The include globs in use (the defaults when none were given). */
  public List<String> includes() {
    return includes;
  }

  /** The folders among the sources that gave nothing to validate, in the sources' order. */
  public List<EmptyFolder> emptyFolders() {
    return List.copyOf(emptyFolders);
  }

  /** How reports name a path: relative to the base directory when inside it, '/'-separated. */
  public String display(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    Path shown = absolute.startsWith(baseDir) ? baseDir.relativize(absolute) : absolute;
    return shown.toString().replace('\\', '/');
  }
}
