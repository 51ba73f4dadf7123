package io.github.kvchart.aibrix.core.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** One compiled node of a {@link FastSchema}: its keywords, and the check of an instance. */
class SchemaNode {
  static final SchemaNode ANY = new SchemaNode(null);

  private final JsonNode schema;
  private final List<String> types = new ArrayList<>();
  private final List<String> required = new ArrayList<>();
  private final Pattern pattern;
  Map<String, SchemaNode> properties;
  TreeSet<String> known;
  boolean additionalAllowed = true;
  SchemaNode additional;
  SchemaNode items;
  private final boolean falseSchema;

  SchemaNode(JsonNode schema) {
    this.schema = schema;
    this.falseSchema = schema != null && schema.isBoolean() && !schema.asBoolean();
    if (schema == null || !schema.isObject()) {
      pattern = null;
      return;
    }
    JsonNode type = schema.get("type");
    if (type != null) {
      if (type.isArray()) {
        type.forEach(t -> types.add(t.asText()));
      } else {
        types.add(type.asText());
      }
    }
    schema.path("required").forEach(r -> required.add(r.asText()));
    pattern = schema.has("pattern") ? Pattern.compile(schema.get("pattern").asText()) : null;
  }

  void check(JsonNode instance, FastSchema.Where where, List<SchemaProblem> problems) {
    if (schema == null) {
      return;
    }
    if (falseSchema) {
      problems.add(
          new SchemaProblem(
              where.toString(),
              "false",
              null,
              instance,
              schema,
              null,
              null,
              Set.of(),
              "schema is false"));
      return;
    }
    if (!types.isEmpty() && !typeMatches(instance)) {
      String expected = types.size() == 1 ? types.get(0) : types.toString().replace(" ", "");
      problems.add(
          new SchemaProblem(
              where.toString(),
              "type",
              null,
              instance,
              schema.get("type"),
              typeName(instance),
              expected,
              Set.of(),
              typeName(instance) + " found, " + expected + " expected"));
    }
    if (schema.has("const") && !equalsJson(schema.get("const"), instance)) {
      problems.add(
          new SchemaProblem(
              where.toString(),
              "const",
              null,
              instance,
              schema.get("const"),
              null,
              null,
              Set.of(),
              "must be the constant value " + schema.get("const")));
    }
    if (schema.has("enum")) {
      boolean found = false;
      for (JsonNode option : schema.get("enum")) {
        found |= equalsJson(option, instance);
      }
      if (!found) {
        problems.add(
            new SchemaProblem(
                where.toString(),
                "enum",
                null,
                instance,
                schema.get("enum"),
                null,
                null,
                Set.of(),
                "does not have a value in the enumeration " + schema.get("enum")));
      }
    }
    if (instance.isTextual()) {
      checkString(instance, where, problems);
    } else if (instance.isNumber()) {
      checkNumber(instance, where, problems);
    } else if (instance.isObject()) {
      checkObject(instance, where, problems);
    } else if (instance.isArray()) {
      checkArray(instance, where, problems);
    }
  }

  private void checkString(
      JsonNode instance, FastSchema.Where where, List<SchemaProblem> problems) {
    String text = instance.asText();
    if (pattern != null && !pattern.matcher(text).find()) {
      problems.add(
          new SchemaProblem(
              where.toString(),
              "pattern",
              null,
              instance,
              schema.get("pattern"),
              null,
              null,
              Set.of(),
              "does not match the regex pattern " + pattern.pattern()));
    }
    if (schema.has("format") && !isDateTime(text)) {
      problems.add(
          new SchemaProblem(
              where.toString(),
              "format",
              null,
              instance,
              schema.get("format"),
              null,
              null,
              Set.of(),
              "is not a valid date-time"));
    }
    int length = text.codePointCount(0, text.length());
    if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
      problems.add(
          new SchemaProblem(
              where.toString(),
              "minLength",
              null,
              instance,
              schema.get("minLength"),
              null,
              null,
              Set.of(),
              "must be at least " + schema.get("minLength").asInt() + " characters long"));
    }
    if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
      problems.add(
          new SchemaProblem(
              where.toString(),
              "maxLength",
              null,
              instance,
              schema.get("maxLength"),
              null,
              null,
              Set.of(),
              "must be at most " + schema.get("maxLength").asInt() + " characters long"));
    }
  }

  private void checkNumber(
      JsonNode instance, FastSchema.Where where, List<SchemaProblem> problems) {
    if (schema.has("minimum")
        && instance.decimalValue().compareTo(schema.get("minimum").decimalValue()) < 0) {
      problems.add(
          new SchemaProblem(
              where.toString(),
              "minimum",
              null,
              instance,
              schema.get("minimum"),
              null,
              null,
              Set.of(),
              "must have a minimum value of " + schema.get("minimum")));
    }
    if (schema.has("maximum")
        && instance.decimalValue().compareTo(schema.get("maximum").decimalValue()) > 0) {
      problems.add(
          new SchemaProblem(
              where.toString(),
              "maximum",
              null,
              instance,
              schema.get("maximum"),
              null,
              null,
              Set.of(),
              "must have a maximum value of " + schema.get("maximum")));
    }
  }

  private void checkObject(
      JsonNode instance, FastSchema.Where where, List<SchemaProblem> problems) {
    for (String name : required) {
      if (!instance.has(name)) {
        problems.add(
            new SchemaProblem(
                where.toString(),
                "required",
                name,
                instance,
                schema.get("required"),
                null,
                null,
                Set.of(),
                "required property '" + name + "' not found"));
      }
    }
    Iterator<Map.Entry<String, JsonNode>> fields = instance.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      SchemaNode child = properties == null ? null : properties.get(field.getKey());
      if (child != null) {
        child.check(field.getValue(), where.child(field.getKey()), problems);
      } else if (!additionalAllowed) {
        problems.add(
            new SchemaProblem(
                where.toString(),
                "additionalProperties",
                field.getKey(),
                instance,
                schema.get("additionalProperties"),
                null,
                null,
                known == null ? Set.of() : known,
                "property '" + field.getKey() + "' is not defined in the schema"));
      } else if (additional != null) {
        additional.check(field.getValue(), where.child(field.getKey()), problems);
      }
    }
  }

  private void checkArray(JsonNode instance, FastSchema.Where where, List<SchemaProblem> problems) {
    if (schema.has("minItems") && instance.size() < schema.get("minItems").asInt()) {
      problems.add(
          new SchemaProblem(
              where.toString(),
              "minItems",
              null,
              instance,
              schema.get("minItems"),
              null,
              null,
              Set.of(),
              "must have at least " + schema.get("minItems").asInt() + " items"));
    }
    if (schema.has("maxItems") && instance.size() > schema.get("maxItems").asInt()) {
      problems.add(
          new SchemaProblem(
              where.toString(),
              "maxItems",
              null,
              instance,
              schema.get("maxItems"),
              null,
              null,
              Set.of(),
              "must have at most " + schema.get("maxItems").asInt() + " items"));
    }
    if (items != null) {
      for (int i = 0; i < instance.size(); i++) {
        items.check(instance.get(i), where.child(Integer.toString(i)), problems);
      }
    }
  }

  private boolean typeMatches(JsonNode instance) {
    for (String type : types) {
      boolean match =
          switch (type) {
            case "object" -> instance.isObject();
            case "array" -> instance.isArray();
            case "string" -> instance.isTextual();
            case "integer" ->
                instance.isIntegralNumber()
                    || (instance.isFloatingPointNumber()
                        && instance.decimalValue().stripTrailingZeros().scale() <= 0);
            case "number" -> instance.isNumber();
            case "boolean" -> instance.isBoolean();
            case "null" -> instance.isNull();
            default -> true;
          };
      if (match) {
        return true;
      }
    }
    return false;
  }

  static String typeName(JsonNode node) {
    if (node.isIntegralNumber()) {
      return "integer";
    }
    return switch (node.getNodeType()) {
      case OBJECT -> "object";
      case ARRAY -> "array";
      case STRING -> "string";
      case NUMBER -> "number";
      case BOOLEAN -> "boolean";
      case NULL -> "null";
      default -> node.getNodeType().name().toLowerCase();
    };
  }

  private static boolean equalsJson(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    return a.equals(b);
  }

  private static boolean isDateTime(String text) {
    try {
      OffsetDateTime.parse(text.replace('t', 'T').replace('z', 'Z'));
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  static String escapeKey(String key) {
    return key.indexOf('~') < 0 && key.indexOf('/') < 0
        ? key
        : key.replace("~", "~0").replace("/", "~1");
  }
}
