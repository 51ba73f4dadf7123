package io.github.kvchart.aibrix.core.report;

import io.github.kvchart.aibrix.core.AtomicFiles;
import io.github.kvchart.aibrix.core.validate.ValidationResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes the three CI reports into one directory, each file whole (temp file, then move). */
public final class ReportFiles {
  public static final String JUNIT = "TEST-aibrix-chart.xml";
  public static final String JSON = "validation.json";
  public static final String SARIF = "validation.sarif";

  private ReportFiles() {}

  /** Writes every report; returns the files written. */
  public static List<Path> write(Path directory, ValidationResult result) throws IOException {
    Files.createDirectories(directory);
    Path junit = write(directory.resolve(JUNIT), JunitXmlReport.render(result));
    Path json = write(directory.resolve(JSON), JsonReport.render(result));
    Path sarif = write(directory.resolve(SARIF), SarifReport.render(result));
    return List.of(junit, json, sarif);
  }

  /**
   * Removes the reports of an earlier run, so that a run that stops before it has a verdict never
   * leaves an old verdict behind.
   */
  public static void remove(Path directory) throws IOException {
    for (String name : List.of(JUNIT, JSON, SARIF)) {
      Files.deleteIfExists(directory.resolve(name));
    }
  }

  private static Path write(Path target, String content) throws IOException {
    return AtomicFiles.write(target, content.getBytes(StandardCharsets.UTF_8));
  }
}
