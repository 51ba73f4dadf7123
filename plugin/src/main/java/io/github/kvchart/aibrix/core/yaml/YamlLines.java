package io.github.kvchart.aibrix.core.yaml;

/**
 * The text {@link BlockYaml} reads, as lines (where each starts and ends, how far it is indented,
 * which are blank or comments, which separate documents), and the shapes of the tokens it accepts
 * (keys, quoted and plain scalars), found on the text without building anything. Whatever falls
 * outside those shapes throws {@link #GIVE_UP}.
 */
final class YamlLines {
  /** Thrown (without a stack) to give up; the caller falls back to SnakeYAML. */
  static final class GiveUp extends RuntimeException {
    private static final long serialVersionUID = 1L;

    GiveUp() {
      super(null, null, false, false);
    }
  }

  static final GiveUp GIVE_UP = new GiveUp();

  /** The escapes of a double-quoted scalar this reader unescapes, and what each stands for. */
  private static final String ESCAPES = "\"\\ntr";

  private static final String ESCAPED = "\"\\\n\t\r";

  final String text;

  /** Start offset of every line. */
  final int[] starts;

  /** Offset of each line's end (its newline or the end of the text). */
  final int[] ends;

  /** Leading spaces of each line, or -1 for a line with only spaces or a comment. */
  final int[] indents;

  /** Only newlines and printable ASCII: no tab, carriage return, byte-order mark or non-ASCII. */
  static boolean plainAscii(String text) {
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if ((c < ' ' && c != '\n') || c > '~') {
        return false;
      }
    }
    return true;
  }

  /** The lines of {@code text}; a directive or a document end marker gives up. */
  YamlLines(String text) {
    this.text = text;
    int count = 1;
    for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      count++;
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
  boolean separator(int line) {
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
  int firstContent(int from, int end) {
    for (int line = from; line < end; line++) {
      if (indents[line] >= 0) {
        return line;
      }
    }
    return -1;
  }

  int skipSpaces(int offset, int end) {
    while (offset < end && text.charAt(offset) == ' ') {
      offset++;
    }
    return offset;
  }

  /** Whether a "-" followed by a space or the line's end is at {@code column} of {@code line}. */
  boolean sequenceEntry(int line, int column) {
    int offset = starts[line] + column;
    return offset < ends[line]
        && text.charAt(offset) == '-'
        && (offset + 1 == ends[line] || text.charAt(offset + 1) == ' ');
  }

  /**
   * The offset of the ":" that ends a key starting at {@code offset} (followed by a space or the
   * line's end), or -1 if no key of the accepted shapes starts there: a plain key of letters,
   * digits and ._/- starting with a letter, digit, _ or a dash that one of them follows, or a
   * one-line quoted key (see {@link #quoteEnd}).
   */
  int keyEnd(int offset, int end) {
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

  /** The quote that opens the scalar at {@code offset}, or {@link BlockYaml#PLAIN}. */
  char quoteOf(int offset) {
    char c = text.charAt(offset);
    return c == '"' || c == '\'' ? c : BlockYaml.PLAIN;
  }

  /**
   * One past the scalar inside a flow collection that starts at {@code offset}: quoted, or plain
   * (letters, digits and ._/-, not a lone "-").
   */
  int flowScalarEnd(int offset, int end) {
    char first = text.charAt(offset);
    if (first == '"' || first == '\'') {
      return quotedEnd(offset, end);
    }
    int stop = offset;
    while (stop < end && keyPart(text.charAt(stop))) {
      stop++;
    }
    if (stop == offset || (first == '-' && stop == offset + 1)) {
      throw GIVE_UP;
    }
    return stop;
  }

  /**
   * The offset of the quote that closes the scalar opened at {@code open}, on the same line, or -1:
   * single quotes may double inside; a double-quoted scalar may hold the escapes \", \\, \n, \t and
   * \r (Helm's quote and toJson write them), and any other escape is not accepted (SnakeYAML, a
   * YAML 1.1 reader, refuses some, such as \/).
   */
  int quoteEnd(int open, int end) {
    char quote = text.charAt(open);
    for (int i = open + 1; i < end; i++) {
      char c = text.charAt(i);
      if (quote == '"' && c == '\\') {
        if (i + 1 >= end || ESCAPES.indexOf(text.charAt(i + 1)) < 0) {
          return -1;
        }
        i++;
        continue;
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

  /** One past the quoted scalar opened at {@code open}; one not closed on its line gives up. */
  int quotedEnd(int open, int end) {
    int close = quoteEnd(open, end);
    if (close < 0) {
      throw GIVE_UP;
    }
    return close + 1;
  }

  /** The text of the scalar written from {@code start} to {@code end}: plain, or unquoted. */
  String scalarText(int start, int end) {
    char quote = quoteOf(start);
    return quote == BlockYaml.PLAIN ? text.substring(start, end) : unquote(start, end - 1, quote);
  }

  /** The text of the scalar quoted from {@code open} to {@code close}, its escapes resolved. */
  private String unquote(int open, int close, char quote) {
    String inner = text.substring(open + 1, close);
    if (quote == '\'') {
      return inner.replace("''", "'");
    }
    if (inner.indexOf('\\') < 0) {
      return inner;
    }
    StringBuilder out = new StringBuilder(inner.length());
    for (int i = 0; i < inner.length(); i++) {
      char c = inner.charAt(i);
      if (c == '\\') {
        c = ESCAPED.charAt(ESCAPES.indexOf(inner.charAt(++i)));
      }
      out.append(c);
    }
    return out.toString();
  }

  /**
   * Whether a plain scalar may start at {@code offset}: not with an indicator, except a "-" that a
   * non-space follows ("--port", "-1").
   */
  boolean plainStart(int offset, int end) {
    char c = text.charAt(offset);
    if (c == '-') {
      return offset + 1 < end && text.charAt(offset + 1) != ' ';
    }
    return "?:,[]{}#&*!|>'\"%@`".indexOf(c) < 0;
  }
}
