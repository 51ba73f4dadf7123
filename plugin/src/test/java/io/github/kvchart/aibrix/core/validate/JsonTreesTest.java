package io.github.kvchart.aibrix.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.yaml.YamlMutations;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The short way for plain block YAML must read exactly what SnakeYAML's composer reads (the same
 * trees with the same node types and key order, the same duplicates, the same first lines), and
 * must give up on everything else. Checked on every YAML file of the project, on thousands of
 * mutations of them (inserted indicators, tricky scalars, shifted indentation, cut text) and on
 * hand-written cases.
 */
class JsonTreesTest {
  private static final YamlTreeReader SNAKE = new YamlTreeReader(ManifestParser.loaderOptions());

  @Test
  void readsEveryYamlFileOfTheProjectAsSnakeYamlDoes() throws Exception {
    YamlMutations.readEveryProjectFile(JsonTreesTest::sameAsSnakeYaml);
  }

  @Test
  void readsThousandsOfMutationsAsSnakeYamlDoesOrGivesUp() throws Exception {
    YamlMutations.readMutations(0, JsonTreesTest::sameAsSnakeYaml);
  }

  @Test
  void readsThePlainBlockShapesManifestsUse() {
    for (String text :
        List.of(
            "a: 1\n",
            "a: 1",
            "---\na: 1\n---\n# c\nb: [] # d\nc: {}\n",
            "# lead\n\na:\n  b:\n    - x\n    - 'y'\n    - \"z\"\n",
            "list:\n- a\n- b: 1\n  c: 2\n-\n  d: 3\n-\nnext: x\n",
            "- name: a\n  ports:\n  - 80\n  - name: p\n    port: 81\n- name: b\n",
            "  indented: root\n  second: 2\n",
            "k: 'it''s'\n\"q k\": v\n'x': \"a#b\"\n",
            "a: yes\nb: n\nc: 010\nd: 0x1F\ne: 1_000\nf: 1:20\ng: .inf\nh: ~\ni: 2001-12-14\n",
            "a: 1\na: 2\nb:\n  c: 1\n  c: 2\n---\na: 1\na: 3\n",
            "args:\n  - --port\n  - \"8000\"\n  - -1\n  - a:b\n  - http://x/y?z=1&w=2\n",
            "a: b # c\nd: e#f\ng:   # h\n  i: j\nk:\n",
            "a: \"\"\nb: ''\nc: \" \"\n",
            "a: [1, 2]\nb: {c: 1, 'd': [x, \"y\", -1, .inf, v0.1.0, yes]}\n",
            "a: {b: 1, b: 2}\n",
            "- [--port, \"8000\", -dp]\n- {app: x, tier: [a, {b: c}]}\n",
            "selector: {app: x} # c\nargs: [ a , b ]\n",
            "a:\n- \"{\\\"a\\\":\\\"tcp://*:5557\\\"}\"\n- \"x\\\\y/z\\n\\t\\r\"\n\"k\\\"q\": v\n")) {
      assertTrue(sameAsSnakeYaml(text, text), "gave up on:\n" + text);
    }
  }

  @Test
  void givesUpOnWhatItDoesNotRead() {
    for (String text :
        List.of(
            "a:\tb\n",
            "a: caf\u00e9\n",
            "a: b\r\n",
            "\ufeffa: b\n",
            "a: &x 1\nb: *x\n",
            "a: !!str 1\n",
            "a: |\n  text\n",
            "a: >\n  text\n",
            "a: [1, 2\n",
            "a: [a: b]\n",
            "a: {b}\n",
            "a: [1,]\n",
            "a: [1,,2]\n",
            "a: [a b]\n",
            "a: {b:1}\n",
            "a: [1, 2]x\n",
            "a: [x, # c\n  y]\n",
            "a: [1:20]\n",
            "a: [-, x]\n",
            "a: {\"b\":1}\n",
            "a: one\n  two\n",
            "a: \"one\n  two\"\n",
            "a: \"esc\\x41\"\n",
            "a: \"esc\\/\"\n",
            "a: \"esc\\u0041\"\n",
            "a: \"esc\\\n  more\"\n",
            "a: \"tail\\\"\n",
            "%YAML 1.1\n---\na: 1\n",
            "a: 1\n...\n",
            "---\n---\na: 1\n",
            "a: 1\n---\n",
            "--- a: 1\n",
            "? a\n: b\n",
            "<<: {a: 1}\n",
            "a b: c\n",
            "a: b: c\n",
            "- - a\n",
            "plain\n",
            "a: 1\n b: 2\n",
            "a:\n  - x\n  b: y\n")) {
      assertNull(
          JsonTrees.read(text, new ArrayList<>(), new ArrayList<>()),
          "should give up on:\n" + text);
    }
  }

  @Test
  void reportsDuplicatesAndFirstLinesAsSnakeYamlDoes() {
    String text = "# c\n\nkind: A\nkind: B\n---\n\n  x: 1\n  x: 2\n";
    List<YamlTreeReader.Duplicate> duplicates = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    assertNotNull(JsonTrees.read(text, duplicates, lines));
    assertEquals(List.of(3, 7), lines);
    assertEquals(
        List.of(
            new YamlTreeReader.Duplicate(4, 1, "kind", 0),
            new YamlTreeReader.Duplicate(8, 3, "x", 1)),
        duplicates);
    assertTrue(sameAsSnakeYaml(text, text));
  }

  /**
   * Whether the short way read {@code text}; if it did, fails unless SnakeYAML reads the same. If
   * SnakeYAML rejects a text the short way accepted, that fails too.
   */
  private static boolean sameAsSnakeYaml(String text, String what) {
    List<YamlTreeReader.Duplicate> fastDuplicates = new ArrayList<>();
    List<Integer> fastLines = new ArrayList<>();
    List<JsonNode> fast = JsonTrees.read(text, fastDuplicates, fastLines);
    if (fast == null) {
      return false;
    }
    List<YamlTreeReader.Duplicate> duplicates = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    List<JsonNode> slow;
    try {
      slow = SNAKE.composed(text, duplicates, lines);
    } catch (RuntimeException e) {
      fail(what + ": the short way read what SnakeYAML rejects (" + e.getMessage() + "):\n" + text);
      return false;
    }
    assertEquals(describe(slow), describe(fast), what + ":\n" + text);
    assertEquals(duplicates, fastDuplicates, what + " duplicates:\n" + text);
    assertEquals(lines, fastLines, what + " first lines:\n" + text);
    return true;
  }

  /** A tree as text with every node's type and every key in order. */
  private static String describe(List<JsonNode> roots) {
    StringBuilder out = new StringBuilder();
    for (JsonNode root : roots) {
      describe(root, out);
      out.append('\n');
    }
    return out.toString();
  }

  private static void describe(JsonNode node, StringBuilder out) {
    out.append(node.getClass().getSimpleName());
    if (node.isObject()) {
      out.append('{');
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        out.append(field.getKey()).append('=');
        describe(field.getValue(), out);
        out.append(',');
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      for (JsonNode item : node) {
        describe(item, out);
        out.append(',');
      }
      out.append(']');
    } else {
      out.append('(').append(node.asText()).append(')');
    }
  }
}
