package io.github.kvchart.aibrix.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kvchart.aibrix.GoldenFiles;
import io.github.kvchart.aibrix.TestPaths;
import io.github.kvchart.aibrix.core.BuildLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden files for every generated file. The default run's samples and guide are the committed
 * {@code samples/} and {@code docs/kv-cache-events-guide.md} of this repository (the dogfood check:
 * they fail here when they drift); everything else lives under src/test/resources/golden.
 */
class GeneratedOutputGoldenTest {

  @TempDir Path temp;

  private Map<String, String> generate(Path modelsFile) throws Exception {
    Path out = temp.resolve("out");
    new ChartGenerator()
        .generate(
            new GenerateRequest(out, TestPaths.chartTemplates(), modelsFile, null, "0.1.0", null),
            BuildLog.SILENT);
    Map<String, String> files = GoldenFiles.readTree(out);
    assertTrue(files.containsKey(OutputTree.MARKER));
    files.remove(OutputTree.MARKER);
    return files;
  }

  @Test
  void defaultModelsMatchGoldenFilesAndCommittedSamples() throws Exception {
    Map<String, String> files = generate(null);
    Path repo = TestPaths.repoRoot();
    Path golden = TestPaths.golden().resolve("default");
    GoldenFiles.assertMatches(
        files,
        name ->
            name.startsWith("samples/") || name.equals("docs/kv-cache-events-guide.md")
                ? repo.resolve(name)
                : golden.resolve(name),
        golden);
  }

  @Test
  void committedSamplesHoldNothingTheGeneratorDoesNotWrite() throws Exception {
    Map<String, String> files = generate(null);
    Map<String, String> committed = GoldenFiles.readTree(TestPaths.repoRoot().resolve("samples"));
    for (String name : committed.keySet()) {
      assertTrue(files.containsKey("samples/" + name), "samples/" + name + " is not generated");
    }
  }

  @Test
  void customModelsWithHostileValuesMatchGoldenFiles() throws Exception {
    Path models =
        TestPaths.repoRoot().resolve("plugin/src/test/resources/models/hostile-values.yaml");
    Map<String, String> files = generate(models);
    Path golden = TestPaths.golden().resolve("hostile-values");
    GoldenFiles.assertMatches(files, golden::resolve, golden);
  }

  @Test
  void twoRunsGiveIdenticalBytes() throws Exception {
    Map<String, String> first = generate(null);
    Map<String, String> second = generate(null);
    assertEquals(first, second);
    for (String content : first.values()) {
      assertTrue(!content.contains("\r"), "CR line ending in output");
      assertTrue(content.endsWith("\n") && !content.endsWith("\n\n"), "one final newline");
    }
  }

  @Test
  void migrationScriptIsExecutable() throws Exception {
    generate(null);
    assertTrue(Files.isExecutable(temp.resolve("out/migration/enable-kv-events.sh")));
  }
}
