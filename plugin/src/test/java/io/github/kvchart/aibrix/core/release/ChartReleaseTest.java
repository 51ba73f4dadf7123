package io.github.kvchart.aibrix.core.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kvchart.aibrix.TestPaths;
import io.github.kvchart.aibrix.core.BuildLog;
import io.github.kvchart.aibrix.core.helm.ChartPackager;
import io.github.kvchart.aibrix.core.helm.EmbeddedHelm;
import io.github.kvchart.aibrix.core.render.ChartGenerator;
import io.github.kvchart.aibrix.core.render.GenerateRequest;
import io.github.kvchart.aibrix.core.validate.ValidateRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** package: validated first, byte-reproducible, loadable by Helm, indexed with its digest. */
class ChartReleaseTest {
  static final Instant STAMP = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path temp;

  private Path generate(String name) throws Exception {
    Path out = temp.resolve(name);
    new ChartGenerator()
        .generate(
            new GenerateRequest(out, TestPaths.chartTemplates(), null, null, "1.0.0", null),
            BuildLog.SILENT);
    return out.resolve("helm/aibrix-model");
  }

  private ChartPackager.Packaged pack(Path chart, Path charts) throws Exception {
    ValidateRequest validation =
        new ValidateRequest(temp, List.of(chart), List.of(), List.of(), "1.32", List.of(), 1);
    return ChartRelease.packageChart(
        new PackageRequest(chart, charts, STAMP, "https://charts.example.com/", validation),
        BuildLog.SILENT);
  }

  @Test
  void twoRunsAtDifferentTimesZonesAndUmasksGiveTheSameBytes() throws Exception {
    TimeZone original = TimeZone.getDefault();
    try {
      TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
      ChartPackager.Packaged first = pack(generate("a"), temp.resolve("charts-a"));
      TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kolkata"));
      Path other = generate("b");
      try (Stream<Path> files = Files.walk(other)) {
        for (Path file : (Iterable<Path>) files::iterator) {
          Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2031-07-04T12:34:56Z")));
          if (Files.isRegularFile(file)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
          }
        }
      }
      ChartPackager.Packaged second = pack(other, temp.resolve("charts-b"));
      assertEquals(first.sha256(), second.sha256());
      assertTrue(
          java.util.Arrays.equals(
              Files.readAllBytes(first.archive()), Files.readAllBytes(second.archive())));
      String golden =
          Files.readString(
                  TestPaths.repoRoot()
                      .resolve("plugin/src/test/resources/package/aibrix-model-1.0.0.sha256"))
              .trim();
      if (TestPaths.updateGolden()) {
        Files.writeString(
            TestPaths.repoRoot()
                .resolve("plugin/src/test/resources/package/aibrix-model-1.0.0.sha256"),
            first.sha256() + "\n");
      } else {
        assertEquals(
            golden,
            first.sha256(),
            "the archive's bytes changed; if intended, update with -Daibrix.updateGolden=true");
      }
    } finally {
      TimeZone.setDefault(original);
    }
  }

  @Test
  void helmLoadsTheArchive() throws Exception {
    ChartPackager.Packaged packaged = pack(generate("a"), temp.resolve("charts"));
    assertEquals("aibrix-model-1.0.0.tgz", packaged.archive().getFileName().toString());
    String rendered = EmbeddedHelm.template(packaged.archive(), "rel", "ns", Map.of(), List.of());
    assertTrue(rendered.contains("--kv-events-config"));
  }

  @Test
  void indexYamlCarriesDigestAndUrlAndMergesVersions() throws Exception {
    Path charts = temp.resolve("charts");
    ChartPackager.Packaged one = pack(generate("a"), charts);
    Path chart2 = generate("b");
    Files.writeString(
        chart2.resolve("Chart.yaml"),
        Files.readString(chart2.resolve("Chart.yaml"))
            .replace("version: '1.0.0'", "version: 1.1.0"));
    ChartPackager.Packaged two = pack(chart2, charts);
    String index = Files.readString(charts.resolve("index.yaml"));
    assertTrue(index.contains("digest: " + one.sha256()), index);
    assertTrue(index.contains("digest: " + two.sha256()), index);
    assertTrue(index.contains("https://charts.example.com/aibrix-model-1.1.0.tgz"), index);
    assertTrue(index.indexOf("version: 1.1.0") < index.indexOf("version: 1.0.0"), index);
    pack(generate("c"), charts);
    assertEquals(
        2,
        Files.readString(charts.resolve("index.yaml")).split("digest:").length - 1,
        "same version replaced");
  }

  @Test
  void aChartThatFailsValidationIsRefusedAndNothingIsWritten() throws Exception {
    Path chart = generate("a");
    Files.writeString(
        chart.resolve("values.yaml"),
        Files.readString(chart.resolve("values.yaml"))
            .replace("replayPort: 5558", "replayPort: 5559"));
    ChartRelease.RefusedException e =
        assertThrows(
            ChartRelease.RefusedException.class, () -> pack(chart, temp.resolve("charts")));
    assertTrue(e.result().violations().stream().anyMatch(v -> v.rule().equals("kv-port-mismatch")));
    assertFalse(Files.exists(temp.resolve("charts")));
  }
}
