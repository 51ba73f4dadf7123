package io.github.kvchart.aibrix.maven;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** package does nothing when its last run passed on the same inputs, and reruns on any change. */
class PackageUpToDateTest {
  @TempDir Path temp;
  private InfoLines lines;

  private PackageMojo mojo(Path chart) {
    PackageMojo mojo = Mojos.pack(temp, chart, temp.resolve("charts"));
    mojo.buildDirectory = temp.resolve("target").toFile();
    lines = new InfoLines(mojo, "Package: up to date");
    return mojo;
  }

  private boolean skipped(PackageMojo mojo) throws Exception {
    return lines.skipped(mojo);
  }

  @Test
  void skippedOnlyWhileChartParametersPluginAndArchivesAreUnchanged() throws Exception {
    Mojos.generate(temp.resolve("out")).execute();
    Path chart = temp.resolve("out/helm/aibrix-model");
    PackageMojo mojo = mojo(chart);
    assertFalse(skipped(mojo), "the first run packages");
    assertTrue(skipped(mojo), "nothing changed");

    Path values = chart.resolve("values.yaml");
    Files.writeString(values, Files.readString(values) + "# edited\n");
    assertFalse(skipped(mojo), "the chart changed");
    assertTrue(skipped(mojo));

    Path archive = temp.resolve("charts/aibrix-model-1.0.0.tgz");
    Files.delete(archive);
    assertFalse(skipped(mojo), "the archive was removed");
    assertTrue(Files.exists(archive), "and is written again");

    mojo.indexUrlPrefix = "https://charts.example.com";
    assertFalse(skipped(mojo), "a parameter changed");
    assertTrue(skipped(mojo));

    mojo.pluginIdentity = "0.1.1|another build";
    assertFalse(skipped(mojo), "another plugin version or build");
    assertTrue(skipped(mojo));

    mojo.force = true;
    assertFalse(skipped(mojo), "aibrix-chart.force");
  }

  @Test
  void aRefusedChartIsNeverSkipped() throws Exception {
    Mojos.generate(temp.resolve("out")).execute();
    Path chart = temp.resolve("out/helm/aibrix-model");
    Files.writeString(
        chart.resolve("templates/broken.yaml"),
        "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\nspec:\n  finalizers: 7\n");
    PackageMojo mojo = mojo(chart);
    for (int run = 0; run < 2; run++) {
      lines.clear();
      assertThrows(MojoFailureException.class, mojo::execute, "run " + run);
      assertFalse(lines.saidSkip());
    }
  }
}
