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
  private final JsonNode constValue;
  private final JsonNode enumValues;
  private final JsonNode format;
  private final JsonNode minLength;
  private final JsonNode maxLength;
  private final JsonNode minimum;
  private final JsonNode maximum;
  private final JsonNode minItems;
  private final JsonNode maxItems;
  private final JsonNode minProperties;
  private final JsonNode maxProperties;
  private final JsonNode patternValue;
  Map<String, SchemaNode> properties;
  TreeSet<String> known;
  boolean additionalAllowed = true;
  SchemaNode additional;
  SchemaNode items;
  private final boolean falseSchema;

  SchemaNode(JsonNode schema) {
    this.schema = schema;
    constValue = schema != null && schema.isObject() ? schema.get("const") : null;
    enumValues = schema != null && schema.isObject() ? schema.get("enum") : null;
    JsonNode formatValue = schema != null && schema.isObject() ? schema.get("format") : null;
    // date-time is the one format checked; int32 and int64 (in CRD schemas) are formats neither
    // networknt (not strict) nor the API server checks in custom resources (see FastSchema).
    format = formatValue != null && formatValue.asText().equals("date-time") ? formatValue : null;
    minLength = schema != null && schema.isObject() ? schema.get("minLength") : null;
    maxLength = schema != null && schema.isObject() ? schema.get("maxLength") : null;
    minimum = schema != null && schema.isObject() ? schema.get("minimum") : null;
    maximum = schema != null && schema.isObject() ? schema.get("maximum") : null;
    minItems = schema != null && schema.isObject() ? schema.get("minItems") : null;
    maxItems = schema != null && schema.isObject() ? schema.get("maxItems") : null;
    minProperties = schema != null && schema.isObject() ? schema.get("minProperties") : null;
    maxProperties = schema != null && schema.isObject() ? schema.get("maxProperties") : null;
    patternValue = schema != null && schema.isObject() ? schema.get("pattern") : null;
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
    pattern = patternValue != null ? Pattern.compile(patternValue.asText()) : null;
  }

  void check(JsonNode instance, FastSchema.Where where, List<SchemaProblem> problems) {
    if (schema == null) {
      return;
    }
    if (falseSchema) {
      problems.add(simple(where, "false", instance, schema, "schema is false"));
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
    if (constValue != null && !equalsJson(constValue, instance)) {
      problems.add(
          simple(where, "const", instance, constValue, "must be the constant value " + constValue));
    }
    if (enumValues != null) {
      boolean found = false;
      for (JsonNode option : enumValues) {
        found |= equalsJson(option, instance);
      }
      if (!found) {
        problems.add(
            simple(
                where,
                "enum",
                instance,
                enumValues,
                "does not have a value in the enumeration " + enumValues));
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
          simple(
              where,
              "pattern",
              instance,
              patternValue,
              "does not match the regex pattern " + pattern.pattern()));
    }
    if (format != null && !isDateTime(text)) {
      problems.add(simple(where, "format", instance, format, "is not a valid date-time"));
    }
    int length = text.codePointCount(0, text.length());
    if (minLength != null && length < minLength.asInt()) {
      problems.add(
          simple(
              where,
              "minLength",
              instance,
              minLength,
              "must be at least " + minLength.asInt() + " characters long"));
    }
    if (maxLength != null && length > maxLength.asInt()) {
      problems.add(
          simple(
              where,
              "maxLength",
              instance,
              maxLength,
              "must be at most " + maxLength.asInt() + " characters long"));
    }
  }

  private void checkNumber(
      JsonNode instance, FastSchema.Where where, List<SchemaProblem> problems) {
    if (minimum != null && compareNumbers(instance, minimum) < 0) {
      problems.add(
          simple(where, "minimum", instance, minimum, "must have a minimum value of " + minimum));
    }
    if (maximum != null && compareNumbers(instance, maximum) > 0) {
      problems.add(
          simple(where, "maximum", instance, maximum, "must have a maximum value of " + maximum));
    }
  }

  /**
   * The numeric order of two numbers; without a BigDecimal when both are integers that fit a long
   * (every built-in integer field carries its int32 or int64 bounds).
   */
  static int compareNumbers(JsonNode a, JsonNode b) {
    if (a.isIntegralNumber()
        && b.isIntegralNumber()
        && a.canConvertToLong()
        && b.canConvertToLong()) {
      return Long.compare(a.longValue(), b.longValue());
    }
    return a.decimalValue().compareTo(b.decimalValue());
  }

  private void checkObject(
      JsonNode instance, FastSchema.Where where, List<SchemaProblem> problems) {
    sizeProblem(instance, minProperties, "minProperties", where, problems);
    sizeProblem(instance, maxProperties, "maxProperties", where, problems);
    for (String name : required) {
      JsonNode value = instance.get(name);
      // null is unset, as the API server decodes it: a required field set to null is missing.
      if (value == null || value.isNull()) {
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
      if (field.getValue().isNull() && (child != null || additionalAllowed)) {
        continue; // a known field (or map entry) set to null is unset
      }
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

  /** A problem that names the keyword, its value and a message, and nothing else. */
  private static SchemaProblem simple(
      FastSchema.Where where, String keyword, JsonNode instance, JsonNode value, String message) {
    return new SchemaProblem(
        where.toString(), keyword, null, instance, value, null, null, Set.of(), message);
  }

  /**
   * A minItems, maxItems, minProperties or maxProperties problem of {@code instance} (an array's
   * items or an object's fields), if its size breaks {@code bound}.
   */
  private static void sizeProblem(
      JsonNode instance,
      JsonNode bound,
      String keyword,
      FastSchema.Where where,
      List<SchemaProblem> problems) {
    if (bound == null) {
      return;
    }
    boolean min = keyword.startsWith("min");
    if (min ? instance.size() >= bound.asInt() : instance.size() <= bound.asInt()) {
      return;
    }
    problems.add(
        simple(
            where,
            keyword,
            instance,
            bound,
            "must have at "
                + (min ? "least " : "most ")
                + bound.asInt()
                + (keyword.endsWith("Items") ? " items" : " properties")));
  }

  private void checkArray(JsonNode instance, FastSchema.Where where, List<SchemaProblem> problems) {
    sizeProblem(instance, minItems, "minItems", where, problems);
    sizeProblem(instance, maxItems, "maxItems", where, problems);
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
