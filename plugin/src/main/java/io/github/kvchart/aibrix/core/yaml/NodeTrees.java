package io.github.kvchart.aibrix.core.yaml;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The node trees SnakeYAML's composer makes, built by the short way ({@link BlockYaml}): the same
 * node kinds, tags, values, scalar and flow styles, and start positions (what {@link MappingReader}
 * reads), without loading SnakeYAML's scanner and parser.
 */
final class NodeTrees implements BlockYaml.Builder<Node> {
  private static final int[] NO_TEXT = new int[0];

  /** The one document of {@code text}, or null (the short way gave up, or not one document). */
  static Node single(String text, int nestingLimit, int maxChars) {
    List<Node> roots = all(text, nestingLimit, maxChars);
    return roots != null && roots.size() == 1 ? roots.get(0) : null;
  }

  /** Every document of {@code text}, or null if the short way gave up. */
  static List<Node> all(String text, int nestingLimit, int maxChars) {
    return BlockYaml.read(text, new NodeTrees(), nestingLimit / 2, maxChars);
  }

  private static Mark mark(int line, int column) {
    return new Mark("reader", 0, line, column, NO_TEXT, 0);
  }

  private static DumperOptions.FlowStyle style(boolean flow) {
    return flow ? DumperOptions.FlowStyle.FLOW : DumperOptions.FlowStyle.BLOCK;
  }

  @Override
  public void document(int index, int line) {
    // positions are on the nodes
  }

  @Override
  public Node mapping(int line, int column, boolean flow) {
    Mark at = mark(line, column);
    return new MappingNode(Tag.MAP, true, new ArrayList<>(), at, at, style(flow));
  }

  @Override
  public Node sequence(int line, int column, boolean flow) {
    Mark at = mark(line, column);
    return new SequenceNode(Tag.SEQ, true, new ArrayList<>(), at, at, style(flow));
  }

  @Override
  public Node scalar(String value, char quote, int line, int column) {
    Mark at = mark(line, column);
    if (quote == BlockYaml.PLAIN) {
      return new ScalarNode(
          SafeYamlLoader.resolve(value), true, value, at, at, DumperOptions.ScalarStyle.PLAIN);
    }
    DumperOptions.ScalarStyle style =
        quote == '"'
            ? DumperOptions.ScalarStyle.DOUBLE_QUOTED
            : DumperOptions.ScalarStyle.SINGLE_QUOTED;
    return new ScalarNode(Tag.STR, true, value, at, at, style);
  }

  @Override
  public Node empty(int line, int column) {
    Mark at = mark(line, column);
    return new ScalarNode(Tag.NULL, true, "", at, at, DumperOptions.ScalarStyle.PLAIN);
  }

  @Override
  public Node key(Node mapping, String key, char quote, int line, int column) {
    return scalar(key, quote, line, column);
  }

  @Override
  public void put(Node mapping, String key, Node keyNode, Node value) {
    ((MappingNode) mapping).getValue().add(new NodeTuple(keyNode, value));
  }

  @Override
  public void add(Node sequence, Node item) {
    ((SequenceNode) sequence).getValue().add(item);
  }
}
