package io.github.kvchart.aibrix.core.helm;

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
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The files of a chart, found by the one walker both validation and packaging use, so the archive
 * holds exactly what was validated. .helmignore applies. Symbolic links are refused: Helm follows
 * them when it loads a chart, so a link would make what Helm validates differ from what a copy of
 * the chart holds, and a link out of the chart would ship a file from elsewhere.
 */
public final class ChartFiles {
  /** The most files a chart may hold, and the most bytes in all. */
  public static final int MAX_FILES = 10_000;

  public static final long MAX_BYTES = 256L * 1024 * 1024;

  private final Path root;
  private final SortedMap<String, Path> files;

  private ChartFiles(Path root, SortedMap<String, Path> files) {
    this.root = root;
    this.files = Collections.unmodifiableSortedMap(files);
  }

  /** Relative name (with '/') to the file, sorted. */
  public SortedMap<String, Path> files() {
    return files;
  }

  public Path root() {
    return root;
  }

  /** Lists {@code chart}; a symbolic link, too many files or too many bytes is an error. */
  public static ChartFiles of(Path chart) throws IOException, InvalidInputException {
    List<PathMatcher> ignored = helmIgnore(chart);
    SortedMap<String, Path> found = new TreeMap<>();
    List<InvalidInputException> problems = new ArrayList<>();
    long[] bytes = {0};
    Files.walkFileTree(
        chart,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
            String relative = relative(chart, directory);
            return !relative.isEmpty() && isIgnored(relative, ignored)
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            String relative = relative(chart, file);
            if (isIgnored(relative, ignored)) {
              return FileVisitResult.CONTINUE;
            }
            if (attributes.isSymbolicLink()) {
              problems.add(symlink(chart, file));
              return FileVisitResult.TERMINATE;
            }
            if (attributes.isRegularFile()) {
              found.put(relative, file);
              bytes[0] += attributes.size();
            }
            return found.size() > MAX_FILES || bytes[0] > MAX_BYTES
                ? FileVisitResult.TERMINATE
                : FileVisitResult.CONTINUE;
          }
        });
    if (!problems.isEmpty()) {
      throw problems.get(0);
    }
    if (found.size() > MAX_FILES || bytes[0] > MAX_BYTES) {
      throw new InvalidInputException(
          SourceLocation.ofFile(chart.toString()),
          "the chart holds more than "
              + MAX_FILES
              + " files or "
              + MAX_BYTES / (1024 * 1024)
              + " MB; Helm refuses charts that large too.",
          "Add what does not belong in the chart to .helmignore.");
    }
    return new ChartFiles(chart, found);
  }

  private static InvalidInputException symlink(Path chart, Path link) {
    String target;
    try {
      Path real = link.toRealPath();
      target =
          real.startsWith(chart.toRealPath())
              ? "a place inside the chart (" + chart.toRealPath().relativize(real) + ")"
              : "outside the chart (" + real + ")";
    } catch (IOException e) {
      target = "a path that does not exist";
    }
    return new InvalidInputException(
        SourceLocation.ofFile(link.toString()),
        "is a symbolic link to "
            + target
            + "; Helm would follow it when validating, so the chart validated and the chart"
            + " shipped could differ.",
        "Replace the link with a real copy of what it points to (cp -L), or list it in"
            + " .helmignore.");
  }

  private static String relative(Path chart, Path file) {
    return chart.relativize(file).toString().replace('\\', '/');
  }

  private static List<PathMatcher> helmIgnore(Path chart) throws IOException {
    List<PathMatcher> matchers = new ArrayList<>();
    Path file = chart.resolve(".helmignore");
    if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      for (String line : Files.readAllLines(file)) {
        String pattern = line.trim();
        if (pattern.isEmpty() || pattern.startsWith("#") || pattern.startsWith("!")) {
          continue;
        }
        pattern = pattern.endsWith("/") ? pattern.substring(0, pattern.length() - 1) : pattern;
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
}
