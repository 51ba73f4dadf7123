package io.github.kvchart.aibrix.core.report;

import java.util.Map;

/** One line on what each rule checks, for reports that list rules. */
public final class RuleDescriptions {
  private static final Map<String, String> TEXT =
      Map.of(
          "yaml-syntax", "The file is valid YAML within the size, alias and nesting limits.",
          "yaml-duplicate-key", "No mapping has the same key twice.",
          "schema",
              "The document matches its Kubernetes schema: types, required fields, enums, formats, patterns.",
          "schema-unknown-field",
              "The document has no field its kind does not define (a typo is an error).",
          "schema-missing", "Every kind has a schema; kinds without one are not checked.",
          "api-removed",
              "The apiVersion and kind are served by the target Kubernetes minor (not removed).",
          "api-deprecated",
              "The apiVersion and kind are not deprecated (a later minor removes or replaces them).",
          "helm-lint", "helm lint --strict passes, with values.schema.json enforced.",
          "helm-template", "helm template renders the chart for every entry of the values matrix.");

  private RuleDescriptions() {}

  public static String describe(String rule) {
    return TEXT.getOrDefault(rule, "Rule " + rule + ".");
  }
}
