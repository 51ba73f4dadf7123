package io.github.kvchart.aibrix.core.validate;

/** A validated document, as reports list it: file, index, kind and name. */
public record DocumentSummary(String file, int index, String kind, String name) {}
