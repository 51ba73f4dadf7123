package io.github.kvchart.aibrix.core.yaml;

import io.github.kvchart.aibrix.core.InvalidInputException;
import io.github.kvchart.aibrix.core.SourceLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed, location-aware reads from one YAML mapping. Every failure names the file, line and key,
 * and {@link #rejectUnknownKeys(Set)} turns a typo into an error instead of a silent default.
 */
public final class MappingReader {
  private final String file;
  private final String path;
  private final Node node;
  private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

  private MappingReader(String file, String path, Node node) {
    this.file = file;
    this.path = path;
    this.node = node;
  }

  /** Wraps {@code node}, which must be a mapping; {@code path} names it in messages. */
  public static MappingReader of(String file, String path, Node node) throws InvalidInputException {
    MappingReader reader = new MappingReader(file, path, node);
    if (!(node instanceof MappingNode mapping)) {
      throw reader.error(
          node,
          "'"
              + (path.isEmpty() ? "the document" : path)
              + "' must be a mapping (key: value pairs).",
          "See README, 'Models file', for the layout.");
    }
    for (NodeTuple tuple : mapping.getValue()) {
      Node key = tuple.getKeyNode();
      if (!(key instanceof ScalarNode scalar)) {
        throw reader.error(
            key,
            "keys of '" + path + "' must be plain strings.",
            "Write each key as a plain word.");
      }
      if (reader.entries.put(scalar.getValue(), tuple) != null) {
        throw reader.error(
            key,
            "duplicate key '" + reader.child(scalar.getValue()) + "'.",
            "Keep one of the two entries.");
      }
    }
    return reader;
  }

  public SourceLocation location() {
    return at(node);
  }

  public SourceLocation locationOf(String key) {
    NodeTuple tuple = entries.get(key);
    return tuple == null ? location() : at(tuple.getKeyNode());
  }

  public boolean has(String key) {
    return entries.containsKey(key) && !isNull(entries.get(key).getValueNode());
  }

  /** Fails on the first key not in {@code allowed}, suggesting the closest allowed key. */
  public void rejectUnknownKeys(Set<String> allowed) throws InvalidInputException {
    for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
      if (!allowed.contains(entry.getKey())) {
        String suggestion = Spelling.closest(entry.getKey(), allowed);
        throw error(
            entry.getValue().getKeyNode(),
            "unknown key '" + child(entry.getKey()) + "'.",
            suggestion != null
                ? "Did you mean '"
                    + suggestion
                    + "'? Allowed keys: "
                    + String.join(", ", new java.util.TreeSet<>(allowed))
                    + "."
                : "Allowed keys: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ".");
      }
    }
  }

  public Optional<String> string(String key) throws InvalidInputException {
    Optional<ScalarNode> scalar = scalar(key, "a string");
    if (scalar.isPresent()) {
      refuseHiddenCharacters(child(key), scalar.get());
    }
    return scalar.map(ScalarNode::getValue);
  }

  /**
   * Control characters (other than tab) and the characters that reorder or break text on screen
   * (bidirectional overrides and isolates U+202A-U+202E, U+2066-U+2069, line and paragraph
   * separators U+2028/U+2029) make a value display differently from what it is: refused.
   */
  private void refuseHiddenCharacters(String name, ScalarNode value) throws InvalidInputException {
    String text = value.getValue();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean hidden =
          (c < 0x20 && c != '\t')
              || c == 0x7f
              || (c >= 0x202a && c <= 0x202e)
              || (c >= 0x2066 && c <= 0x2069)
              || c == 0x2028
              || c == 0x2029;
      if (hidden) {
        throw error(
            value,
            "'"
                + name
                + "' contains the invisible or text-reordering character "
                + String.format("U+%04X", (int) c)
                + " at position "
                + (i + 1)
                + ".",
            "Remove it: such characters make the value read differently from what it is.");
      }
    }
  }

  public Optional<Long> integer(String key) throws InvalidInputException {
    Optional<ScalarNode> scalar = scalar(key, "a whole number");
    if (scalar.isEmpty()) {
      return Optional.empty();
    }
    String text = scalar.get().getValue();
    if (!text.matches("[-+]?[0-9]{1,18}")) {
      throw error(
          scalar.get(),
          "'" + child(key) + "' must be a whole number, not '" + text + "'.",
          "Write digits only, e.g. " + child(key).replaceAll(".*\\.", "") + ": 2.");
    }
    return Optional.of(Long.parseLong(text));
  }

  public Optional<Boolean> bool(String key) throws InvalidInputException {
    Optional<ScalarNode> scalar = scalar(key, "true or false");
    if (scalar.isEmpty()) {
      return Optional.empty();
    }
    String text = scalar.get().getValue();
    if (!text.equals("true") && !text.equals("false")) {
      throw error(
          scalar.get(),
          "'" + child(key) + "' must be true or false, not '" + text + "'.",
          "Write true or false (YAML's yes/no/on/off are not accepted here).");
    }
    return Optional.of(Boolean.parseBoolean(text));
  }

  /** The value of {@code key} as a mapping, if present. */
  public Optional<MappingReader> mapping(String key) throws InvalidInputException {
    if (!has(key)) {
      return Optional.empty();
    }
    return Optional.of(of(file, child(key), entries.get(key).getValueNode()));
  }

  /** The value of {@code key} as a list of mappings, if present. */
  public List<MappingReader> mappings(String key) throws InvalidInputException {
    List<MappingReader> items = new ArrayList<>();
    if (!has(key)) {
      return items;
    }
    Node value = entries.get(key).getValueNode();
    if (!(value instanceof SequenceNode sequence)) {
      throw error(value, "'" + child(key) + "' must be a list.", "Start each entry with '- '.");
    }
    int index = 0;
    for (Node item : sequence.getValue()) {
      items.add(of(file, child(key) + "[" + index++ + "]", item));
    }
    return items;
  }

  /** The keys, in file order. */
  public Set<String> keys() {
    return java.util.Collections.unmodifiableSet(entries.keySet());
  }

  /** A string that must be present. */
  public String requireString(String key) throws InvalidInputException {
    return string(key).orElseThrow(() -> missing(key, "a string"));
  }

  /** A whole number that must be present. */
  public long requireInteger(String key) throws InvalidInputException {
    return integer(key).orElseThrow(() -> missing(key, "a whole number"));
  }

  /** A mapping that must be present. */
  public MappingReader requireMapping(String key) throws InvalidInputException {
    return mapping(key).orElseThrow(() -> missing(key, "a mapping"));
  }

  /** A list of strings ([a, b] or one '- a' per line); empty when absent. */
  public List<String> strings(String key) throws InvalidInputException {
    List<String> items = new ArrayList<>();
    if (!has(key)) {
      return items;
    }
    Node value = entries.get(key).getValueNode();
    if (!(value instanceof SequenceNode sequence)) {
      throw error(value, "'" + child(key) + "' must be a list.", "Write it as [a, b].");
    }
    for (Node item : sequence.getValue()) {
      if (!(item instanceof ScalarNode scalar) || isNull(item)) {
        throw error(item, "'" + child(key) + "' must hold strings only.", "Write it as [a, b].");
      }
      items.add(scalar.getValue());
    }
    return items;
  }

  /** One string or a list of strings, as a list; empty when absent. */
  public List<String> stringOrStrings(String key) throws InvalidInputException {
    if (has(key) && entries.get(key).getValueNode() instanceof ScalarNode) {
      return List.of(requireString(key));
    }
    return strings(key);
  }

  /** A mapping of plain strings to plain strings; empty when absent. */
  public Map<String, String> stringMap(String key) throws InvalidInputException {
    Map<String, String> result = new LinkedHashMap<>();
    Optional<MappingReader> map = mapping(key);
    if (map.isPresent()) {
      for (String name : map.get().keys()) {
        result.put(name, map.get().requireString(name));
      }
    }
    return result;
  }

  /**
   * The value of {@code key} as plain data, for values that are passed through whole (a Kubernetes
   * object such as an affinity): maps with string keys in file order, lists, and scalars typed as
   * the API server reads them, {@code true}/{@code false} as booleans, whole numbers as longs,
   * decimals as {@link java.math.BigDecimal}, {@code null}/{@code ~} as null and everything else
   * (quoted scalars included) as strings. YAML 1.1's plain yes/no/on/off/y/n, which kubectl would
   * read as booleans, are refused so a value never changes meaning on the way.
   */
  public Optional<Object> tree(String key) throws InvalidInputException {
    if (!has(key)) {
      return Optional.empty();
    }
    return Optional.of(plain(entries.get(key).getValueNode(), child(key)));
  }

  private static final java.util.regex.Pattern PLAIN_INTEGER =
      java.util.regex.Pattern.compile("[-+]?[0-9]{1,18}");
  private static final java.util.regex.Pattern PLAIN_DECIMAL =
      java.util.regex.Pattern.compile("[-+]?([0-9]+\\.[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");
  private static final Set<String> YAML11_BOOLEANS = Set.of("yes", "no", "on", "off", "y", "n");

  private Object plain(Node value, String where) throws InvalidInputException {
    if (value instanceof MappingNode mapping) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (NodeTuple tuple : mapping.getValue()) {
        if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
          throw error(
              tuple.getKeyNode(),
              "keys of '" + where + "' must be plain strings.",
              "Write each key as a plain word.");
        }
        refuseHiddenCharacters(where, key);
        if (map.containsKey(key.getValue())) {
          throw error(
              key,
              "duplicate key '" + where + "." + key.getValue() + "'.",
              "Keep one of the two entries.");
        }
        map.put(key.getValue(), plain(tuple.getValueNode(), where + "." + key.getValue()));
      }
      return map;
    }
    if (value instanceof SequenceNode sequence) {
      List<Object> list = new ArrayList<>();
      int index = 0;
      for (Node item : sequence.getValue()) {
        list.add(plain(item, where + "[" + index++ + "]"));
      }
      return list;
    }
    ScalarNode scalar = (ScalarNode) value;
    refuseHiddenCharacters(where, scalar);
    String text = scalar.getValue();
    if (!scalar.isPlain()) {
      return text;
    }
    if (isNull(scalar)) {
      return null;
    }
    if (text.equals("true") || text.equals("false")) {
      return Boolean.valueOf(text);
    }
    if (YAML11_BOOLEANS.contains(text.toLowerCase(java.util.Locale.ROOT))) {
      throw error(
          scalar,
          "'"
              + where
              + "' is "
              + text
              + ", which kubectl reads as a boolean and other tools as a string.",
          "Write true or false for a boolean, or quote it (\"" + text + "\") for a string.");
    }
    if (PLAIN_INTEGER.matcher(text).matches()) {
      return Long.valueOf(text);
    }
    if (PLAIN_DECIMAL.matcher(text).matches()) {
      return new java.math.BigDecimal(text);
    }
    return text;
  }

  /** Whether the key is written with an explicit null value. */
  public boolean isExplicitNull(String key) {
    return entries.containsKey(key) && isNull(entries.get(key).getValueNode());
  }

  private InvalidInputException missing(String key, String expected) {
    return error(
        node,
        "'" + child(key) + "' is missing; it must be " + expected + ".",
        "Add '"
            + key
            + ":' "
            + (path.isEmpty() ? "at the top level" : "under '" + path + "'")
            + ".");
  }

  /** Names a key below this mapping, for messages. */
  public String child(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** An error located at {@code key}'s value (or this mapping when the key is absent). */
  public InvalidInputException errorAt(String key, String problem, String fix) {
    NodeTuple tuple = entries.get(key);
    return error(tuple == null ? node : tuple.getValueNode(), problem, fix);
  }

  private Optional<ScalarNode> scalar(String key, String expected) throws InvalidInputException {
    if (!has(key)) {
      return Optional.empty();
    }
    Node value = entries.get(key).getValueNode();
    if (!(value instanceof ScalarNode scalar)) {
      throw error(
          value,
          "'" + child(key) + "' must be " + expected + ".",
          "Write a single value after '" + key + ":', not a list or mapping.");
    }
    return Optional.of(scalar);
  }

  private static boolean isNull(Node value) {
    return value instanceof ScalarNode && Tag.NULL.equals(value.getTag());
  }

  private InvalidInputException error(Node at, String problem, String fix) {
    return new InvalidInputException(at(at), problem, fix);
  }

  private SourceLocation at(Node at) {
    if (at == null || at.getStartMark() == null) {
      return SourceLocation.ofFile(file);
    }
    return new SourceLocation(
        file, at.getStartMark().getLine() + 1, at.getStartMark().getColumn() + 1);
  }
}
