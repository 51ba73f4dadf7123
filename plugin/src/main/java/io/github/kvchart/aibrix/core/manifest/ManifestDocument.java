package io.github.kvchart.aibrix.core.manifest;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One YAML document of a manifest file, parsed once and shared by the schema check and the contract
 * rules. Positions are found on demand through the file's {@link PositionFinder}.
 */
public final class ManifestDocument {
  private final String file;
  private final int index;
  private final JsonNode root;
  private final PositionFinder positions;
  private final String apiVersion;
  private final String kind;
  private final String name;
  private final String base;

  public ManifestDocument(String file, int index, JsonNode root, PositionFinder positions) {
    this(file, index, root, positions, "");
  }

  private ManifestDocument(
      String file, int index, JsonNode root, PositionFinder positions, String base) {
    this.base = base;
    this.file = file;
    this.index = index;
    this.root = root;
    this.positions = positions;
    this.apiVersion = text(root.get("apiVersion"));
    this.kind = text(root.get("kind"));
    JsonNode metadata = root.get("metadata");
    this.name = metadata == null ? "" : text(metadata.get("name"));
  }

  public String file() {
    return file;
  }

  public int index() {
    return index;
  }

  public JsonNode root() {
    return root;
  }

  public PositionFinder positions() {
    return positions;
  }

  public String apiVersion() {
    return apiVersion;
  }

  public String kind() {
    return kind;
  }

  public String name() {
    return name;
  }

  /**
   * The same document holding only its own lines for positions (see {@link PositionFinder#only}).
   */
  public ManifestDocument compact() {
    return new ManifestDocument(file, index, root, positions.only(index), base);
  }

  /**
   * The object at {@code pointer} (e.g. an item of a List) as a document of its own: its pointers
   * and positions are those of the file.
   */
  public ManifestDocument part(String pointer) {
    return new ManifestDocument(file, index, root.at(pointer), positions, base + pointer);
  }

  @Override
  public String toString() {
    return file + "#" + index + " " + kind + "/" + name;
  }

  /** Line and column of the node at {@code pointer} (its key where it has one). */
  public int[] locate(String pointer) {
    return positions.locate(index, base + pointer);
  }

  /** A violation located at {@code pointer} in this document. */
  public Violation violation(
      String pointer, String rule, Severity severity, String message, String fix) {
    int[] at = locate(pointer);
    return new Violation(
        file, at[0], at[1], index, kind(), name(), base + pointer, rule, severity, message, fix);
  }

  private static String text(JsonNode node) {
    return node != null && node.isTextual() ? node.asText() : "";
  }
}
