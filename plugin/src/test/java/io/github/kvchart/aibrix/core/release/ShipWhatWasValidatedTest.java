package io.github.kvchart.aibrix.core.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kvchart.aibrix.TestPaths;
import io.github.kvchart.aibrix.core.BuildLog;
import io.github.kvchart.aibrix.core.InvalidInputException;
import io.github.kvchart.aibrix.core.helm.ChartIndex;
import io.github.kvchart.aibrix.core.manifest.Violation;
import io.github.kvchart.aibrix.core.render.ChartGenerator;
import io.github.kvchart.aibrix.core.render.GenerateRequest;
import io.github.kvchart.aibrix.core.validate.ManifestValidator;
import io.github.kvchart.aibrix.core.validate.ValidateRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * package ships exactly what was validated and keeps index.yaml whole: symbolic links refused by
 * validation and packaging alike, a hostile index.yaml refused or merged without a crash (unknown
 * fields kept, non-SemVer versions ordered), and parallel runs (threads and JVMs) into one folder
 * keeping every entry.
 */
class ShipWhatWasValidatedTest {
  @TempDir Path temp;

  private Path generate(String name, String version) throws Exception {
    Path out = temp.resolve(name);
    new ChartGenerator()
        .generate(
            new GenerateRequest(out, TestPaths.chartTemplates(), null, version, "1.0.0", null),
            BuildLog.SILENT);
    return out.resolve("helm/aibrix-model");
  }

  private static ValidateRequest validation(Path chart) {
    return new ValidateRequest(
        chart.getParent(), List.of(chart), List.of(), List.of(), "1.32", List.of(), 1);
  }

  private ChartPackagerAlias pack(Path chart, Path charts) throws Exception {
    return new ChartPackagerAlias(
        ChartRelease.packageChart(
            new PackageRequest(chart, charts, ChartReleaseTest.STAMP, "", validation(chart)),
            BuildLog.SILENT));
  }

  /** Short name for a packaged result in these tests. */
  record ChartPackagerAlias(io.github.kvchart.aibrix.core.helm.ChartPackager.Packaged packaged) {}

  @Test
  void aSymlinkedTemplatesFolderIsRefusedByValidateAndPackageAlike() throws Exception {
    Path chart = generate("gen", null);
    Path real = Files.move(chart.resolve("templates"), temp.resolve("real-templates"));
    Files.createSymbolicLink(chart.resolve("templates"), real);
    List<Violation> found =
        new ManifestValidator().validate(validation(chart), BuildLog.SILENT).violations();
    assertEquals(1, found.size(), found.toString());
    assertTrue(found.get(0).message().contains("is a symbolic link"), found.toString());
    assertTrue(found.get(0).fix().contains("cp -L"), found.toString());
    Path charts = temp.resolve("charts");
    InvalidInputException refused =
        assertThrows(InvalidInputException.class, () -> pack(chart, charts));
    assertTrue(refused.getMessage().contains("outside the chart"), refused.getMessage());
    assertFalse(Files.exists(charts.resolve("aibrix-model-1.0.0.tgz")));
  }

  @Test
  void aTemplateLinkedFromOutsideIsRefusedNotSilentlyLeftOut() throws Exception {
    Path chart = generate("gen", null);
    Path outside =
        Files.writeString(
            temp.resolve("extra.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n");
    Files.createSymbolicLink(chart.resolve("templates/extra.yaml"), outside);
    InvalidInputException refused =
        assertThrows(InvalidInputException.class, () -> pack(chart, temp.resolve("charts")));
    assertTrue(refused.getMessage().contains("templates/extra.yaml"), refused.getMessage());
  }

  @Test
  void aHostileIndexIsMergedWithoutACrashAndKeepsWhatItDoesNotKnow() throws Exception {
    Path charts = Files.createDirectories(temp.resolve("charts"));
    Files.writeString(
        charts.resolve("index.yaml"),
        "apiVersion: v1\nserverInfo: {contextPath: /charts}\nentries:\n  aibrix-model:\n"
            + "    - {version: 9.x, name: aibrix-model, keep: me}\n"
            + "    - {version: 10.x, name: aibrix-model}\n"
            + "    - {version: 1a.x, name: aibrix-model}\n"
            + "    - {version: 2.0.0-rc.1, name: aibrix-model}\n"
            + "    - {version: 2.0.0, name: aibrix-model}\n"
            + "    - {version: 10.0.0, name: aibrix-model}\n"
            + "  other: [{version: '1', name: other}]\n");
    pack(generate("gen", null), charts);
    Map<String, Object> index = ChartIndex.read(charts.resolve("index.yaml"));
    assertEquals(Map.of("contextPath", "/charts"), index.get("serverInfo"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> versions =
        (List<Map<String, Object>>)
            ((Map<String, Object>) index.get("entries")).get("aibrix-model");
    assertEquals(
        List.of("10.0.0", "2.0.0", "2.0.0-rc.1", "1.0.0", "10.x", "1a.x", "9.x"),
        versions.stream().map(v -> String.valueOf(v.get("version"))).toList());
    assertEquals("me", versions.get(6).get("keep"));
  }

  @Test
  void aBrokenIndexLeavesNothingWritten() throws Exception {
    Path charts = Files.createDirectories(temp.resolve("charts"));
    Files.writeString(charts.resolve("index.yaml"), "entries: [not, a, map]\n");
    assertThrows(InvalidInputException.class, () -> pack(generate("gen", null), charts));
    try (var files = Files.list(charts)) {
      assertEquals(
          List.of("index.yaml", "index.yaml.lock"),
          files.map(f -> f.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void sixThreadsPackagingIntoOneFolderKeepEveryEntry() throws Exception {
    Path charts = temp.resolve("charts");
    List<Path> sources = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      sources.add(generate("gen-" + i, "1.0." + i));
    }
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<ChartPackagerAlias>> runs = new ArrayList<>();
      for (Path chart : sources) {
        runs.add(pool.submit(() -> pack(chart, charts)));
      }
      for (Future<ChartPackagerAlias> run : runs) {
        run.get(5, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(6, entries(charts));
  }

  @Test
  void fourJvmsPackagingIntoOneFolderKeepFourEntries() throws Exception {
    Path charts = temp.resolve("charts");
    List<Process> processes = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Path chart = generate("jvm-" + i, "2.0." + i);
      ProcessBuilder builder =
          new ProcessBuilder(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-cp",
              System.getProperty("java.class.path"),
              ParallelPackageProbe.class.getName(),
              chart.toString(),
              charts.toString());
      builder.redirectErrorStream(true);
      builder.redirectOutput(temp.resolve("jvm-" + i + ".log").toFile());
      processes.add(builder.start());
    }
    for (int i = 0; i < processes.size(); i++) {
      assertTrue(processes.get(i).waitFor(5, TimeUnit.MINUTES));
      assertEquals(
          0,
          processes.get(i).exitValue(),
          Files.readString(temp.resolve("jvm-" + i + ".log"), StandardCharsets.UTF_8));
    }
    assertEquals(4, entries(charts));
  }

  private static int entries(Path charts) throws Exception {
    Map<String, Object> index = ChartIndex.read(charts.resolve("index.yaml"));
    return ((List<?>) ((Map<?, ?>) index.get("entries")).get("aibrix-model")).size();
  }

  @Test
  void theArchiveAndTheIndexAreReadableByAll() throws Exception {
    Path charts = temp.resolve("charts");
    ChartPackagerAlias packed = pack(generate("gen", null), charts);
    for (Path file : List.of(packed.packaged().archive(), charts.resolve("index.yaml"))) {
      assertEquals(
          "rw-r--r--",
          java.nio.file.attribute.PosixFilePermissions.toString(
              Files.getPosixFilePermissions(file)),
          file.toString());
    }
  }
}
