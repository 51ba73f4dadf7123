package io.github.kvchart.aibrix.core.manifest;

import java.util.Comparator;

/**
 * One problem found in one document: where (file, line and column of the offending node, document
 * index, kind, name, JSON pointer), which rule, how bad, what is wrong and how to fix it.
 *
 * @param document 0-based index of the document in its file, or -1 for the file as a whole
 * @param fix how to fix it, or "" when no fix can be named
 */
public record Violation(
    String file,
    int line,
    int column,
    int document,
    String kind,
    String name,
    String pointer,
    String rule,
    Severity severity,
    String message,
    String fix) {

  /** The report order: file, then line, column, rule and message. */
  public static final Comparator<Violation> ORDER =
      Comparator.comparing(Violation::file)
          .thenComparingInt(Violation::line)
          .thenComparingInt(Violation::column)
          .thenComparing(Violation::rule)
          .thenComparing(Violation::message);

  public Violation {
    kind = kind == null ? "" : kind;
    name = name == null ? "" : name;
    pointer = pointer == null ? "" : pointer;
    fix = fix == null ? "" : fix;
  }

  /** An error about a file as a whole, or a position in it outside any document's tree. */
  public static Violation inFile(
      String file, int line, int column, String rule, String message, String fix) {
    return new Violation(file, line, column, -1, "", "", "", rule, Severity.ERROR, message, fix);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** The same violation with another severity (for per-rule overrides). */
  public Violation withSeverity(Severity newSeverity) {
    return new Violation(
        file, line, column, document, kind, name, pointer, rule, newSeverity, message, fix);
  }

  /** The same violation with another message (a rule adding context it learns later). */
  public Violation withMessage(String newMessage) {
    return new Violation(
        file, line, column, document, kind, name, pointer, rule, severity, newMessage, fix);
  }

  /** {@code path:line:col: error [rule] message (fix)}, the console form. */
  public String toConsoleLine() {
    StringBuilder text = new StringBuilder(file);
    if (line > 0) {
      text.append(':').append(line).append(':').append(Math.max(column, 1));
    }
    text.append(": ").append(severity.id()).append(" [").append(rule).append("] ").append(message);
    if (!fix.isEmpty()) {
      text.append(" Fix: ").append(fix);
    }
    return text.toString();
  }
}
