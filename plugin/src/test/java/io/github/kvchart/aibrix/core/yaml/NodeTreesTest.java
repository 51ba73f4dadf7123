package io.github.kvchart.aibrix.core.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.kvchart.aibrix.TestPaths;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The short way's SnakeYAML nodes (what {@link SafeYamlLoader#parse} gives the contract, model and
 * settings readers) must be the composer's: the same kinds, tags, values, scalar and flow styles
 * and start positions, for every node including keys and the empty values of a bare ":" or "-".
 * Checked on every YAML file of the project, on thousands of mutations of them, and on the two
 * files every run reads (the built-in contract and models), which must take the short way.
 */
class NodeTreesTest {
  private static final int NESTING = 64;

  @Test
  void readsEveryYamlFileOfTheProjectAsTheComposerDoes() throws Exception {
    YamlMutations.readEveryProjectFile(NodeTreesTest::sameAsComposer);
  }

  @Test
  void readsThousandsOfMutationsAsTheComposerDoesOrGivesUp() throws Exception {
    YamlMutations.readMutations(1, NodeTreesTest::sameAsComposer);
  }

  @Test
  void theBuiltInContractAndModelsTakeTheShortWay() throws Exception {
    for (String file :
        List.of(
            "schemas/contract/kv-events-contract.yaml",
            "plugin/src/main/resources/io/github/kvchart/aibrix/default-models.yaml")) {
      String text = Files.readString(TestPaths.repoRoot().resolve(file));
      assertTrue(sameAsComposer(text, file), file + " gave up");
    }
  }

  @Test
  void emptyValuesSitJustAfterTheirIndicator() {
    for (String text :
        List.of(
            "a:\nb: 1\n",
            "a: # c\n  \nb:\n",
            "- \n-\n- x\n",
            "list:\n- a:\n  b:\n-\n",
            "m: {a: [], b: {}}\n")) {
      assertTrue(sameAsComposer(text, text), "gave up on:\n" + text);
    }
  }

  @Test
  void parseReturnsTheShortWaysNodeOnlyForOneDocument() {
    assertNull(NodeTrees.single("a: 1\n---\nb: 2\n", NESTING, 1 << 20));
    assertNull(NodeTrees.single("# nothing\n", NESTING, 1 << 20));
    assertNull(NodeTrees.single("a: &x 1\n", NESTING, 1 << 20));
  }

  /**
   * Whether the short way read {@code text}; if it did, fails unless the composer reads the same.
   */
  private static boolean sameAsComposer(String text, String what) {
    List<Node> fast = BlockYaml.read(text, new NodeTrees(), NESTING / 2, 1 << 24);
    if (fast == null) {
      return false;
    }
    List<Node> composed = new ArrayList<>();
    try {
      LoaderOptions options = new LoaderOptions();
      options.setNestingDepthLimit(NESTING);
      Composer composer = SafeYamlLoader.composer(text, options);
      while (composer.checkNode()) {
        composed.add(composer.getNode());
      }
    } catch (RuntimeException e) {
      fail(what + ": the short way read what SnakeYAML rejects (" + e.getMessage() + "):\n" + text);
    }
    assertEquals(describe(composed), describe(fast), what + ":\n" + text);
    return true;
  }

  private static String describe(List<Node> roots) {
    StringBuilder out = new StringBuilder();
    for (Node root : roots) {
      describe(root, out);
      out.append('\n');
    }
    return out.toString();
  }

  private static void describe(Node node, StringBuilder out) {
    out.append(node.getClass().getSimpleName())
        .append(' ')
        .append(node.getTag())
        .append('@')
        .append(node.getStartMark().getLine())
        .append(':')
        .append(node.getStartMark().getColumn());
    if (node instanceof ScalarNode scalar) {
      out.append(' ').append(scalar.getScalarStyle()).append(" (").append(scalar.getValue());
      out.append(')');
    } else if (node instanceof MappingNode mapping) {
      out.append(' ').append(mapping.getFlowStyle()).append('{');
      for (NodeTuple tuple : mapping.getValue()) {
        describe(tuple.getKeyNode(), out);
        out.append('=');
        describe(tuple.getValueNode(), out);
        out.append(',');
      }
      out.append('}');
    } else if (node instanceof SequenceNode sequence) {
      out.append(' ').append(sequence.getFlowStyle()).append('[');
      for (Node item : sequence.getValue()) {
        describe(item, out);
        out.append(',');
      }
      out.append(']');
    }
  }
}
