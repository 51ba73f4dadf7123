package io.github.kvchart.aibrix.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The command line: the validate goal's verdict, file:line:col lines, exit codes 0, 1 and 2. */
class MainTest extends CommandLineTest {

  private Path folder(String yaml) throws Exception {
    Path dir = Files.createDirectories(temp.resolve("k8s"));
    Files.writeString(dir.resolve("app.yaml"), yaml);
    return dir;
  }

  @Test
  void aCleanFolderExitsZero() throws Exception {
    Path dir = folder("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n");
    assertEquals(0, run("validate", dir.toString()), cli.err());
    assertTrue(out().contains("Validated 1 documents in 1 files: 0 errors, 0 warnings"), out());
  }

  @Test
  void violationsExitOneWithFileLineColumnLines() throws Exception {
    Path dir = folder("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  labls: {}\n");
    assertEquals(1, run("validate", "--kubernetes-version", "1.33", dir.toString()));
    assertTrue(out().contains("app.yaml:5:3: error [schema-unknown-field]"), out());
  }

  @Test
  void warningsFailOnlyWhenAsked() throws Exception {
    Path dir = folder("apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: e\n");
    assertEquals(0, run("validate", dir.toString()));
    assertEquals(1, run("validate", "--fail-on-warning", dir.toString()));
    assertEquals(
        0, run("validate", "--rules=api-deprecated=off", "--fail-on-warning", dir.toString()));
  }

  @Test
  void reportsAndFormats() throws Exception {
    Path dir = folder("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n");
    Path reports = temp.resolve("reports");
    assertEquals(
        0,
        run("validate", "--format", "json", "--reports-dir", reports.toString(), dir.toString()));
    assertEquals(1, new ObjectMapper().readTree(out()).at("/summary/documents").asInt());
    assertTrue(Files.exists(reports.resolve("validation.sarif")));
    assertTrue(Files.exists(reports.resolve("TEST-aibrix-chart.xml")));
  }

  @Test
  void badUsageAndBadInputExitTwo() throws Exception {
    Path dir = folder("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n");
    assertEquals(2, run());
    assertEquals(2, run("lint", dir.toString()));
    assertEquals(2, run("validate"));
    assertEquals(2, run("validate", "--format", "xml", dir.toString()));
    assertEquals(2, run("validate", "--bogus", dir.toString()));
    assertEquals(2, run("validate", "--kubernetes-version"));
    assertEquals(2, run("validate", "--kubernetes-version", "1.12", dir.toString()));
    assertTrue(cli.err().contains("no schemas for Kubernetes 1.12"), cli.err());
    assertEquals(2, run("validate", temp.resolve("missing").toString()));
  }

  @Test
  void helpDescribesEveryOption() {
    assertEquals(0, run("--help"));
    for (String option :
        new String[] {
          "--kubernetes-version",
          "--crds",
          "--rules",
          "--contract",
          "--aibrix-version",
          "--reports-dir",
          "--format",
          "--fail-on-warning",
          "-Daibrix.cli.fullJit=true"
        }) {
      assertTrue(out().contains(option), option);
    }
  }
}
