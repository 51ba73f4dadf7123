package io.github.kvchart.aibrix.core.manifest;

import io.github.kvchart.aibrix.core.Digits;
import io.github.kvchart.aibrix.core.yaml.SafeYamlLoader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Finds the line and column of a node in a YAML file, by JSON pointer, by reading the file's node
 * trees again with the parse's own reader options (the short way when the text allows it, else
 * SnakeYAML's composer; the values come from the parse, whose JSON trees keep no positions). It
 * runs only for documents that have a violation, so a clean file costs nothing. A member is located
 * at its key, an array element at its first token.
 */
public final class PositionFinder {
  private final LoaderOptions options;
  private final String text;
  private final int firstDocument;
  private final int lineOffset;
  private int[] documentLines;
  private final boolean single; // holds one document's lines (made by only)
  private volatile Alone last; // the document read last (a file's documents are checked in turn)

  /**
   * Characters from which a finder holding one document keeps its node tree between pointers: a
   * kept List whose items the contract rules report on. Smaller documents are read again, so the
   * documents kept for the contract do not each keep a tree.
   */
  static final int KEEP_FROM = 16 * 1024;

  /**
   * A finder that already knows each document's first line (1-based), as a parse with {@code
   * options} found them.
   */
  public PositionFinder(LoaderOptions options, String text, int[] documentLines) {
    this(options, text, 0, 0, false);
    this.documentLines = documentLines.clone();
  }

  private PositionFinder(
      LoaderOptions options, String text, int firstDocument, int lineOffset, boolean single) {
    this.options = options;
    this.single = single;
    this.text = text;
    this.firstDocument = firstDocument;
    this.lineOffset = lineOffset;
  }

  /**
   * A finder for document {@code document} alone, holding only that document's lines (so a kept
   * document does not keep its whole file in memory); positions stay those of the file.
   */
  public synchronized PositionFinder only(int document) {
    int[] lines = documentLines();
    int local = document - firstDocument;
    if (local < 0 || local >= lines.length) {
      return this;
    }
    int start = lineStart(lines[local]);
    int end = local + 1 < lines.length ? lineStart(lines[local + 1]) : text.length();
    if (start < 0 || end < start) {
      return this;
    }
    end = contentEnd(text, start, end);
    return new PositionFinder(
        options, text.substring(start, end), document, lineOffset + lines[local] - 1, true);
  }

  /**
   * {@code end} moved back over the lines that close a document or open the next: markers ({@code
   * ---}, {@code ...}), directives, comments and blank lines. None of them starts a node, so no
   * position changes, and the document alone is plain YAML the short way reads.
   */
  static int contentEnd(String text, int start, int end) {
    int lineEnd = end;
    while (lineEnd > start) {
      int lineStart = Math.max(start, text.lastIndexOf('\n', lineEnd - 2) + 1);
      if (lineStart == start) {
        break; // the document's first line holds its first token
      }
      String line = text.substring(lineStart, lineEnd).strip();
      if (line.isEmpty()
          || line.startsWith("#")
          || marker(text, lineStart, "---")
          || marker(text, lineStart, "...")
          || text.charAt(lineStart) == '%') {
        lineEnd = lineStart;
      } else {
        break;
      }
    }
    return lineEnd;
  }

  /** Whether a document marker starts at {@code at} (followed by a space, a tab or a line end). */
  private static boolean marker(String text, int at, String marker) {
    if (!text.startsWith(marker, at)) {
      return false;
    }
    int next = at + marker.length();
    return next == text.length() || " \t\r\n".indexOf(text.charAt(next)) >= 0;
  }

  /** The line (1-based) of each document's first token, found in one scan. */
  private int[] documentLines() {
    if (documentLines == null) {
      List<Integer> found = new ArrayList<>();
      try {
        for (Iterator<Node> roots = roots(); roots.hasNext(); ) {
          found.add(roots.next().getStartMark().getLine() + 1);
        }
      } catch (RuntimeException e) {
        // positions of what was read so far still hold
      }
      documentLines = found.stream().mapToInt(Integer::intValue).toArray();
    }
    return documentLines;
  }

  private int[] lineStarts;

  /** The char index where 1-based {@code line} starts, or -1 (line offsets found once). */
  private int lineStart(int line) {
    if (lineStarts == null) {
      int count = 1;
      for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
        count++;
      }
      int[] starts = new int[count];
      int next = 1;
      for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
        starts[next++] = i + 1;
      }
      lineStarts = starts;
    }
    return line >= 1 && line <= lineStarts.length ? lineStarts[line - 1] : -1;
  }

  /**
   * {line, column} (1-based) of {@code pointer} in document {@code document}; {0, 0} if unknown.
   * Only that document's lines are read again when the file holds several, and the last document
   * read is kept for the next pointer (the items of a List, each with a violation, are located in
   * one reading), so locating stays linear in the file's size. The whole text is read when the
   * document alone cannot be (a %TAG directive before it, say).
   */
  public int[] locate(int document, String pointer) {
    if (!single || text.length() >= KEEP_FROM) {
      Alone alone = last;
      if (alone == null || alone.document() != document) {
        alone = readAlone(document);
        last = alone;
      }
      if (alone.root() != null) {
        return position(alone.root(), pointer, alone.lineOffset());
      }
    }
    try {
      Iterator<Node> roots = roots();
      for (int current = firstDocument; roots.hasNext(); current++) {
        Node root = roots.next();
        if (current >= document) {
          return position(root, pointer, lineOffset);
        }
      }
    } catch (RuntimeException e) {
      // fall through: the position is unknown, the violation still stands
    }
    return new int[] {0, 0};
  }

  /** One document's node tree, read from its own lines; a null root when it cannot be. */
  private record Alone(int document, Node root, int lineOffset) {}

  /**
   * Document {@code document} read from its own lines: this finder's text when it holds that one
   * document alone, else the lines {@link #only} cuts from the file.
   */
  private Alone readAlone(int document) {
    PositionFinder alone = single ? this : only(document);
    boolean cut = single ? document == firstDocument : alone != this;
    if (cut) {
      try {
        Iterator<Node> roots = alone.roots();
        if (roots.hasNext()) {
          return new Alone(document, roots.next(), alone.lineOffset);
        }
      } catch (RuntimeException e) {
        // read in the whole text instead
      }
    }
    return new Alone(document, null, 0);
  }

  private static int[] position(Node root, String pointer, int lineOffset) {
    Mark found = descend(root, segments(pointer), 0, root.getStartMark());
    return new int[] {found.getLine() + 1 + lineOffset, found.getColumn() + 1};
  }

  /**
   * The documents' node trees: the short way reads them all at once; the composer reads them one by
   * one, so that a broken later document does not hide the position in an earlier one.
   */
  private Iterator<Node> roots() {
    List<Node> shortWay = SafeYamlLoader.shortWay(text, options);
    if (shortWay != null) {
      return shortWay.iterator();
    }
    Composer composer = SafeYamlLoader.composer(text, options);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return composer.checkNode();
      }

      @Override
      public Node next() {
        return composer.getNode();
      }
    };
  }

  /** The deepest position along {@code path} reachable from {@code node}. */
  private static Mark descend(Node node, List<String> path, int depth, Mark best) {
    if (depth == path.size()) {
      return best;
    }
    String segment = path.get(depth);
    if (node instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals(segment)) {
          return descend(tuple.getValueNode(), path, depth + 1, key.getStartMark());
        }
      }
    } else if (node instanceof SequenceNode sequence) {
      int wanted = Digits.value(segment, 9);
      if (wanted >= 0 && wanted < sequence.getValue().size()) {
        Node element = sequence.getValue().get(wanted);
        return descend(element, path, depth + 1, element.getStartMark());
      }
    }
    return best;
  }

  static List<String> segments(String pointer) {
    List<String> parts = new ArrayList<>();
    if (pointer == null || pointer.isEmpty()) {
      return parts;
    }
    for (String part : pointer.substring(1).split("/", -1)) {
      parts.add(part.replace("~1", "/").replace("~0", "~"));
    }
    return parts;
  }
}
