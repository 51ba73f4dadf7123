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

  /** Thrown (without a stack) to give up; the caller falls back to SnakeYAML. */
  private static final class GiveUp extends RuntimeException {
    private static final long serialVersionUID = 1L;

    GiveUp() {
      super(null, null, false, false);
    }
  }

  private static final GiveUp GIVE_UP = new GiveUp();

  private final String text;
  private final Builder<N> builder;

  /** Deeper nesting (block and flow together) is left to SnakeYAML, which enforces its limit. */
  private final int maxDepth;

  /** Start offset of every line. */
  private int[] starts;

  /** Offset of each line's end (its newline or the end of the text). */
  private int[] ends;

  /** Leading spaces of each line, or -1 for a line with only spaces or a comment. */
  private int[] indents;

  /** The first line the current document does not own. */
  private int documentEnd;

  /** The first line not yet read. */
  private int next;

  private BlockYaml(String text, Builder<N> builder, int maxDepth) {
    this.text = text;
    this.builder = builder;
    this.maxDepth = maxDepth;
  }

  /**
   * The documents of {@code text} built by {@code builder}, or null if the text is not in the
   * subset this reader is sure of (what the builder made is then to be thrown away). {@code
   * maxDepth} and {@code maxChars} must stay below the limits SnakeYAML applies to the same text.
   */
  public static <N> List<N> read(String text, Builder<N> builder, int maxDepth, int maxChars) {
    if (text.length() >= maxChars || !plainAscii(text)) {
      return null;
    }
    try {
      return new BlockYaml<>(text, builder, maxDepth).documents();
    } catch (GiveUp e) {
      return null;
    }
  }

  /** Only newlines and printable ASCII: no tab, carriage return, byte-order mark or non-ASCII. */
  private static boolean plainAscii(String text) {
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if ((c < ' ' && c != '\n') || c > '~') {
        return false;
      }
    }
    return true;
  }

  private List<N> documents() {
    splitLines();
    int lineCount = indents.length;
    List<N> roots = new ArrayList<>();
    int first = 0;
    boolean explicit = false;
    for (int line = 0; line <= lineCount; line++) {
      boolean separator = line < lineCount && separator(line);
      if (line == lineCount || separator) {
        if (explicit || firstContent(first, line) >= 0) {
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
    int start = firstContent(first, end);
    if (start < 0) {
      throw GIVE_UP; // an empty document: SnakeYAML knows where its null node starts
    }
    builder.document(index, start);
    N root = block(start, indents[start], 0);
    if (firstContent(next, end) >= 0) {
      throw GIVE_UP;
    }
    return root;
  }

  private void splitLines() {
    int count = 1;
    for (int i = 0, n = text.length(); i < n; i++) {
      if (text.charAt(i) == '\n') {
        count++;
      }
    }
    if (text.endsWith("\n")) {
      count--; // no line after the last newline
    }
    starts = new int[count];
    ends = new int[count];
    indents = new int[count];
    int offset = 0;
    for (int line = 0; line < count; line++) {
      int end = text.indexOf('\n', offset);
      end = end < 0 ? text.length() : end;
      starts[line] = offset;
      ends[line] = end;
      int column = offset;
      while (column < end && text.charAt(column) == ' ') {
        column++;
      }
      indents[line] = column == end || text.charAt(column) == '#' ? -1 : column - offset;
      if (column - offset == 0 && column < end) {
        checkColumnZero(offset, end);
      }
      offset = end + 1;
    }
  }

  /** Directives and document end markers are left to SnakeYAML. */
  private void checkColumnZero(int start, int end) {
    char c = text.charAt(start);
    if (c == '%' || (c == '.' && text.startsWith("...", start))) {
      throw GIVE_UP;
    }
  }

  /**
   * Whether {@code line} is a document separator: "---" alone or followed by a comment. Content
   * after the marker on the same line is left to SnakeYAML.
   */
  private boolean separator(int line) {
    int start = starts[line];
    int end = ends[line];
    if (end - start < 3 || !text.startsWith("---", start)) {
      return false;
    }
    if (end - start == 3) {
      return true;
    }
    if (text.charAt(start + 3) != ' ') {
      return false; // "---x" is a plain scalar
    }
    int column = skipSpaces(start + 3, end);
    if (column < end && text.charAt(column) != '#') {
      throw GIVE_UP;
    }
    return true;
  }

  /** The first line in [from, end) with content, or -1. */
  private int firstContent(int from, int end) {
    for (int line = from; line < end; line++) {
      if (indents[line] >= 0) {
        return line;
      }
    }
    return -1;
  }

  private int skipSpaces(int offset, int end) {
    while (offset < end && text.charAt(offset) == ' ') {
      offset++;
    }
    return offset;
  }

  /** The block node whose first token is at {@code line}, {@code column}. */
  private N block(int line, int column, int depth) {
    if (depth > maxDepth) {
      throw GIVE_UP;
    }
    if (sequenceEntry(line, column)) {
      return sequence(line, column, depth);
    }
    return mapping(line, column, depth);
  }

  /** Whether a "-" followed by a space or the line's end is at {@code column} of {@code line}. */
  private boolean sequenceEntry(int line, int column) {
    int offset = starts[line] + column;
    return offset < ends[line]
        && text.charAt(offset) == '-'
        && (offset + 1 == ends[line] || text.charAt(offset + 1) == ' ');
  }

  private N sequence(int line, int column, int depth) {
    N array = builder.sequence(line, column, false);
    int current = line;
    while (true) {
      int end = ends[current];
      int offset = skipSpaces(starts[current] + column + 1, end);
      N item;
      if (offset == end || text.charAt(offset) == '#') {
        item = nestedOrNull(current, column, column + 1, depth, false);
      } else {
        int itemColumn = offset - starts[current];
        if (sequenceEntry(current, itemColumn)) {
          throw GIVE_UP; // "- - x"
        }
        item =
            keyEnd(offset, end) >= 0
                ? mapping(current, itemColumn, depth + 1)
                : inlineValue(current, offset, column, depth + 1);
      }
      builder.add(array, item);
      int following = firstContent(next, documentEnd);
      if (following < 0 || indents[following] < column) {
        return array;
      }
      if (indents[following] > column) {
        throw GIVE_UP;
      }
      if (!sequenceEntry(following, column)) {
        return array; // the parent mapping goes on, or the document checks what is left
      }
      current = following;
    }
  }

  private N mapping(int line, int column, int depth) {
    if (depth > maxDepth) {
      throw GIVE_UP;
    }
    N object = builder.mapping(line, column, false);
    int current = line;
    while (true) {
      int keyStart = starts[current] + column;
      int end = ends[current];
      int colon = keyEnd(keyStart, end);
      if (colon < 0) {
        throw GIVE_UP;
      }
      String key = keyText(keyStart, colon);
      N keyNode = builder.key(object, key, quoteOf(keyStart), current, column);
      int offset = skipSpaces(colon + 1, end);
      N value =
          offset == end || text.charAt(offset) == '#'
              ? nestedOrNull(current, column, colon + 1 - starts[current], depth, true)
              : inlineValue(current, offset, column, depth + 1);
      builder.put(object, key, keyNode, value);
      int following = firstContent(next, documentEnd);
      if (following < 0 || indents[following] < column) {
        return object;
      }
      if (indents[following] > column) {
        throw GIVE_UP;
      }
      if (sequenceEntry(following, column)) {
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
    int following = firstContent(line + 1, documentEnd);
    if (following >= 0 && indents[following] > column) {
      return block(following, indents[following], depth + 1);
    }
    if (following >= 0
        && mappingValue
        && indents[following] == column
        && sequenceEntry(following, column)) {
      return sequence(following, column, depth + 1);
    }
    next = line + 1;
    return builder.empty(line, emptyColumn);
  }

  /**
   * The offset of the ":" that ends a key starting at {@code offset} (followed by a space or the
   * line's end), or -1 if no key of the accepted shapes starts there: a plain key of letters,
   * digits and ._/- starting with a letter, digit, _ or a dash that one of them follows, or a
   * quoted key without escapes.
   */
  private int keyEnd(int offset, int end) {
    char first = text.charAt(offset);
    int colon;
    if (first == '"' || first == '\'') {
      int close = quoteEnd(offset, end);
      colon = close < 0 ? -1 : close + 1;
    } else {
      // A key may start with "-" when a letter, digit, _ or - follows ("--port:"); "- " is a
      // sequence entry and was told apart before.
      boolean dashed =
          first == '-'
              && offset + 1 < end
              && (keyStart(text.charAt(offset + 1)) || text.charAt(offset + 1) == '-');
      if (!keyStart(first) && !dashed) {
        return -1;
      }
      colon = offset + 1;
      while (colon < end && keyPart(text.charAt(colon))) {
        colon++;
      }
    }
    if (colon < 0
        || colon >= end
        || text.charAt(colon) != ':'
        || (colon + 1 < end && text.charAt(colon + 1) != ' ')) {
      return -1;
    }
    return colon;
  }

  private static boolean keyStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }

  private static boolean keyPart(char c) {
    return keyStart(c) || c == '.' || c == '/' || c == '-';
  }

  private String keyText(int start, int colon) {
    char first = text.charAt(start);
    String key =
        first == '"' || first == '\''
            ? unquote(start, colon - 1, first)
            : text.substring(start, colon);
    if (key.equals("<<")) {
      throw GIVE_UP; // a merge key
    }
    return key;
  }

  /** The quote that opens the scalar at {@code offset}, or {@link #PLAIN}. */
  private char quoteOf(int offset) {
    char c = text.charAt(offset);
    return c == '"' || c == '\'' ? c : PLAIN;
  }

  /** One past a flow mapping's key that starts at {@code offset}: quoted, or plain. */
  private int flowKeyEnd(int offset, int end) {
    char first = text.charAt(offset);
    if (first == '"' || first == '\'') {
      int close = quoteEnd(offset, end);
      if (close < 0) {
        throw GIVE_UP;
      }
      return close + 1;
    }
    int stop = offset;
    while (stop < end && flowPlain(text.charAt(stop))) {
      stop++;
    }
    if (stop == offset || (first == '-' && stop == offset + 1)) {
      throw GIVE_UP;
    }
    return stop;
  }

  /**
   * The offset of the quote that closes the scalar opened at {@code open}, on the same line, or -1:
   * single quotes may double inside, and a double-quoted scalar with an escape is not accepted.
   */
  private int quoteEnd(int open, int end) {
    char quote = text.charAt(open);
    for (int i = open + 1; i < end; i++) {
      char c = text.charAt(i);
      if (quote == '"' && c == '\\') {
        return -1;
      }
      if (c == quote) {
        if (quote == '\'' && i + 1 < end && text.charAt(i + 1) == '\'') {
          i++;
          continue;
        }
        return i;
      }
    }
    return -1;
  }

  private String unquote(int open, int close, char quote) {
    String inner = text.substring(open + 1, close);
    return quote == '\'' ? inner.replace("''", "'") : inner;
  }

  /**
   * A value written on the line of its key or dash, starting at {@code offset}; what follows on
   * later lines must not be indented deeper than {@code column} (that would make it a multi-line
   * scalar, or an error).
   */
  private N inlineValue(int line, int offset, int column, int depth) {
    int end = ends[line];
    char first = text.charAt(offset);
    N value;
    int after;
    if (first == '"' || first == '\'') {
      int close = quoteEnd(offset, end);
      if (close < 0) {
        throw GIVE_UP;
      }
      value = builder.scalar(unquote(offset, close, first), first, line, offset - starts[line]);
      after = close + 1;
    } else if (first == '{' || first == '[') {
      value = flow(line, offset, end, depth);
      after = flowEnd;
    } else {
      if (!plainStart(offset, end)) {
        throw GIVE_UP;
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
        throw GIVE_UP;
      }
      value = builder.scalar(plain, PLAIN, line, offset - starts[line]);
    }
    int rest = skipSpaces(after, end);
    if (rest < end && (text.charAt(rest) != '#' || rest == after)) {
      throw GIVE_UP;
    }
    next = line + 1;
    int following = firstContent(next, documentEnd);
    if (following >= 0 && indents[following] > column) {
      throw GIVE_UP;
    }
    return value;
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
      throw GIVE_UP;
    }
    char first = text.charAt(offset);
    if (first == '"' || first == '\'') {
      int close = quoteEnd(offset, end);
      if (close < 0) {
        throw GIVE_UP;
      }
      flowEnd = close + 1;
      return builder.scalar(unquote(offset, close, first), first, line, offset - starts[line]);
    }
    if (first != '{' && first != '[') {
      int stop = offset;
      while (stop < end && flowPlain(text.charAt(stop))) {
        stop++;
      }
      if (stop == offset || (first == '-' && stop == offset + 1)) {
        throw GIVE_UP;
      }
      String plain = text.substring(offset, stop);
      flowEnd = stop;
      return builder.scalar(plain, PLAIN, line, offset - starts[line]);
    }
    boolean mapping = first == '{';
    char close = mapping ? '}' : ']';
    int column = offset - starts[line];
    N collection =
        mapping ? builder.mapping(line, column, true) : builder.sequence(line, column, true);
    int at = skipSpaces(offset + 1, end);
    if (at < end && text.charAt(at) == close) {
      flowEnd = at + 1;
      return collection;
    }
    while (true) {
      if (at >= end) {
        throw GIVE_UP;
      }
      if (mapping) {
        int keyStart = at;
        if (text.charAt(keyStart) == '{' || text.charAt(keyStart) == '[') {
          throw GIVE_UP;
        }
        at = flowKeyEnd(keyStart, end);
        if (at + 1 >= end || text.charAt(at) != ':' || text.charAt(at + 1) != ' ') {
          throw GIVE_UP;
        }
        String key = keyText(keyStart, at);
        N keyNode = builder.key(collection, key, quoteOf(keyStart), line, keyStart - starts[line]);
        builder.put(collection, key, keyNode, flow(line, skipSpaces(at + 1, end), end, depth + 1));
      } else {
        builder.add(collection, flow(line, at, end, depth + 1));
      }
      at = skipSpaces(flowEnd, end);
      if (at < end && text.charAt(at) == close) {
        flowEnd = at + 1;
        return collection;
      }
      if (at >= end || text.charAt(at) != ',') {
        throw GIVE_UP;
      }
      at = skipSpaces(at + 1, end);
      if (at < end && (text.charAt(at) == close || text.charAt(at) == ',')) {
        throw GIVE_UP;
      }
    }
  }

  /** A character of a plain scalar inside a flow collection, as this reader accepts them. */
  private static boolean flowPlain(char c) {
    return keyPart(c);
  }

  /**
   * Whether a plain scalar may start at {@code offset}: not with an indicator, except a "-" that a
   * non-space follows ("--port", "-1").
   */
  private boolean plainStart(int offset, int end) {
    char c = text.charAt(offset);
    if (c == '-') {
      return offset + 1 < end && text.charAt(offset + 1) != ' ';
    }
    return "?:,[]{}#&*!|>'\"%@`".indexOf(c) < 0;
  }
}
