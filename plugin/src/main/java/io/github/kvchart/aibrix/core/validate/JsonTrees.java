package io.github.kvchart.aibrix.core.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kvchart.aibrix.core.yaml.BlockYaml;
import io.github.kvchart.aibrix.core.yaml.SafeYamlLoader;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON trees {@link YamlTreeReader} makes, built by the short way ({@link BlockYaml}): the same
 * scalar conversion, the same duplicates (a key is reported before its value's own), the same first
 * lines.
 */
final class JsonTrees implements BlockYaml.Builder<JsonNode> {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** Half the parser's own limit ({@link ManifestParser#MAX_DEPTH}); deeper goes to SnakeYAML. */
  private static final int MAX_DEPTH = ManifestParser.MAX_DEPTH / 2;

  private final List<YamlTreeReader.Duplicate> duplicates = new ArrayList<>();
  private final List<Integer> startLines = new ArrayList<>();
  private int document;

  private JsonTrees() {}

  /**
   * The documents of {@code text}, or null if the short way gave up; on success the duplicates and
   * each document's first line (1-based) are added to the lists.
   */
  static List<JsonNode> read(
      String text, List<YamlTreeReader.Duplicate> duplicates, List<Integer> startLines) {
    JsonTrees trees = new JsonTrees();
    List<JsonNode> roots = BlockYaml.read(text, trees, MAX_DEPTH, ManifestParser.MAX_CHARS);
    if (roots != null) {
      duplicates.addAll(trees.duplicates);
      startLines.addAll(trees.startLines);
    }
    return roots;
  }

  @Override
  public void document(int index, int line) {
    document = index;
    startLines.add(line + 1);
  }

  @Override
  public JsonNode mapping(int line, int column, boolean flow) {
    return JSON.objectNode();
  }

  @Override
  public JsonNode sequence(int line, int column, boolean flow) {
    return JSON.arrayNode();
  }

  @Override
  public JsonNode scalar(String value, char quote, int line, int column) {
    return quote == BlockYaml.PLAIN
        ? YamlTreeReader.scalar(value, SafeYamlLoader.resolve(value), true)
        : JSON.textNode(value);
  }

  @Override
  public JsonNode empty(int line, int column) {
    return JSON.nullNode();
  }

  @Override
  public JsonNode key(JsonNode mapping, String key, char quote, int line, int column) {
    if (mapping.has(key)) {
      duplicates.add(new YamlTreeReader.Duplicate(line + 1, column + 1, key, document));
    }
    return null;
  }

  @Override
  public void put(JsonNode mapping, String key, JsonNode keyNode, JsonNode value) {
    // Keys repeat across documents: share one copy of each, as SnakeYAML's path does.
    ((ObjectNode) mapping).set(key.length() <= 64 ? key.intern() : key, value);
  }

  @Override
  public void add(JsonNode sequence, JsonNode item) {
    ((ArrayNode) sequence).add(item);
  }
}
