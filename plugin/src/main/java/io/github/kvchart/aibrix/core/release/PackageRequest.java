package io.github.kvchart.aibrix.core.release;

import io.github.kvchart.aibrix.core.validate.ValidateRequest;
import java.nio.file.Path;
import java.time.Instant;

/**
 * One {@code package} run: which chart, where the archive goes, the time stamped on every entry,
 * and how the chart is validated first.
 *
 * @param indexUrlPrefix the URL the archive will be served from, for index.yaml ("" for relative)
 */
public record PackageRequest(
    Path chartDirectory,
    Path outputDirectory,
    Instant timestamp,
    String indexUrlPrefix,
    ValidateRequest validation) {}
