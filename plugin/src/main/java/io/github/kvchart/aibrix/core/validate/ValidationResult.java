package io.github.kvchart.aibrix.core.validate;

import io.github.kvchart.aibrix.core.manifest.Violation;
import java.util.List;

/**
 * What {@code validate} found: every violation in report order, and what was looked at.
 *
 * @param schemaCompilations how many schemas were compiled (each at most once per run)
 */
public record ValidationResult(
    List<Violation> violations,
    List<String> files,
    List<DocumentSummary> documents,
    long millis,
    int schemaCompilations,
    List<String> skipped) {

  public long errors() {
    return violations.stream().filter(Violation::isError).count();
  }

  public long warnings() {
    return violations.size() - errors();
  }

  /**
   * "Validated 14 documents in 9 files: 0 errors, 2 warnings (212 ms)", with "(3 files skipped: not
   * Kubernetes manifests)" after the file count when some were.
   */
  public String summary() {
    // Concatenation, not String.format: a one-file command-line run would set up a Formatter
    // (about 9 ms) for this line alone.
    return "Validated "
        + documents.size()
        + " documents in "
        + files.size()
        + " files"
        + (skipped.isEmpty()
            ? ""
            : " ("
                + skipped.size()
                + (skipped.size() == 1 ? " file" : " files")
                + " skipped: not Kubernetes manifests)")
        + ": "
        + errors()
        + " errors, "
        + warnings()
        + " warnings ("
        + millis
        + " ms)";
  }
}
