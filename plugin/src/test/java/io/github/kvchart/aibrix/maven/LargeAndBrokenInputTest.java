package io.github.kvchart.aibrix.maven;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input too large to commit, or that needs the file system: 50 MB files, 100,000-deep
 * nesting, missing files, symbolic-link loops and unreadable directories. Each stops the goal with
 * a clear message (a MojoFailureException), never an OutOfMemoryError or StackOverflowError.
 */
class LargeAndBrokenInputTest {
  @TempDir Path temp;

  private ValidateMojo validate(String... sources) {
    return Mojos.validate(temp, List.of(sources));
  }

  private GenerateMojo generate(Path models) {
    GenerateMojo mojo = Mojos.generate(temp.resolve("out"));
    mojo.modelsFile = models.toFile();
    return mojo;
  }

  private Path fiftyMegabytes(String name) throws Exception {
    Path file = temp.resolve(name);
    String line = "# " + "x".repeat(1021) + "\n";
    try (var out = Files.newBufferedWriter(file)) {
      for (int i = 0; i < 50 * 1024; i++) {
        out.write(line);
      }
    }
    return file;
  }

  @Test
  void fiftyMegabyteManifestIsRefusedBySize() throws Exception {
    fiftyMegabytes("big.yaml");
    assertThrows(MojoFailureException.class, () -> validate("big.yaml").execute());
    String report = Files.readString(temp.resolve("reports/validation.json"));
    assertTrue(report.contains("is 52428800 bytes; the limit for one manifest file is"), report);
  }

  @Test
  void fiftyMegabyteModelsFileIsRefusedBySize() throws Exception {
    Path models = fiftyMegabytes("models.yaml");
    MojoFailureException e =
        assertThrows(MojoFailureException.class, () -> generate(models).execute());
    assertTrue(e.getMessage().contains("is 52428800 bytes; the limit is"), e.getMessage());
  }

  @Test
  void hundredThousandDeepNestingIsRefused() throws Exception {
    String deep = "a: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n";
    Files.writeString(temp.resolve("deep.yaml"), deep);
    assertThrows(MojoFailureException.class, () -> validate("deep.yaml").execute());
    assertTrue(Files.readString(temp.resolve("reports/validation.json")).contains("yaml-syntax"));
    Files.writeString(
        temp.resolve("models.yaml"),
        "models: " + "{a: ".repeat(100_000) + "1" + "}".repeat(100_000));
    MojoFailureException e =
        assertThrows(
            MojoFailureException.class, () -> generate(temp.resolve("models.yaml")).execute());
    assertTrue(
        e.getMessage().contains("Nesting Depth exceeded")
            || e.getMessage().contains("nested too deeply"),
        e.getMessage());
  }

  @Test
  void missingSourceIsAClearError() {
    MojoFailureException e =
        assertThrows(MojoFailureException.class, () -> validate("nope/").execute());
    assertTrue(e.getMessage().contains("nope: does not exist."), e.getMessage());
    MojoFailureException m =
        assertThrows(
            MojoFailureException.class, () -> generate(temp.resolve("nope.yaml")).execute());
    assertTrue(m.getMessage().contains("nope.yaml: does not exist."), m.getMessage());
  }

  @Test
  void symbolicLinkLoopsAreNotFollowed() throws Exception {
    Path dir = Files.createDirectories(temp.resolve("k8s/sub"));
    Files.createSymbolicLink(dir.resolve("loop"), temp.resolve("k8s"));
    Files.createSymbolicLink(temp.resolve("k8s/self.yaml"), temp.resolve("k8s/self.yaml"));
    Files.writeString(
        dir.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n");
    validate("k8s").execute();
    assertTrue(
        Files.readString(temp.resolve("reports/validation.json")).contains("\"documents\" : 1"));
  }

  @Test
  void unreadableDirectoryIsAClearError() throws Exception {
    assumeFalse("root".equals(System.getProperty("user.name")), "root reads every directory");
    Path dir = Files.createDirectories(temp.resolve("locked"));
    Files.writeString(dir.resolve("a.yaml"), "a: 1\n");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("---------"));
    try {
      MojoFailureException e =
          assertThrows(MojoFailureException.class, () -> validate("locked").execute());
      assertTrue(e.getMessage().contains("cannot be read"), e.getMessage());
    } finally {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void outputDirectoryThatHoldsOtherFilesIsNeverReplaced() throws Exception {
    Path src = Files.createDirectories(temp.resolve("src"));
    Files.writeString(src.resolve("Main.java"), "class Main {}");
    GenerateMojo mojo = generate(temp.resolve("none"));
    mojo.modelsFile = null;
    mojo.outputDirectory = src.toFile();
    MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
    assertTrue(e.getMessage().contains("holds files this plugin did not write"), e.getMessage());
    assertFalse(Files.exists(src.resolve("helm")));
  }

  @Test
  void brokenChartYamlAndIndexStopPackageAndPushClearly() throws Exception {
    Path chart = Files.createDirectories(temp.resolve("chart"));
    Files.writeString(chart.resolve("Chart.yaml"), "name: [unclosed\n");
    PackageMojo pack = Mojos.pack(temp, chart, temp.resolve("charts"));
    MojoFailureException e = assertThrows(MojoFailureException.class, pack::execute);
    assertTrue(e.getMessage().contains("Chart.yaml:2:1: is not valid YAML"), e.getMessage());
    PushMojo push = Mojos.push(chart, temp.resolve("charts"), "oci://127.0.0.1:1/charts");
    MojoFailureException p = assertThrows(MojoFailureException.class, push::execute);
    assertTrue(p.getMessage().contains("is not valid YAML"), p.getMessage());

    GenerateMojo generate = generate(temp.resolve("none"));
    generate.modelsFile = null;
    generate.execute();
    Files.createDirectories(temp.resolve("charts"));
    Files.writeString(temp.resolve("charts/index.yaml"), "a: &a [*a]\n");
    pack.chartDirectory = temp.resolve("out/helm/aibrix-model").toFile();
    MojoFailureException i = assertThrows(MojoFailureException.class, pack::execute);
    assertTrue(
        i.getMessage().contains("index.yaml: is not a Helm repository index"), i.getMessage());
    assertTrue(!Files.exists(temp.resolve("charts/aibrix-model-1.0.0.tgz")), "nothing written");
  }
}
