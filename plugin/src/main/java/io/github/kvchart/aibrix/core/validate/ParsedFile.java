package io.github.kvchart.aibrix.core.validate;

import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.util.List;

/** A manifest file read once: its documents and the problems found while reading it. */
public record ParsedFile(
    String file, List<ManifestDocument> documents, List<Violation> violations) {}
