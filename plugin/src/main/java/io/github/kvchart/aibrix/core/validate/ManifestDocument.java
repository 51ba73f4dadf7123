package io.github.kvchart.aibrix.core.validate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One YAML document of a manifest file, parsed once and shared by the schema check and the
 * contract rules. Positions are found on demand through the file's {@link PositionFinder}.
 */
public record ManifestDocument(String file, int index, JsonNode root, PositionFinder positions) {

  public String apiVersion() {
    return text(root.get("apiVersion"));
  }

  public String kind() {
    return text(root.get("kind"));
  }

  public String name() {
    JsonNode metadata = root.get("metadata");
    return metadata == null ? "" : text(metadata.get("name"));
  }

  /** Line and column of the node at {@code pointer} (its key where it has one). */
  public int[] locate(String pointer) {
    return positions.locate(index, pointer);
  }

  /** A violation located at {@code pointer} in this document. */
  public Violation violation(
      String pointer, String rule, Severity severity, String message, String fix) {
    int[] at = locate(pointer);
    return new Violation(file, at[0], at[1], index, kind(), name(), pointer, rule, severity, message, fix);
  }

  private static String text(JsonNode node) {
    return node != null && node.isTextual() ? node.asText() : "";
  }
}
