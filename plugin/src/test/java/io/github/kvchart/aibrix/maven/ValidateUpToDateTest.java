package io.github.kvchart.aibrix.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * validate does nothing when its last run passed on the same inputs, and always runs when anything
 * changed or the last run failed.
 */
class ValidateUpToDateTest {
  private static final String NAMESPACE = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n";

  @TempDir Path temp;
  private InfoLines lines;

  private ValidateMojo mojo() {
    ValidateMojo mojo = Mojos.validate(temp, List.of("manifests"));
    mojo.buildDirectory = temp.resolve("target").toFile();
    lines = new InfoLines(mojo, "Validate: up to date");
    return mojo;
  }

  private boolean skipped(ValidateMojo mojo) throws Exception {
    return lines.skipped(mojo);
  }

  @Test
  void skippedOnlyWhileSourcesParametersPluginAndReportsAreUnchanged() throws Exception {
    Path manifests = Files.createDirectories(temp.resolve("manifests"));
    Path file = manifests.resolve("ns.yaml");
    Files.writeString(file, NAMESPACE);
    ValidateMojo mojo = mojo();
    assertFalse(skipped(mojo), "the first run validates");
    assertTrue(skipped(mojo), "nothing changed");
    assertTrue(Files.exists(temp.resolve("reports/validation.json")), "the reports stay");

    Files.writeString(file, NAMESPACE.replace("name: a", "name: b"));
    assertFalse(skipped(mojo), "a source changed");
    assertTrue(skipped(mojo));

    Files.writeString(manifests.resolve("more.yaml"), NAMESPACE);
    assertFalse(skipped(mojo), "a source was added");
    assertTrue(skipped(mojo));

    mojo.kubernetesVersion = "1.33";
    assertFalse(skipped(mojo), "a parameter changed");
    assertTrue(skipped(mojo));

    mojo.rules = "kv-replay-disabled=off";
    assertFalse(skipped(mojo), "the rule levels changed");
    assertTrue(skipped(mojo));

    Files.delete(temp.resolve("reports/validation.sarif"));
    assertFalse(skipped(mojo), "a report was removed");
    assertTrue(Files.exists(temp.resolve("reports/validation.sarif")), "and is written again");

    mojo.pluginIdentity = "0.1.1|another build";
    assertFalse(skipped(mojo), "another plugin version or build");
    assertTrue(skipped(mojo));

    mojo.force = true;
    assertFalse(skipped(mojo), "aibrix-chart.force");
    mojo.force = false;
    assertTrue(skipped(mojo));
    assertEquals(1, Files.list(temp.resolve("target/aibrix-chart-up-to-date")).count());
  }

  @Test
  void aFailedRunIsNeverSkipped() throws Exception {
    Path manifests = Files.createDirectories(temp.resolve("manifests"));
    Files.writeString(manifests.resolve("bad.yaml"), NAMESPACE + "spec:\n  finalizers: 7\n");
    ValidateMojo mojo = mojo();
    for (int run = 0; run < 2; run++) {
      lines.clear();
      assertThrows(MojoFailureException.class, mojo::execute, "run " + run);
      assertFalse(lines.saidSkip());
    }
  }

  @Test
  void aPassWithWarningsRunsAgainWhenWarningsStartToFail() throws Exception {
    Path manifests = Files.createDirectories(temp.resolve("manifests"));
    // v1 Endpoints: served, deprecated since 1.33 (api-deprecated, a warning)
    Files.writeString(
        manifests.resolve("endpoints.yaml"),
        "apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: a\n");
    ValidateMojo mojo = mojo();
    mojo.kubernetesVersion = "1.35";
    assertFalse(skipped(mojo), "passes with a warning");
    assertTrue(skipped(mojo));
    mojo.failOnWarning = true;
    assertThrows(MojoFailureException.class, mojo::execute, "the warning now fails the build");
    assertThrows(MojoFailureException.class, mojo::execute, "and again: a failure is not recorded");
  }
}
