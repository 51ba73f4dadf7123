package io.github.kvchart.aibrix.core.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A draft-07 schema walker for the schemas this plugin ships (and CRD schemas that use the same
 * keywords): type, properties, additionalProperties, required, items, $ref to definitions, const,
 * enum, pattern, format (date-time checked, int32 and int64 ignored), minimum, maximum, minItems,
 * maxItems, minProperties, maxProperties, minLength, maxLength. It visits the document's own
 * fields, not every property of the schema, which makes it several times cheaper than a general
 * validator. {@link #compile} returns null for a schema with any other keyword; the catalog then
 * uses networknt for it. Results match networknt's (a test proves it).
 */
final class FastSchema {
  private static final Set<String> SUPPORTED =
      Set.of(
          "type",
          "properties",
          "additionalProperties",
          "required",
          "items",
          "$ref",
          "const",
          "enum",
          "pattern",
          "format",
          "minimum",
          "maximum",
          "minItems",
          "maxItems",
          "minProperties",
          "maxProperties",
          "minLength",
          "maxLength",
          "$schema",
          "title",
          "description",
          "definitions",
          "default",
          "$id");

  /**
   * date-time, which both engines check, and int32 and int64, which CRD schemas use: networknt
   * asserts a format it does not know only when strict, and the API server ignores them in custom
   * resources too (JSONSchemaProps.format lists the formats it validates; these are not among
   * them). The Kubernetes schemas this plugin ships carry no number formats.
   */
  private static final Set<String> CHECKED_OR_IGNORED_FORMATS =
      Set.of("date-time", "int32", "int64");

  private final Map<String, SchemaNode> definitions = new HashMap<>();
  private final JsonNode definitionsJson;
  private SchemaNode root;

  private FastSchema(JsonNode schema) {
    this.definitionsJson = schema.path("definitions");
  }

  /** A walker for {@code schema}, or null if it uses a keyword this walker does not implement. */
  static FastSchema compile(JsonNode schema) {
    if (!supported(schema)) {
      return null;
    }
    FastSchema fast = new FastSchema(schema);
    fast.root = fast.node(schema);
    // Compile every definition now, so the walker is read-only (and thread-safe) afterwards.
    fast.definitionsJson
        .fieldNames()
        .forEachRemaining(
            name -> fast.definitions.put(name, fast.node(fast.definitionsJson.get(name))));
    return fast;
  }

  private static boolean supported(JsonNode schema) {
    if (schema.isBoolean()) {
      return true;
    }
    if (!schema.isObject()) {
      return false;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = schema.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = field.getKey();
      if (!SUPPORTED.contains(key)) {
        return false;
      }
      if (key.equals("format") && !CHECKED_OR_IGNORED_FORMATS.contains(field.getValue().asText())) {
        return false;
      }
      if (key.equals("$ref") && !field.getValue().asText().startsWith("#/definitions/")) {
        return false;
      }
      if (key.equals("properties") || key.equals("definitions")) {
        Iterator<JsonNode> children = field.getValue().elements();
        while (children.hasNext()) {
          if (!supported(children.next())) {
            return false;
          }
        }
      }
      if ((key.equals("items") || key.equals("additionalProperties"))
          && !supported(field.getValue())) {
        return false;
      }
    }
    return true;
  }

  /** Every problem of {@code instance}, appended to {@code problems}. */
  void validate(JsonNode instance, List<SchemaProblem> problems) {
    root.check(instance, Where.ROOT, problems);
  }

  /**
   * Where a node is, as a chain of parents: the JSON pointer is only spelled out for a problem, so
   * a clean document costs no string building.
   */
  record Where(Where parent, String key) {
    static final Where ROOT = new Where(null, null);

    Where child(String name) {
      return new Where(this, name);
    }

    @Override
    public String toString() {
      if (parent == null) {
        return "";
      }
      return parent + "/" + escape(key);
    }
  }

  private SchemaNode node(JsonNode schema) {
    if (schema.isBoolean()) {
      return schema.asBoolean() ? SchemaNode.ANY : new SchemaNode(schema);
    }
    if (schema.has("$ref")) {
      String name = schema.get("$ref").asText().substring("#/definitions/".length());
      return new RefNode(this, name);
    }
    SchemaNode node = new SchemaNode(schema);
    JsonNode properties = schema.get("properties");
    if (properties != null) {
      node.properties = new HashMap<>();
      properties
          .fields()
          .forEachRemaining(f -> node.properties.put(f.getKey(), node(f.getValue())));
      node.known = new TreeSet<>(node.properties.keySet());
    }
    JsonNode additional = schema.get("additionalProperties");
    if (additional != null) {
      node.additionalAllowed = !(additional.isBoolean() && !additional.asBoolean());
      node.additional = additional.isObject() ? node(additional) : null;
    }
    if (schema.has("items")) {
      node.items = node(schema.get("items"));
    }
    return node;
  }

  SchemaNode definition(String name) {
    SchemaNode node = definitions.get(name);
    return node == null ? SchemaNode.ANY : node;
  }

  /**
   * A $ref to a definition (definitions may refer to each other in cycles, so it looks up late).
   */
  private static final class RefNode extends SchemaNode {
    private final FastSchema owner;
    private final String name;

    RefNode(FastSchema owner, String name) {
      super(null);
      this.owner = owner;
      this.name = name;
    }

    @Override
    void check(JsonNode instance, Where where, List<SchemaProblem> problems) {
      owner.definition(name).check(instance, where, problems);
    }
  }

  static String escape(String key) {
    return SchemaNode.escapeKey(key);
  }
}
