package io.github.kvchart.aibrix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The shape the style guide asks for: a Maven-free core, and no package cycles. */
class ArchitectureTest {
  private static final Path SOURCES = TestPaths.repoRoot().resolve("plugin/src/main/java");
  private static final Pattern OWN =
      Pattern.compile("io\\.github\\.kvchart\\.aibrix\\.([a-z.]+)\\.[A-Z]");

  private static Map<String, Set<String>> dependencies() throws Exception {
    Map<String, Set<String>> dependencies = new TreeMap<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file :
          (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
        String source = Files.readString(file);
        String pkg = SOURCES.relativize(file.getParent()).toString().replace('/', '.');
        Set<String> targets = dependencies.computeIfAbsent(pkg, k -> new TreeSet<>());
        Matcher matcher = OWN.matcher(source);
        while (matcher.find()) {
          String target = "io.github.kvchart.aibrix." + matcher.group(1);
          if (!target.equals(pkg)) {
            targets.add(target);
          }
        }
        if (pkg.contains(".core") && source.contains("import org.apache.maven")) {
          targets.add("org.apache.maven");
        }
      }
    }
    return dependencies;
  }

  @Test
  void coreImportsNothingFromMaven() throws Exception {
    List<String> leaks = new ArrayList<>();
    dependencies()
        .forEach(
            (pkg, targets) -> {
              if (targets.contains("org.apache.maven")) {
                leaks.add(pkg);
              }
            });
    assertEquals(List.of(), leaks);
  }

  @Test
  void noPackageCycles() throws Exception {
    Map<String, Set<String>> dependencies = dependencies();
    List<String> cycles = new ArrayList<>();
    for (String start : dependencies.keySet()) {
      if (reaches(dependencies, start, start, new TreeSet<>())) {
        cycles.add(start);
      }
    }
    assertEquals(List.of(), cycles);
  }

  private static boolean reaches(
      Map<String, Set<String>> graph, String from, String target, Set<String> seen) {
    for (String next : graph.getOrDefault(from, Set.of())) {
      if (next.equals(target)) {
        return true;
      }
      if (seen.add(next) && reaches(graph, next, target, seen)) {
        return true;
      }
    }
    return false;
  }
}
