package io.github.kvchart.aibrix.core.render;

import java.nio.file.Path;
import java.util.List;

/** What {@code generate} wrote: the directory, the files in it (sorted) and the model count. */
public record GenerateResult(
    Path outputDirectory, List<String> files, int models, String chartVersion) {}
