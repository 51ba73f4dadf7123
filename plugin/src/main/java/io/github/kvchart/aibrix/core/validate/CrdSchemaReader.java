package io.github.kvchart.aibrix.core.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kvchart.aibrix.core.InvalidInputException;
import io.github.kvchart.aibrix.core.SourceLocation;
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Turns CustomResourceDefinition documents into JSON schemas. Each served version's {@code
 * openAPIV3Schema} is used as it is, with Kubernetes' extensions given their meaning: {@code
 * x-kubernetes-int-or-string} accepts integers and strings, {@code nullable} accepts null, and
 * objects without {@code x-kubernetes-preserve-unknown-fields} are closed, so a typo is an error
 * here where the API server would silently drop the field, and a required field with a {@code
 * default} is not required (the API server defaults it before it validates).
 */
public final class CrdSchemaReader {
  private CrdSchemaReader() {}

  /**
   * The schemas of every CRD among {@code file}'s documents; none for a file without CRDs (a
   * kustomization.yaml beside them, say).
   */
  public static List<CrdSchema> read(ParsedFile file) throws InvalidInputException {
    if (!file.violations().isEmpty()) {
      Violation first = file.violations().get(0);
      throw new InvalidInputException(
          new SourceLocation(file.file(), first.line(), first.column()),
          "the CRD file is not valid YAML: " + first.message(),
          first.fix());
    }
    List<CrdSchema> schemas = new ArrayList<>();
    for (ManifestDocument document : file.documents()) {
      JsonNode root = document.root();
      if (!"CustomResourceDefinition".equals(root.path("kind").asText())) {
        continue;
      }
      String group = root.path("spec").path("group").asText();
      String kind = root.path("spec").path("names").path("kind").asText();
      for (JsonNode version : root.path("spec").path("versions")) {
        JsonNode schema = version.path("schema").path("openAPIV3Schema");
        if (schema.isMissingNode() || group.isEmpty() || kind.isEmpty()) {
          continue;
        }
        String apiVersion = group + "/" + version.path("name").asText();
        ObjectNode converted = (ObjectNode) convert(schema);
        ObjectNode properties = converted.with("properties");
        properties.set(
            "apiVersion", JsonNodeFactory.instance.objectNode().put("const", apiVersion));
        properties.set("kind", JsonNodeFactory.instance.objectNode().put("const", kind));
        if (!properties.has("metadata")) {
          properties.set("metadata", JsonNodeFactory.instance.objectNode().put("type", "object"));
        }
        converted.put("additionalProperties", false);
        schemas.add(new CrdSchema(apiVersion, kind, file.file(), converted));
      }
    }
    return schemas;
  }

  private static JsonNode convert(JsonNode node) {
    if (node.isArray()) {
      ArrayNode array = JsonNodeFactory.instance.arrayNode();
      node.forEach(item -> array.add(convert(item)));
      return array;
    }
    if (!node.isObject()) {
      return node;
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    boolean intOrString = node.path("x-kubernetes-int-or-string").asBoolean(false);
    boolean preserve = node.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = field.getKey();
      if (key.startsWith("x-kubernetes-") || key.equals("nullable")) {
        continue;
      }
      if (intOrString && (key.equals("anyOf") || key.equals("type") || key.equals("pattern"))) {
        continue;
      }
      if (key.equals("properties")
          || key.equals("definitions")
          || key.equals("patternProperties")) {
        ObjectNode children = out.putObject(key);
        field
            .getValue()
            .fields()
            .forEachRemaining(child -> children.set(child.getKey(), convert(child.getValue())));
      } else {
        out.set(key, convert(field.getValue()));
      }
    }
    if (intOrString) {
      out.putArray("type").add("integer").add("string");
    }
    if (node.path("nullable").asBoolean(false) && out.has("type") && out.get("type").isTextual()) {
      String type = out.get("type").asText();
      out.putArray("type").add(type).add("null");
    }
    if (node.has("properties") && !node.has("additionalProperties") && !preserve) {
      out.put("additionalProperties", false);
    }
    if (out.path("required").isArray() && node.path("properties").isObject()) {
      // The API server applies a field's default before it validates (KEP-575), so a required
      // field with a default may be left out.
      ArrayNode required = JsonNodeFactory.instance.arrayNode();
      for (JsonNode name : out.get("required")) {
        if (!node.path("properties").path(name.asText()).has("default")) {
          required.add(name);
        }
      }
      if (required.isEmpty()) {
        out.remove("required");
      } else {
        out.set("required", required);
      }
    }
    return out;
  }
}
