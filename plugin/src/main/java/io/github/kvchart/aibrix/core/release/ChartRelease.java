package io.github.kvchart.aibrix.core.release;

import io.github.kvchart.aibrix.core.BuildLog;
import io.github.kvchart.aibrix.core.InvalidInputException;
import io.github.kvchart.aibrix.core.helm.ChartFiles;
import io.github.kvchart.aibrix.core.helm.ChartIndex;
import io.github.kvchart.aibrix.core.helm.ChartPackager;
import io.github.kvchart.aibrix.core.manifest.Violation;
import io.github.kvchart.aibrix.core.validate.ManifestValidator;
import io.github.kvchart.aibrix.core.validate.ValidationResult;
import java.io.IOException;
import java.util.List;

/**
 * The {@code package} job: validate the chart (lint, values matrix, schemas, contract), refuse it
 * on any error, then write the reproducible archive and merge index.yaml.
 */
public final class ChartRelease {
  /** The chart failed validation; it was not packaged. */
  public static final class RefusedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient ValidationResult result;

    RefusedException(ValidationResult result) {
      super("the chart fails validation (" + result.errors() + " errors); it was not packaged");
      this.result = result;
    }

    public ValidationResult result() {
      return result;
    }
  }

  private ChartRelease() {}

  public static ChartPackager.Packaged packageChart(PackageRequest request, BuildLog log)
      throws InvalidInputException, IOException, RefusedException {
    ChartPackager.chartMetadata(request.chartDirectory());
    // One walk of the chart: validation refuses what it cannot vouch for (symbolic links), and the
    // archive is built from this same list.
    ChartFiles files = ChartFiles.of(request.chartDirectory());
    ValidationResult result = new ManifestValidator().validate(request.validation(), log);
    List<Violation> errors = result.violations().stream().filter(Violation::isError).toList();
    for (Violation violation : result.violations()) {
      if (violation.isError()) {
        log.warn(violation.toConsoleLine());
      }
    }
    if (!errors.isEmpty()) {
      throw new RefusedException(result);
    }
    log.info(result.summary());
    // The archive is staged beside its target, the index merged under a lock, and only then both
    // go into place: a broken index.yaml leaves nothing written, parallel runs lose no entry.
    ChartPackager.Staged staged =
        ChartPackager.stage(files, request.outputDirectory(), request.timestamp());
    try {
      return ChartIndex.merge(
          request.outputDirectory().resolve("index.yaml"),
          staged,
          request.indexUrlPrefix(),
          request.timestamp());
    } finally {
      staged.discard();
    }
  }
}
