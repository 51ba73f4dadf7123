package io.github.kvchart.aibrix.core.yaml;

import java.util.ArrayList;
import java.util.List;

/**
 * The short way through the YAML nearly every manifest and configuration file is written in:
 * printable ASCII, block mappings and sequences, one-line plain and quoted scalars, one-line flow
 * collections of simple scalars, comments and {@code ---} between documents. It reads the text line
 * by line straight into a {@link Builder}'s trees (JSON trees for validation, SnakeYAML nodes for
 * the files read with positions), and gives up (returns null) at the first thing outside that
 * subset: tabs, non-ASCII, anchors, aliases, tags, block and multi-line scalars, flow collections
 * beyond the simple ones, escapes, directives, empty documents, anything unusual in a key, and
 * every syntax error. SnakeYAML then reads the text as before, so what this reader accepts it must
 * read exactly as SnakeYAML's composer does ({@code JsonTreesTest} and {@code NodeTreesTest}
 * compare both on every YAML file of the project and on thousands of mutations of them), and what
 * it is unsure of it leaves to SnakeYAML.
 *
 * <p>Why it exists: in a cold JVM SnakeYAML's reader, scanner, parser and composer (three object
 * layers per token, a hundred classes) are most of a short run, since the JIT compilers spend it
 * compiling them. This reader is one small loop over lines.
 *
 * @param <N> the node type the builder makes
 */
public final class BlockYaml<N> {
  /** The quote character {@link Builder#scalar} gets for a plain scalar. */
  public static final char PLAIN = 0;

  /** What the reader makes of the text: positions are 0-based lines and columns. */
  public interface Builder<N> {
    /** Document {@code index} starts; its root's first token is on {@code line}. */
    void document(int index, int line);

    N mapping(int line, int column, boolean flow);

    N sequence(int line, int column, boolean flow);

    /** A scalar as written: {@code quote} is {@link #PLAIN}, {@code '\''} or {@code '"'}. */
    N scalar(String value, char quote, int line, int column);

    /** The empty (null) value of a ":" or "-" with nothing after it, just after that indicator. */
    N empty(int line, int column);

    /** A key of {@code mapping}, before its value is read; then {@link #put} gets both. */
    N key(N mapping, String key, char quote, int line, int column);

    void put(N mapping, String key, N keyNode, N value);

    void add(N sequence, N item);
  }

  private final String text;
  private final YamlLines lines;
  private final Builder<N> builder;

  /** Deeper nesting (block and flow together) is left to SnakeYAML, which enforces its limit. */
  private final int maxDepth;

  /** The first line the current document does not own. */
  private int documentEnd;

  /** The first line not yet read. */
  private int next;

  private BlockYaml(String text, Builder<N> builder, int maxDepth) {
    this.text = text;
    this.lines = new YamlLines(text);
    this.builder = builder;
    this.maxDepth = maxDepth;
  }

  /**
   * The documents of {@code text} built by {@code builder}, or null if the text is not in the
   * subset this reader is sure of (what the builder made is then to be thrown away). {@code
   * maxDepth} and {@code maxChars} must stay below the limits SnakeYAML applies to the same text.
   */
  public static <N> List<N> read(String text, Builder<N> builder, int maxDepth, int maxChars) {
    if (text.length() >= maxChars || !YamlLines.plainAscii(text)) {
      return null;
    }
    try {
      return new BlockYaml<>(text, builder, maxDepth).documents();
    } catch (YamlLines.GiveUp e) {
      return null;
    }
  }

  private List<N> documents() {
    int lineCount = lines.indents.length;
    List<N> roots = new ArrayList<>();
    int first = 0;
    boolean explicit = false;
    for (int line = 0; line <= lineCount; line++) {
      boolean separator = line < lineCount && lines.separator(line);
      if (line == lineCount || separator) {
        if (explicit || lines.firstContent(first, line) >= 0) {
          roots.add(document(roots.size(), first, line));
        }
        first = line + 1;
        explicit = separator;
      }
    }
    return roots;
  }

  /** Document {@code index} over lines [first, end): a block mapping or sequence, nothing after. */
  private N document(int index, int first, int end) {
    documentEnd = end;
    int start = lines.firstContent(first, end);
    if (start < 0) {
      throw YamlLines.GIVE_UP; // an empty document: SnakeYAML knows where its null node starts
    }
    builder.document(index, start);
    N root = block(start, lines.indents[start], 0);
    if (lines.firstContent(next, end) >= 0) {
      throw YamlLines.GIVE_UP;
    }
    return root;
  }

  /** The block node whose first token is at {@code line}, {@code column}. */
  private N block(int line, int column, int depth) {
    if (depth > maxDepth) {
      throw YamlLines.GIVE_UP;
    }
    if (lines.sequenceEntry(line, column)) {
      return sequence(line, column, depth);
    }
    return mapping(line, column, depth);
  }

  private N sequence(int line, int column, int depth) {
    N array = builder.sequence(line, column, false);
    int current = line;
    while (true) {
      int end = lines.ends[current];
      int offset = lines.skipSpaces(lines.starts[current] + column + 1, end);
      N item;
      if (offset == end || text.charAt(offset) == '#') {
        item = nestedOrNull(current, column, column + 1, depth, false);
      } else {
        int itemColumn = offset - lines.starts[current];
        if (lines.sequenceEntry(current, itemColumn)) {
          throw YamlLines.GIVE_UP; // "- - x"
        }
        item =
            lines.keyEnd(offset, end) >= 0
                ? mapping(current, itemColumn, depth + 1)
                : inlineValue(current, offset, column, depth + 1);
      }
      builder.add(array, item);
      int following = lines.firstContent(next, documentEnd);
      if (following < 0 || lines.indents[following] < column) {
        return array;
      }
      if (lines.indents[following] > column) {
        throw YamlLines.GIVE_UP;
      }
      if (!lines.sequenceEntry(following, column)) {
        return array; // the parent mapping goes on, or the document checks what is left
      }
      current = following;
    }
  }

  private N mapping(int line, int column, int depth) {
    if (depth > maxDepth) {
      throw YamlLines.GIVE_UP;
    }
    N object = builder.mapping(line, column, false);
    int current = line;
    while (true) {
      int keyStart = lines.starts[current] + column;
      int end = lines.ends[current];
      int colon = lines.keyEnd(keyStart, end);
      if (colon < 0) {
        throw YamlLines.GIVE_UP;
      }
      String key = keyText(keyStart, colon);
      N keyNode = builder.key(object, key, lines.quoteOf(keyStart), current, column);
      int offset = lines.skipSpaces(colon + 1, end);
      N value =
          offset == end || text.charAt(offset) == '#'
              ? nestedOrNull(current, column, colon + 1 - lines.starts[current], depth, true)
              : inlineValue(current, offset, column, depth + 1);
      builder.put(object, key, keyNode, value);
      int following = lines.firstContent(next, documentEnd);
      if (following < 0 || lines.indents[following] < column) {
        return object;
      }
      if (lines.indents[following] > column) {
        throw YamlLines.GIVE_UP;
      }
      if (lines.sequenceEntry(following, column)) {
        return object; // a sequence entry at the key's column is the parent's (or an error)
      }
      current = following;
    }
  }

  /**
   * The value on the lines after {@code line} for an entry at {@code column}: a block indented
   * deeper, a sequence at the same column (only as a mapping value), or an empty scalar just after
   * the entry's ":" or "-" (at {@code emptyColumn}).
   */
  private N nestedOrNull(int line, int column, int emptyColumn, int depth, boolean mappingValue) {
    int following = lines.firstContent(line + 1, documentEnd);
    if (following >= 0 && lines.indents[following] > column) {
      return block(following, lines.indents[following], depth + 1);
    }
    if (following >= 0
        && mappingValue
        && lines.indents[following] == column
        && lines.sequenceEntry(following, column)) {
      return sequence(following, column, depth + 1);
    }
    next = line + 1;
    return builder.empty(line, emptyColumn);
  }

  private String keyText(int start, int colon) {
    String key = lines.scalarText(start, colon);
    if (key.equals("<<")) {
      throw YamlLines.GIVE_UP; // a merge key
    }
    return key;
  }

  /**
   * A value written on the line of its key or dash, starting at {@code offset}; what follows on
   * later lines must not be indented deeper than {@code column} (that would make it a multi-line
   * scalar, or an error).
   */
  private N inlineValue(int line, int offset, int column, int depth) {
    int end = lines.ends[line];
    char first = text.charAt(offset);
    N value;
    int after;
    if (first == '"' || first == '\'') {
      after = lines.quotedEnd(offset, end);
      value = scalar(line, offset, after);
    } else if (first == '{' || first == '[') {
      value = flow(line, offset, end, depth);
      after = flowEnd;
    } else {
      if (!lines.plainStart(offset, end)) {
        throw YamlLines.GIVE_UP;
      }
      after = offset;
      while (after < end && !(text.charAt(after) == '#' && text.charAt(after - 1) == ' ')) {
        after++;
      }
      while (text.charAt(after - 1) == ' ') {
        after--;
      }
      String plain = text.substring(offset, after);
      if (plain.endsWith(":") || plain.contains(": ")) {
        throw YamlLines.GIVE_UP;
      }
      value = builder.scalar(plain, PLAIN, line, offset - lines.starts[line]);
    }
    int rest = lines.skipSpaces(after, end);
    if (rest < end && (text.charAt(rest) != '#' || rest == after)) {
      throw YamlLines.GIVE_UP;
    }
    next = line + 1;
    int following = lines.firstContent(next, documentEnd);
    if (following >= 0 && lines.indents[following] > column) {
      throw YamlLines.GIVE_UP;
    }
    return value;
  }

  /** The scalar written from {@code offset} to {@code end} on {@code line}, quoted or plain. */
  private N scalar(int line, int offset, int end) {
    return builder.scalar(
        lines.scalarText(offset, end), lines.quoteOf(offset), line, offset - lines.starts[line]);
  }

  /** One past the flow collection or scalar {@link #flow} read last. */
  private int flowEnd;

  /**
   * A flow collection ({@code {a: 1, b: [x, "y"]}}) or a scalar inside one, starting at {@code
   * offset} and closed on the same line. Entries are separated by a comma; keys are plain or quoted
   * and followed by ": "; plain scalars are letters, digits and ._/- only. Anything else (an entry
   * without a value, a trailing comma, a pair inside a list, spaces in a plain scalar, a collection
   * over several lines) is left to SnakeYAML.
   */
  private N flow(int line, int offset, int end, int depth) {
    if (depth > maxDepth || offset >= end) {
      throw YamlLines.GIVE_UP;
    }
    char first = text.charAt(offset);
    if (first != '{' && first != '[') {
      flowEnd = lines.flowScalarEnd(offset, end);
      return scalar(line, offset, flowEnd);
    }
    boolean mapping = first == '{';
    char close = mapping ? '}' : ']';
    int column = offset - lines.starts[line];
    N collection =
        mapping ? builder.mapping(line, column, true) : builder.sequence(line, column, true);
    int at = lines.skipSpaces(offset + 1, end);
    if (at < end && text.charAt(at) == close) {
      flowEnd = at + 1;
      return collection;
    }
    while (true) {
      if (at >= end) {
        throw YamlLines.GIVE_UP;
      }
      if (mapping) {
        int keyStart = at;
        if (text.charAt(keyStart) == '{' || text.charAt(keyStart) == '[') {
          throw YamlLines.GIVE_UP;
        }
        at = lines.flowScalarEnd(keyStart, end);
        if (at + 1 >= end || text.charAt(at) != ':' || text.charAt(at + 1) != ' ') {
          throw YamlLines.GIVE_UP;
        }
        String key = keyText(keyStart, at);
        N keyNode =
            builder.key(
                collection, key, lines.quoteOf(keyStart), line, keyStart - lines.starts[line]);
        builder.put(
            collection, key, keyNode, flow(line, lines.skipSpaces(at + 1, end), end, depth + 1));
      } else {
        builder.add(collection, flow(line, at, end, depth + 1));
      }
      at = lines.skipSpaces(flowEnd, end);
      if (at < end && text.charAt(at) == close) {
        flowEnd = at + 1;
        return collection;
      }
      if (at >= end || text.charAt(at) != ',') {
        throw YamlLines.GIVE_UP;
      }
      at = lines.skipSpaces(at + 1, end);
      if (at < end && (text.charAt(at) == close || text.charAt(at) == ',')) {
        throw YamlLines.GIVE_UP;
      }
    }
  }
}
