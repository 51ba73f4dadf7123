package io.github.kvchart.aibrix.core.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * One violation as a JSON object, the way validation.json writes it (and kept chart verdicts store
 * it): file, line, column, document, kind, name, pointer, rule, severity ("error" or "warning"),
 * message and fix.
 */
public final class ViolationJson {
  private ViolationJson() {}

  /** Writes {@code violation}'s fields into {@code object}; returns it. */
  public static ObjectNode write(ObjectNode object, Violation violation) {
    return object
        .put("file", violation.file())
        .put("line", violation.line())
        .put("column", violation.column())
        .put("document", violation.document())
        .put("kind", violation.kind())
        .put("name", violation.name())
        .put("pointer", violation.pointer())
        .put("rule", violation.rule())
        .put("severity", violation.severity().id())
        .put("message", violation.message())
        .put("fix", violation.fix());
  }

  /** The violation {@link #write} wrote; anything else is an IllegalArgumentException. */
  public static Violation read(JsonNode object) {
    return new Violation(
        text(object, "file"),
        number(object, "line"),
        number(object, "column"),
        number(object, "document"),
        text(object, "kind"),
        text(object, "name"),
        text(object, "pointer"),
        text(object, "rule"),
        Severity.valueOf(text(object, "severity").toUpperCase(Locale.ROOT)),
        text(object, "message"),
        text(object, "fix"));
  }

  /** A text member, or an IllegalArgumentException naming it. */
  public static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (!value.isTextual()) {
      throw new IllegalArgumentException("no text " + field);
    }
    return value.textValue();
  }

  /** An int member, or an IllegalArgumentException naming it. */
  public static int number(JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (!value.isInt()) {
      throw new IllegalArgumentException("no int " + field);
    }
    return value.intValue();
  }
}
