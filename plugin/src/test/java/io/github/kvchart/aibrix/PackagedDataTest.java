package io.github.kvchart.aibrix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the plugin packages as data is exactly the tree it comes from: the build copies schemas/ and
 * chart-templates/ afresh (a clean execution in initialize), so a file removed from the source tree
 * never ships from a long-lived target/.
 */
class PackagedDataTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "schemas, schemas/contract/kv-events-contract.yaml",
    "chart-templates, templates/helm/aibrix-model/Chart.yaml.j2"
  })
  void theClassPathHoldsTheSourceTreeAndNothingElse(String source, String probe) throws Exception {
    var url = PackagedDataTest.class.getResource("/io/github/kvchart/aibrix/" + probe);
    Path packaged = Path.of(url.toURI());
    for (int i = probe.split("/").length; i > 0; i--) {
      packaged = packaged.getParent();
    }
    packaged = packaged.resolve(probe.substring(0, probe.indexOf('/')));
    List<String> expected = files(TestPaths.repoRoot().resolve(source));
    List<String> shipped = files(packaged);
    assertEquals(
        List.of(),
        shipped.stream().filter(f -> !expected.contains(f)).toList(),
        "packaged but not in " + source + "/");
    assertEquals(
        List.of(),
        expected.stream().filter(f -> !shipped.contains(f)).toList(),
        "in " + source + "/ but not packaged");
  }

  private static List<String> files(Path root) throws Exception {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .map(f -> root.relativize(f).toString())
          .sorted()
          .toList();
    }
  }
}
