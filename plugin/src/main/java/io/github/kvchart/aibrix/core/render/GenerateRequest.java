package io.github.kvchart.aibrix.core.render;

import java.nio.file.Path;

/**
 * One {@code generate} run, free of Maven types.
 *
 * @param templateDirectory null for the plugin's built-in templates
 * @param modelsFile null for the built-in models (the design's two examples)
 * @param chartVersion null to take it from the models file, then {@code projectVersion}
 * @param contractFile null for the built-in KV-event contract
 */
public record GenerateRequest(
    Path outputDirectory,
    Path templateDirectory,
    Path modelsFile,
    String chartVersion,
    String projectVersion,
    Path contractFile) {}
