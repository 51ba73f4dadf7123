package io.github.kvchart.aibrix.core.helm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.LintResult;
import io.github.kvchart.aibrix.GeneratedOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code helm lint --strict --values ci/X} for every values file of the generated chart. helm-java
 * 0.0.21's lint takes no values file, so each file is coalesced into a copy of the chart's
 * values.yaml the way Helm merges a values file (maps merge key by key, anything else replaces,
 * null removes the key) and real Helm lints that copy strictly.
 */
class LintEveryValuesFileTest {
  private static final ObjectMapper YAML = new YAMLMapper();
  @TempDir static Path temp;

  @BeforeAll
  static void generate() throws Exception {
    GeneratedOutput.defaults(temp.resolve("gen"));
  }

  static Stream<String> valuesFiles() throws Exception {
    Path ci = io.github.kvchart.aibrix.TestPaths.chartTemplates().resolve("helm/aibrix-model/ci");
    List<String> names = new ArrayList<>(List.of("(defaults)"));
    try (var files = Files.list(ci)) {
      files.map(f -> f.getFileName().toString()).sorted().forEach(names::add);
    }
    return names.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valuesFiles")
  void lintsCleanStrictly(String valuesFile) throws Exception {
    Path chart = temp.resolve("gen/helm/aibrix-model");
    Path copy = temp.resolve("lint-" + valuesFile.replaceAll("[^a-z0-9.-]", ""));
    copyTree(chart, copy.resolve("aibrix-model"));
    Path target = copy.resolve("aibrix-model");
    if (!valuesFile.startsWith("(")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> base = YAML.readValue(target.resolve("values.yaml").toFile(), Map.class);
      @SuppressWarnings("unchecked")
      Map<String, Object> over =
          YAML.readValue(chart.resolve("ci/" + valuesFile).toFile(), Map.class);
      assertFalse(over.isEmpty(), valuesFile + " sets nothing");
      YAML.writeValue(target.resolve("values.yaml").toFile(), coalesce(base, over));
    }
    LintResult result = EmbeddedHelm.lint(target, true);
    assertFalse(result.isFailed(), valuesFile + ": " + result.getMessages());
    assertTrue(
        result.getMessages().stream()
            .noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]")),
        valuesFile + ": " + result.getMessages());
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> coalesce(Map<String, Object> base, Map<String, Object> over) {
    Map<String, Object> out = new LinkedHashMap<>(base);
    for (Map.Entry<String, Object> entry : over.entrySet()) {
      Object mine = out.get(entry.getKey());
      if (entry.getValue() == null) {
        out.remove(entry.getKey());
      } else if (mine instanceof Map && entry.getValue() instanceof Map) {
        out.put(
            entry.getKey(),
            coalesce((Map<String, Object>) mine, (Map<String, Object>) entry.getValue()));
      } else {
        out.put(entry.getKey(), entry.getValue());
      }
    }
    return out;
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (var walk = Files.walk(from)) {
      for (Path path : walk.toList()) {
        Path dest = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(path, dest);
        }
      }
    }
  }
}
