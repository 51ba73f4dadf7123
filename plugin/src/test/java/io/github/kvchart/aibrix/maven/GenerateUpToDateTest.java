package io.github.kvchart.aibrix.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** generate does nothing when nothing changed, and always runs when anything did. */
class GenerateUpToDateTest {
  @TempDir Path temp;
  private InfoLines lines;

  private GenerateMojo mojo() {
    GenerateMojo mojo = Mojos.generate(temp.resolve("target/aibrix-chart"));
    mojo.buildDirectory = temp.resolve("target").toFile();
    lines = new InfoLines(mojo, "Generate: up to date");
    return mojo;
  }

  private boolean skipped(GenerateMojo mojo) throws Exception {
    return lines.skipped(mojo);
  }

  @Test
  void skippedOnlyWhileInputsParametersAndOutputAreUnchanged() throws Exception {
    Path models = temp.resolve("models.yaml");
    Files.writeString(models, "models:\n  - name: a\n    hfModel: org/a\n");
    GenerateMojo mojo = mojo();
    mojo.modelsFile = models.toFile();
    assertFalse(skipped(mojo), "the first run generates");
    assertTrue(skipped(mojo), "nothing changed");

    Files.writeString(models, "models:\n  - name: b\n    hfModel: org/b\n");
    assertFalse(skipped(mojo), "the models file changed");
    assertTrue(skipped(mojo));

    mojo.chartVersion = "9.9.9";
    assertFalse(skipped(mojo), "a parameter changed");
    assertTrue(skipped(mojo));

    Path chart = temp.resolve("target/aibrix-chart/helm/aibrix-model/Chart.yaml");
    Files.writeString(chart, Files.readString(chart) + "# edited\n");
    assertFalse(skipped(mojo), "the output was edited");
    assertFalse(Files.readString(chart).contains("# edited"), "and is generated again");

    mojo.pluginIdentity = "0.1.1|another build";
    assertFalse(skipped(mojo), "another plugin version or build");
    assertTrue(skipped(mojo));

    mojo.force = true;
    assertFalse(skipped(mojo), "aibrix-chart.force");
    mojo.force = false;
    assertTrue(skipped(mojo));

    Path contract = temp.resolve("contract.yaml");
    Files.copy(
        io.github.kvchart.aibrix.TestPaths.repoRoot()
            .resolve("schemas/contract/kv-events-contract.yaml"),
        contract);
    mojo.contract = contract.toFile();
    assertFalse(skipped(mojo), "another contract");
    assertEquals(1, Files.list(temp.resolve("target/aibrix-chart-up-to-date")).count());
  }
}
