package io.github.kvchart.aibrix.core.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import io.github.kvchart.aibrix.core.manifest.RuleIds;
import io.github.kvchart.aibrix.core.manifest.Severity;
import io.github.kvchart.aibrix.core.manifest.Violation;
import io.github.kvchart.aibrix.core.yaml.Spelling;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Checks one document against the schema of its kind and turns each schema error into a located
 * violation with a fix: {@code schema-unknown-field} for a field the kind does not have, {@code
 * schema} for type, required, enum, format and pattern errors, {@code schema-missing} (a warning)
 * for a kind without a schema, and {@code schema} for a document that is not a mapping or lacks
 * apiVersion or kind.
 */
public final class SchemaCheck {
  private static final String QUANTITY_HINT = "a Kubernetes quantity such as 500m, 2Gi or 4";

  private final SchemaCatalog catalog;
  private final java.util.Map<String, String> fieldHints;
  private boolean useFastWalker = true;

  public SchemaCheck(SchemaCatalog catalog) {
    this(catalog, java.util.Map.of());
  }

  /** Use networknt for every schema (tests compare the two engines). */
  SchemaCheck networkntOnly() {
    useFastWalker = false;
    return this;
  }

  /** {@code fieldHints}: "Kind.field" to the fix for a field that kind does not have. */
  public SchemaCheck(SchemaCatalog catalog, java.util.Map<String, String> fieldHints) {
    this.catalog = catalog;
    this.fieldHints = fieldHints;
  }

  public List<Violation> check(ManifestDocument document) {
    return check(document, false);
  }

  /**
   * The violations of one document; a {@code partial} one (a kustomize patch) is checked for types
   * and unknown fields, not for required fields.
   */
  public List<Violation> check(ManifestDocument document, boolean partial) {
    List<Violation> violations = new ArrayList<>();
    JsonNode root = document.root();
    if (root.isNull() || root.isMissingNode()) {
      return violations;
    }
    if (!root.isObject()) {
      violations.add(
          schemaError(
              document,
              "",
              "document "
                  + (document.index() + 1)
                  + " is a "
                  + root.getNodeType().name().toLowerCase()
                  + ", not a Kubernetes object.",
              "Each document must be a mapping with apiVersion, kind and metadata."));
      return violations;
    }
    String apiVersion = document.apiVersion();
    String kind = document.kind();
    if (apiVersion.isEmpty() || kind.isEmpty()) {
      violations.add(
          schemaError(
              document,
              "",
              "document "
                  + (document.index() + 1)
                  + " has no "
                  + (apiVersion.isEmpty() ? "apiVersion" : "kind")
                  + " (a string).",
              "Add apiVersion and kind, e.g. apiVersion: apps/v1 and kind: Deployment."));
      return violations;
    }
    if (isList(apiVersion, kind, root)) {
      // kind: List and the *List kinds: each item is an object of its own, checked on its own.
      for (ManifestDocument item : objects(document)) {
        violations.addAll(check(item, partial));
      }
      return violations;
    }
    if (!catalog.has(apiVersion, kind)) {
      violations.add(KindVerdicts.unchecked(document, catalog));
      violations.addAll(ApiValidation.check(document, partial, catalog.minorNumber()));
      return violations;
    }
    KindVerdicts.deprecated(document, catalog).ifPresent(violations::add);
    for (SchemaProblem problem : problems(document, apiVersion, kind)) {
      if (partial && problem.keyword().equals("required")) {
        continue;
      }
      violations.add(toViolation(document, problem));
    }
    violations.addAll(ApiValidation.check(document, partial, catalog.minorNumber()));
    return violations;
  }

  /**
   * Whether {@code document} is a kind: List or a *List kind whose items are checked one by one.
   */
  boolean isList(ManifestDocument document) {
    return isList(document.apiVersion(), document.kind(), document.root());
  }

  /**
   * The objects {@code document} holds: its items, each with its own pointer and the items of
   * nested Lists opened, when it is a List; else the document itself.
   */
  List<ManifestDocument> objects(ManifestDocument document) {
    if (!isList(document)) {
      return List.of(document);
    }
    List<ManifestDocument> objects = new ArrayList<>();
    for (int i = 0; i < document.root().get("items").size(); i++) {
      objects.addAll(objects(document.part("/items/" + i)));
    }
    return objects;
  }

  private boolean isList(String apiVersion, String kind, JsonNode root) {
    if (!root.path("items").isArray() || !kind.endsWith("List")) {
      return false;
    }
    return (kind.equals("List") && apiVersion.equals("v1"))
        || catalog.has(apiVersion, kind.substring(0, kind.length() - "List".length()));
  }

  /** The schema problems of a document: the fast walker where it applies, networknt otherwise. */
  List<SchemaProblem> problems(ManifestDocument document, String apiVersion, String kind) {
    List<SchemaProblem> problems = new ArrayList<>();
    Optional<FastSchema> fast =
        useFastWalker ? catalog.findFast(apiVersion, kind) : Optional.empty();
    if (fast.isPresent()) {
      fast.get().validate(document.root(), problems); // reads null as unset itself
      return problems;
    }
    Schema schema = catalog.find(apiVersion, kind).orElseThrow();
    JsonNode root = document.root();
    JsonNode unset = NullMembers.unset(root);
    for (Error error : schema.validate(unset)) {
      problems.add(fromNetworknt(document, error));
    }
    if (unset != root) {
      // Like the fast walker: a field the kind does not define is unknown even when it is null.
      for (Error error : schema.validate(root)) {
        SchemaProblem problem = fromNetworknt(document, error);
        if (problem.keyword().equals("additionalProperties")
            && problem.instance() != null
            && problem.instance().path(problem.property()).isNull()) {
          problems.add(problem);
        }
      }
    }
    return problems;
  }

  private SchemaProblem fromNetworknt(ManifestDocument document, Error error) {
    String pointer = error.getInstanceLocation().toString();
    pointer = pointer.equals("$") || pointer.equals("/") ? "" : pointer;
    String keyword = error.getKeyword() == null ? "" : error.getKeyword();
    Object[] args = error.getArguments();
    String found = args != null && args.length > 0 ? String.valueOf(args[0]) : "?";
    String expected = args != null && args.length > 1 ? String.valueOf(args[1]) : "?";
    java.util.Set<String> known =
        keyword.equals("additionalProperties") ? knownFields(document, error) : java.util.Set.of();
    return new SchemaProblem(
        pointer,
        keyword,
        error.getProperty(),
        error.getInstanceNode(),
        error.getSchemaNode(),
        found,
        expected,
        known,
        error.getMessage());
  }

  private Violation toViolation(ManifestDocument document, SchemaProblem problem) {
    String pointer = problem.pointer();
    String where = pointer.isEmpty() ? "the document" : pointer;
    switch (problem.keyword()) {
      case "additionalProperties" -> {
        String field = problem.property();
        String fieldPointer = pointer + "/" + field.replace("~", "~0").replace("/", "~1");
        String guess = Spelling.closest(field, problem.knownFields());
        String hint = fieldHints.get(document.kind() + "." + field);
        String message =
            "unknown field '"
                + field
                + "' in "
                + where
                + " ("
                + document.kind()
                + " has no such field).";
        String fix =
            hint != null
                ? hint.substring(0, 1).toUpperCase() + hint.substring(1) + "."
                : guess != null
                    ? "Did you mean '" + guess + "'?"
                    : problem.knownFields().isEmpty()
                        ? "Remove it."
                        : "Remove it; known fields here: "
                            + String.join(", ", new TreeSet<>(problem.knownFields()))
                            + ".";
        return document.violation(
            fieldPointer, RuleIds.SCHEMA_UNKNOWN_FIELD, Severity.ERROR, message, fix);
      }
      case "required" -> {
        String field = problem.property();
        return schemaError(
            document,
            pointer,
            "missing required field '" + field + "' in " + where + ".",
            "Add "
                + (pointer.isEmpty() ? "" : pointer.substring(1).replace('/', '.') + ".")
                + field
                + ".");
      }
      case "type" -> {
        String found = problem.found();
        String expected =
            String.join(
                " or ",
                java.util.Arrays.stream(
                        problem.expected().replace("[", "").replace("]", "").split(","))
                    .map(String::trim)
                    .toList());
        return schemaError(
            document,
            pointer,
            where + " must be " + expected + ", not " + found + ".",
            expected.equals("string")
                ? "Quote the value."
                : "Write "
                    + article(expected)
                    + " value"
                    + (found.equals("string") ? " without quotes." : "."));
      }
      case "pattern" -> {
        boolean quantity = String.valueOf(problem.keywordValue()).contains("KMGTPE");
        return schemaError(
            document,
            pointer,
            where
                + " '"
                + problem.instance().asText()
                + "' "
                + (quantity
                    ? "is not a valid quantity."
                    : "does not match " + problem.keywordValue().asText() + "."),
            quantity ? "Use " + QUANTITY_HINT + "." : "Use a value that matches the pattern.");
      }
      case "format" -> {
        String format = problem.keywordValue().asText();
        return schemaError(
            document,
            pointer,
            where + " '" + problem.instance().asText() + "' is not a valid " + format + ".",
            "date-time".equals(format)
                ? "Use an RFC 3339 time such as 2026-01-01T00:00:00Z, quoted."
                : "Use a valid value.");
      }
      case "const", "enum" -> {
        return schemaError(
            document,
            pointer,
            where
                + " must be one of "
                + (problem.keyword().equals("const")
                    ? "[" + problem.keywordValue() + "]"
                    : problem.keywordValue())
                + ", not "
                + problem.instance()
                + ".",
            "Use one of the listed values.");
      }
      case "minimum", "maximum" -> {
        boolean min = problem.keyword().equals("minimum");
        return schemaError(
            document,
            pointer,
            where
                + " is "
                + problem.instance()
                + "; the "
                + problem.keyword()
                + " is "
                + problem.keywordValue()
                + ".",
            "Use a value of at " + (min ? "least " : "most ") + problem.keywordValue() + ".");
      }
      case "minItems", "maxItems" -> {
        boolean min = problem.keyword().equals("minItems");
        return schemaError(
            document,
            pointer,
            where
                + " has "
                + problem.instance().size()
                + " items; it needs at "
                + (min ? "least " : "most ")
                + problem.keywordValue()
                + ".",
            min ? "Add items." : "Remove items.");
      }
      case "minProperties", "maxProperties" -> {
        boolean min = problem.keyword().equals("minProperties");
        List<String> fields = new ArrayList<>();
        problem.instance().fieldNames().forEachRemaining(fields::add);
        return schemaError(
            document,
            pointer,
            where
                + " has "
                + fields.size()
                + " field"
                + (fields.size() == 1 ? "" : "s")
                + (fields.isEmpty() ? "" : " (" + String.join(", ", fields) + ")")
                + "; it takes at "
                + (min ? "least " : "most ")
                + problem.keywordValue()
                + ".",
            min ? "Add fields." : "Keep at most " + problem.keywordValue() + " of these fields.");
      }
      case "minLength", "maxLength" -> {
        boolean min = problem.keyword().equals("minLength");
        return schemaError(
            document,
            pointer,
            where
                + " must be at "
                + (min ? "least " : "most ")
                + problem.keywordValue()
                + " characters long.",
            min ? "Use a longer value." : "Use a shorter value.");
      }
      default -> {
        return schemaError(
            document,
            pointer,
            where + ": " + problem.message() + ".",
            "Correct the value to match the " + document.kind() + " schema.");
      }
    }
  }

  private static Violation schemaError(
      ManifestDocument document, String pointer, String message, String fix) {
    return document.violation(pointer, RuleIds.SCHEMA, Severity.ERROR, message, fix);
  }

  private static String article(String type) {
    String plain = type.replace("[", "").replace("]", "").replace("\"", "");
    return (plain.matches("^[aeiou].*") ? "an " : "a ") + plain;
  }

  /** The field names allowed where an unknown field was found, read from the uncompiled schema. */
  private TreeSet<String> knownFields(ManifestDocument document, Error error) {
    TreeSet<String> names = new TreeSet<>();
    Optional<SchemaCatalog.Source> source = catalog.source(document.apiVersion(), document.kind());
    String location = error.getSchemaLocation() == null ? "" : error.getSchemaLocation().toString();
    int hash = location.indexOf('#');
    if (source.isEmpty() || hash < 0) {
      return names;
    }
    String fragment = location.substring(hash + 1);
    if (fragment.endsWith("/additionalProperties")) {
      fragment = fragment.substring(0, fragment.length() - "/additionalProperties".length());
    }
    source
        .get()
        .json()
        .at(fragment.isEmpty() ? "" : fragment)
        .path("properties")
        .fieldNames()
        .forEachRemaining(names::add);
    return names;
  }
}
