package io.github.kvchart.aibrix.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The validate Mojo through the plugin-testing harness: mapping, excludes, failOnWarning, skip. */
@MojoTest
class ValidateMojoTest {
  private static final String POM = "src/test/resources/unit/validate/pom.xml";

  @TempDir Path temp;

  @BeforeEach
  void manifests() throws Exception {
    Files.createDirectories(temp.resolve("k8s"));
    Files.writeString(
        temp.resolve("k8s/ok.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n");
    Files.writeString(
        temp.resolve("k8s/skip-broken.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadat: {}\n");
  }

  private void point(ValidateMojo mojo) {
    mojo.basedir = temp.toFile();
    mojo.sources = List.of("k8s");
    mojo.reportsDirectory = temp.resolve("reports").toFile();
    mojo.outputDirectory = temp.resolve("none").toFile();
  }

  @Test
  @InjectMojo(goal = "validate", pom = POM)
  void excludedFilesAreNotChecked(ValidateMojo mojo) throws Exception {
    assertTrue(mojo.failOnWarning);
    assertEquals(List.of("**/skip-*.yaml"), mojo.excludes);
    point(mojo);
    mojo.execute();
    assertTrue(
        Files.readString(temp.resolve("reports/validation.json")).contains("\"documents\" : 1"));
  }

  @Test
  @InjectMojo(goal = "validate", pom = POM)
  void warningsFailWithFailOnWarning(ValidateMojo mojo) throws Exception {
    point(mojo);
    Files.writeString(
        temp.resolve("k8s/widget.yaml"),
        "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n");
    MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
    assertTrue(
        e.getMessage().contains("0 errors, 1 warnings (aibrix-chart.failOnWarning=true)"),
        e.getMessage());
    mojo.failOnWarning = false;
    mojo.execute();
  }

  @Test
  @InjectMojo(goal = "validate", pom = POM)
  void errorsFailTheBuildAndStillWriteReports(ValidateMojo mojo) throws Exception {
    point(mojo);
    mojo.excludes = List.of();
    MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
    assertTrue(
        e.getMessage().startsWith("Validation failed: 1 errors, 0 warnings"), e.getMessage());
    assertTrue(Files.exists(temp.resolve("reports/TEST-aibrix-chart.xml")));
  }

  @Test
  @InjectMojo(goal = "validate", pom = POM)
  void skipAndMissingDefaultSourceDoNothing(ValidateMojo mojo) throws Exception {
    point(mojo);
    mojo.skip = true;
    mojo.execute();
    mojo.skip = false;
    mojo.sources = null;
    mojo.execute();
    assertFalse(Files.exists(temp.resolve("reports")));
  }

  @Test
  @InjectMojo(goal = "validate", pom = POM)
  void unknownKubernetesVersionIsAClearError(ValidateMojo mojo) throws Exception {
    point(mojo);
    // A previous run's verdict must not survive a run that stops before it has one.
    Files.createDirectories(temp.resolve("reports"));
    for (String name : List.of("validation.json", "validation.sarif", "TEST-aibrix-chart.xml")) {
      Files.writeString(temp.resolve("reports").resolve(name), "old verdict");
    }
    mojo.kubernetesVersion = "1.12";
    MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
    try (var left = Files.list(temp.resolve("reports"))) {
      assertEquals(List.of(), left.toList(), "the old reports are gone");
    }
    assertTrue(
        e.getMessage().contains("one of 1.28, 1.30, 1.31, 1.32, 1.33, 1.34, 1.35, 1.36"),
        e.getMessage());
  }
}
