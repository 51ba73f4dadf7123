package io.github.kvchart.aibrix.core.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads YAML that uses anchors and aliases (which the fast Jackson path reads as plain strings)
 * through SnakeYAML's composer: aliases resolve to the anchored node, {@code <<} merge keys merge,
 * and a duplicate key is reported with its position. Only files with an anchor take this path.
 */
final class AnchoredYamlReader {
  private static final Pattern ANCHOR =
      Pattern.compile("(^|[\\s\\[{,:-])&[^\\s\\[\\]{},]+", Pattern.MULTILINE);
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** A duplicate key found while converting: its 1-based position and name. */
  record Duplicate(int line, int column, String key, int document) {}

  /** Most nodes a file may expand to once aliases are resolved (an alias bomb stops here). */
  static final long MAX_EXPANDED_NODES = 1_000_000;

  private final LoaderOptions options;

  AnchoredYamlReader(LoaderOptions options) {
    this.options = options;
  }

  /** Whether {@code text} defines an anchor, so aliases may need resolving. */
  static boolean hasAnchors(String text) {
    return text.indexOf('&') >= 0 && ANCHOR.matcher(text).find();
  }

  /** Every document of {@code text} as a JSON tree; duplicates go to {@code duplicates}. */
  List<JsonNode> read(String text, List<Duplicate> duplicates) {
    List<JsonNode> roots = new ArrayList<>();
    int index = 0;
    long expanded = 0;
    for (Node node : new Yaml(options).composeAll(new StringReader(text))) {
      Map<Node, Long> sizes = new IdentityHashMap<>();
      expanded += expandedSize(node, sizes, 0);
      if (expanded > MAX_EXPANDED_NODES) {
        throw new YAMLException(
            "aliases expand the file to more than " + MAX_EXPANDED_NODES + " nodes");
      }
      roots.add(convert(node, duplicates, index++, new IdentityHashMap<>(), 0));
    }
    return roots;
  }

  /** The node count of {@code node} with every alias expanded, computed without expanding. */
  private static long expandedSize(Node node, Map<Node, Long> sizes, int depth) {
    if (depth > ManifestParser.MAX_DEPTH) {
      throw new YAMLException("nesting deeper than " + ManifestParser.MAX_DEPTH + " levels");
    }
    Long known = sizes.get(node);
    if (known != null) {
      return known;
    }
    long size = 1;
    if (node instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        size +=
            expandedSize(tuple.getKeyNode(), sizes, depth + 1)
                + expandedSize(tuple.getValueNode(), sizes, depth + 1);
        size = Math.min(size, MAX_EXPANDED_NODES + 1);
      }
    } else if (node instanceof SequenceNode sequence) {
      for (Node item : sequence.getValue()) {
        size = Math.min(size + expandedSize(item, sizes, depth + 1), MAX_EXPANDED_NODES + 1);
      }
    }
    sizes.put(node, size);
    return size;
  }

  private JsonNode convert(
      Node node, List<Duplicate> duplicates, int document, Map<Node, JsonNode> done, int depth) {
    if (depth > ManifestParser.MAX_DEPTH) {
      throw new YAMLException("nesting deeper than " + ManifestParser.MAX_DEPTH + " levels");
    }
    JsonNode cached = done.get(node);
    if (cached != null) {
      return cached.deepCopy();
    }
    JsonNode result;
    if (node instanceof MappingNode mapping) {
      ObjectNode object = JSON.objectNode();
      List<NodeTuple> merges = new ArrayList<>();
      for (NodeTuple tuple : mapping.getValue()) {
        Node keyNode = tuple.getKeyNode();
        if (keyNode instanceof ScalarNode key
            && (Tag.MERGE.equals(key.getTag()) || "<<".equals(key.getValue()))) {
          merges.add(tuple);
          continue;
        }
        String key =
            keyNode instanceof ScalarNode scalar
                ? scalar.getValue()
                : String.valueOf(convert(keyNode, duplicates, document, done, depth + 1));
        if (object.has(key)) {
          duplicates.add(
              new Duplicate(
                  keyNode.getStartMark().getLine() + 1,
                  keyNode.getStartMark().getColumn() + 1,
                  key,
                  document));
        }
        object.set(key, convert(tuple.getValueNode(), duplicates, document, done, depth + 1));
      }
      for (NodeTuple merge : merges) {
        JsonNode merged = convert(merge.getValueNode(), duplicates, document, done, depth + 1);
        List<JsonNode> sources = merged.isArray() ? toList(merged) : List.of(merged);
        for (JsonNode source : sources) {
          source
              .fields()
              .forEachRemaining(
                  field -> {
                    if (!object.has(field.getKey())) {
                      object.set(field.getKey(), field.getValue());
                    }
                  });
        }
      }
      result = object;
    } else if (node instanceof SequenceNode sequence) {
      ArrayNode array = JSON.arrayNode();
      for (Node item : sequence.getValue()) {
        array.add(convert(item, duplicates, document, done, depth + 1));
      }
      result = array;
    } else {
      result = scalar((ScalarNode) node);
    }
    done.put(node, result);
    return result;
  }

  private static List<JsonNode> toList(JsonNode array) {
    List<JsonNode> items = new ArrayList<>();
    array.forEach(items::add);
    return items;
  }

  private static JsonNode scalar(ScalarNode scalar) {
    String value = scalar.getValue();
    Tag tag = scalar.getTag();
    try {
      if (Tag.NULL.equals(tag)) {
        return JSON.nullNode();
      }
      if (Tag.BOOL.equals(tag)) {
        return JSON.booleanNode(
            value.equalsIgnoreCase("true")
                || value.equalsIgnoreCase("yes")
                || value.equalsIgnoreCase("on")
                || value.equalsIgnoreCase("y"));
      }
      if (Tag.INT.equals(tag)) {
        // YAML 1.1, as kubectl reads it (and as the parse without anchors does): 0x hex, 0b
        // binary, a leading 0 octal (010 is 8), '_' ignored.
        String digits = value.replace("_", "");
        boolean negative = digits.startsWith("-");
        if (negative || digits.startsWith("+")) {
          digits = digits.substring(1);
        }
        int radix = 10;
        if (digits.startsWith("0x")) {
          radix = 16;
          digits = digits.substring(2);
        } else if (digits.startsWith("0b")) {
          radix = 2;
          digits = digits.substring(2);
        } else if (digits.length() > 1 && digits.startsWith("0")) {
          radix = 8;
          digits = digits.substring(1);
        }
        BigInteger number = new BigInteger(digits, radix);
        if (negative) {
          number = number.negate();
        }
        return number.bitLength() < 32
            ? JSON.numberNode(number.intValue())
            : number.bitLength() < 64
                ? JSON.numberNode(number.longValue())
                : JSON.numberNode(number);
      }
      if (Tag.FLOAT.equals(tag)) {
        return JSON.numberNode(Double.parseDouble(value.replace("_", "")));
      }
    } catch (NumberFormatException e) {
      return JSON.textNode(value);
    }
    return JSON.textNode(value);
  }
}
