package io.github.kvchart.aibrix.core.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kvchart.aibrix.core.yaml.SafeYamlLoader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The one YAML front end for manifests: SnakeYAML's composer (line and column on every node, the
 * limits of {@link ManifestParser}) turned into JSON trees as kubectl turns YAML into JSON (YAML
 * 1.1 scalars: yes/on are booleans, 010 is octal; an empty value is null). Aliases resolve to the
 * anchored node, {@code <<} merge keys merge, and every duplicate key is reported with its
 * position.
 */
final class YamlTreeReader {
  private static final Pattern ANCHOR =
      Pattern.compile("(^|[\\s\\[{,:-])&[^\\s\\[\\]{},]+", Pattern.MULTILINE);
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /**
   * A mapping key that is itself a mapping or list, such as the {@code {{ .Values.x }}} of a Helm
   * template read as YAML: JSON has no such key, so kubectl cannot convert the document.
   */
  static final class BadKey extends RuntimeException {
    final int line;
    final int column;

    BadKey(Node key) {
      super(
          "a mapping key is a " + (key instanceof MappingNode ? "mapping" : "list"),
          null,
          false,
          false);
      this.line = key.getStartMark().getLine() + 1;
      this.column = key.getStartMark().getColumn() + 1;
    }
  }

  /** A duplicate key found while converting: its 1-based position and name. */
  record Duplicate(int line, int column, String key, int document) {}

  /** Most nodes a file may expand to once aliases are resolved (an alias bomb stops here). */
  static final long MAX_EXPANDED_NODES = 1_000_000;

  private final LoaderOptions options;

  YamlTreeReader(LoaderOptions options) {
    this.options = options;
  }

  /** Whether {@code text} defines an anchor, so aliases may need resolving. */
  static boolean hasAnchors(String text) {
    return text.indexOf('&') >= 0 && ANCHOR.matcher(text).find();
  }

  /**
   * Every document of {@code text} as a JSON tree; duplicates go to {@code duplicates} and each
   * document's first line (1-based) to {@code startLines}. Plain block YAML takes the short way
   * ({@link JsonTrees}), everything else SnakeYAML's composer.
   */
  List<JsonNode> read(String text, List<Duplicate> duplicates, List<Integer> startLines) {
    List<JsonNode> fast = JsonTrees.read(text, duplicates, startLines);
    return fast != null ? fast : composed(text, duplicates, startLines);
  }

  /** {@link #read} through SnakeYAML's composer, for any YAML. */
  List<JsonNode> composed(String text, List<Duplicate> duplicates, List<Integer> startLines) {
    List<JsonNode> roots = new ArrayList<>();
    int index = 0;
    long expanded = 0;
    boolean anchors = hasAnchors(text);
    Composer composer = SafeYamlLoader.composer(text, options);
    while (composer.checkNode()) {
      Node node = composer.getNode();
      if (anchors) {
        // Only a file with anchors can have aliases, and so expand beyond its own size.
        Map<Node, Long> sizes = new IdentityHashMap<>();
        expanded += expandedSize(node, sizes, 0);
        if (expanded > MAX_EXPANDED_NODES) {
          throw new YAMLException(
              "aliases expand the file to more than " + MAX_EXPANDED_NODES + " nodes");
        }
      }
      startLines.add(node.getStartMark().getLine() + 1);
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
    boolean shared = node.getAnchor() != null; // only an anchored node can be reached twice
    JsonNode cached = shared ? done.get(node) : null;
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
        if (!(keyNode instanceof ScalarNode scalar)) {
          throw new BadKey(keyNode);
        }
        // Keys repeat across documents (apiVersion, metadata, ...): share one copy of each, as
        // Jackson's parser does, so kept documents stay small.
        String key =
            scalar.getValue().length() <= 64 ? scalar.getValue().intern() : scalar.getValue();
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
    if (shared) {
      done.put(node, result);
    }
    return result;
  }

  private static List<JsonNode> toList(JsonNode array) {
    List<JsonNode> items = new ArrayList<>();
    array.forEach(items::add);
    return items;
  }

  private static JsonNode scalar(ScalarNode scalar) {
    return scalar(scalar.getValue(), scalar.getTag(), scalar.isPlain());
  }

  /** A scalar as JSON, from its text, its resolved tag and whether it was written plain. */
  static JsonNode scalar(String value, Tag tag, boolean plain) {
    try {
      if (Tag.NULL.equals(tag)) {
        return JSON.nullNode();
      }
      if (plain
          && Tag.STR.equals(tag)
          && (value.equals("y") || value.equals("Y") || value.equals("n") || value.equals("N"))) {
        // kubectl's YAML (go-yaml v2) reads these as booleans too; SnakeYAML does not.
        return JSON.booleanNode(value.equalsIgnoreCase("y"));
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
