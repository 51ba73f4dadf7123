package io.github.kvchart.aibrix.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generate Mojo through the plugin-testing harness: parameter mapping, skip, failures. */
@MojoTest
class GenerateMojoTest {
  private static final String POM = "src/test/resources/unit/generate/pom.xml";

  @TempDir Path temp;

  @Test
  @InjectMojo(goal = "generate", pom = POM)
  void mapsPomConfigurationAndGenerates(GenerateMojo mojo) throws Exception {
    assertNotNull(mojo);
    assertEquals("1.2.3", mojo.chartVersion);
    mojo.outputDirectory = temp.resolve("out").toFile();
    mojo.projectVersion = "1.2.3";
    mojo.execute();
    String chart = Files.readString(temp.resolve("out/helm/aibrix-model/Chart.yaml"));
    assertTrue(chart.contains("version: '1.2.3'"), chart);
  }

  @Test
  @InjectMojo(goal = "generate", pom = POM)
  void skipWritesNothing(GenerateMojo mojo) throws Exception {
    mojo.outputDirectory = temp.resolve("skipped").toFile();
    mojo.skip = true;
    mojo.execute();
    assertFalse(Files.exists(temp.resolve("skipped")));
  }

  @Test
  @InjectMojo(goal = "generate", pom = POM)
  void badModelsFileFailsTheBuildWithFileAndLine(GenerateMojo mojo) throws Exception {
    Path models = temp.resolve("models.yaml");
    Files.writeString(models, "models:\n  - name: a\n    hfModel: o/m\n    replicaz: 2\n");
    mojo.outputDirectory = temp.resolve("out").toFile();
    mojo.modelsFile = models.toFile();
    MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
    assertTrue(
        e.getMessage().contains(models + ":4:5: unknown key 'models[0].replicaz'"), e.getMessage());
    assertFalse(Files.exists(temp.resolve("out")));
  }

  @Test
  @InjectMojo(goal = "generate", pom = POM)
  void snapshotProjectVersionIsAValidChartVersionButJunkIsNot(GenerateMojo mojo) throws Exception {
    mojo.outputDirectory = temp.resolve("out").toFile();
    mojo.chartVersion = null;
    mojo.projectVersion = "2.0.0-SNAPSHOT";
    mojo.execute();
    mojo.projectVersion = "2.0";
    MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
    assertTrue(e.getMessage().contains("not SemVer 2"), e.getMessage());
    assertTrue(
        new File(mojo.outputDirectory, "helm/aibrix-model/Chart.yaml").exists(),
        "the earlier output survives the failed run");
  }
}
