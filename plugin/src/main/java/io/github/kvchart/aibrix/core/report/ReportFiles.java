package io.github.kvchart.aibrix.core.report;

import io.github.kvchart.aibrix.core.validate.ValidationResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
    Path junit = writeAtomically(directory.resolve(JUNIT), JunitXmlReport.render(result));
    Path json = writeAtomically(directory.resolve(JSON), JsonReport.render(result));
    Path sarif = writeAtomically(directory.resolve(SARIF), SarifReport.render(result));
    return List.of(junit, json, sarif);
  }

  private static Path writeAtomically(Path target, String content) throws IOException {
    Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
    try {
      Files.writeString(temp, content, StandardCharsets.UTF_8);
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
    return target;
  }
}
