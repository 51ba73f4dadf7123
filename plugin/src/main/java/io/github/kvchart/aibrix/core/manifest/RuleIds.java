package io.github.kvchart.aibrix.core.manifest;

/** The rule ids owned by schema validation. They are public API. */
public final class RuleIds {
  public static final String YAML_SYNTAX = "yaml-syntax";
  public static final String YAML_DUPLICATE_KEY = "yaml-duplicate-key";
  public static final String SCHEMA = "schema";
  public static final String SCHEMA_UNKNOWN_FIELD = "schema-unknown-field";
  public static final String SCHEMA_MISSING = "schema-missing";
  public static final String API_VALIDATION = "api-validation";
  public static final String POD_TEMPLATE_REFUSED = "pod-template-refused";
  public static final String API_REMOVED = "api-removed";
  public static final String API_DEPRECATED = "api-deprecated";
  public static final String HELM_LINT = "helm-lint";
  public static final String HELM_TEMPLATE = "helm-template";

  private RuleIds() {}
}
