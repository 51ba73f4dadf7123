package io.github.kvchart.aibrix;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Compares generated files with committed expectations and prints a unified-style diff on a
 * mismatch. With -Daibrix.updateGolden=true it rewrites the expectations instead.
 */
public final class GoldenFiles {
  private GoldenFiles() {}

  /**
   * Checks every file of {@code actual} against {@code expectedLocation(name)}, and that the golden
   * directory {@code goldenRoot} holds no file that was not generated.
   */
  public static void assertMatches(
      Map<String, String> actual, Function<String, Path> expectedLocation, Path goldenRoot)
      throws IOException {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, String> file : actual.entrySet()) {
      Path expected = expectedLocation.apply(file.getKey());
      if (TestPaths.updateGolden()) {
        Files.createDirectories(expected.getParent());
        Files.writeString(expected, file.getValue(), StandardCharsets.UTF_8);
        continue;
      }
      if (!Files.exists(expected)) {
        problems.add(file.getKey() + ": no golden file at " + expected);
        continue;
      }
      String want = Files.readString(expected, StandardCharsets.UTF_8);
      if (!want.equals(file.getValue())) {
        problems.add(
            file.getKey() + " differs from " + expected + ":\n" + diff(want, file.getValue()));
      }
    }
    if (goldenRoot != null && Files.isDirectory(goldenRoot)) {
      TreeSet<String> stale = new TreeSet<>();
      try (var files = Files.walk(goldenRoot)) {
        files
            .filter(Files::isRegularFile)
            .forEach(f -> stale.add(goldenRoot.relativize(f).toString()));
      }
      for (String name : actual.keySet()) {
        stale.remove(goldenRoot.relativize(expectedLocation.apply(name)).toString());
      }
      if (!stale.isEmpty()) {
        if (TestPaths.updateGolden()) {
          for (String name : stale) {
            Files.delete(goldenRoot.resolve(name));
          }
        } else {
          problems.add("golden files that nothing generates any more: " + stale);
        }
      }
    }
    if (!problems.isEmpty()) {
      fail(
          String.join("\n\n", problems)
              + "\n\nIf the change is intended, run: ./mvnw -pl plugin test -Daibrix.updateGolden=true");
    }
  }

  /** A short line diff: the first differing lines with their numbers. */
  static String diff(String expected, String actual) {
    String[] want = expected.split("\n", -1);
    String[] got = actual.split("\n", -1);
    StringBuilder out = new StringBuilder();
    int shown = 0;
    for (int i = 0; i < Math.max(want.length, got.length) && shown < 12; i++) {
      String a = i < want.length ? want[i] : "<missing>";
      String b = i < got.length ? got[i] : "<missing>";
      if (!a.equals(b)) {
        out.append(String.format("  line %d%n  - %s%n  + %s%n", i + 1, a, b));
        shown++;
      }
    }
    return out.toString();
  }

  /** Reads a directory tree into relative name to content. */
  public static Map<String, String> readTree(Path root) throws IOException {
    Map<String, String> files = new java.util.TreeMap<>();
    try (var walk = Files.walk(root)) {
      for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        files.put(root.relativize(file).toString().replace('\\', '/'), Files.readString(file));
      }
    }
    return files;
  }
}
