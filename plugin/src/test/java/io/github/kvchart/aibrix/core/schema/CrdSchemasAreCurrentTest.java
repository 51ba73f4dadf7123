package io.github.kvchart.aibrix.core.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kvchart.aibrix.GoldenFiles;
import io.github.kvchart.aibrix.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * schemas/crds/ is what {@link CrdSchemaGenerator} makes from the pinned upstream CRD files. The
 * upstream files are read from git mirrors, which only a developer machine has: pass
 * -Daibrix.crdMirrors=/work/.mirror (with -Daibrix.updateGolden=true to rewrite). Without them the
 * index is still checked against the shipped files.
 */
class CrdSchemasAreCurrentTest {
  private static final Path DIR = TestPaths.repoRoot().resolve("schemas/crds");

  @Test
  void committedSchemasAreCurrent() throws Exception {
    String mirrors = System.getProperty("aibrix.crdMirrors");
    Assumptions.assumeTrue(mirrors != null, "needs -Daibrix.crdMirrors (git mirrors upstream)");
    GoldenFiles.assertMatches(CrdSchemaGenerator.generateAll(Path.of(mirrors)), DIR::resolve, DIR);
  }

  @Test
  void indexNamesEveryShippedFileWithItsUpstream() throws Exception {
    JsonNode index = new ObjectMapper().readTree(DIR.resolve("index.json").toFile());
    Set<String> listed = new HashSet<>(Set.of("index.json"));
    Set<String> upstreams = new HashSet<>();
    for (JsonNode kind : index.path("kinds")) {
      String file = kind.path("file").asText();
      listed.add(file);
      JsonNode schema = new ObjectMapper().readTree(DIR.resolve(file).toFile());
      assertEquals(
          kind.path("apiVersion").asText(), schema.at("/properties/apiVersion/const").asText());
      assertEquals(kind.path("kind").asText(), schema.at("/properties/kind/const").asText());
      assertTrue(kind.at("/crd/sha256").asText().matches("[0-9a-f]{64}"), file);
      upstreams.add(kind.at("/crd/repository").asText() + ":" + kind.at("/crd/path").asText());
    }
    assertEquals(CrdSchemaGenerator.SOURCES.size(), upstreams.size());
    try (var files = Files.list(DIR)) {
      assertEquals(listed, new HashSet<>(files.map(f -> f.getFileName().toString()).toList()));
    }
  }
}
