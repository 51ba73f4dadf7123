package io.github.kvchart.aibrix.core.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.Json;
import io.github.kvchart.aibrix.core.Quantity;
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the API server refuses in a HorizontalPodAutoscaler beyond the schema
 * (validateHorizontalPodAutoscalerSpec and the metric, target and behavior checks in kubernetes'
 * autoscaling validation; scaling to zero is an alpha feature, off by default):
 *
 * <ul>
 *   <li>minReplicas below 1, maxReplicas below 1 or below minReplicas;
 *   <li>a scaleTargetRef without a kind or name, or with one that cannot be a path segment;
 *   <li>a metric whose type is not Object, Pods, Resource, External or ContainerResource, that
 *       lacks the source its type names or has another one;
 *   <li>a target type other than Utilization, Value or AverageValue, a value or averageValue that
 *       is not positive, an averageUtilization below 1, and a target the source cannot use (a
 *       Resource needs averageUtilization or averageValue, not both; Pods needs averageValue;
 *       Object and External need value or averageValue);
 *   <li>behavior: a stabilization window outside 0-3600 s, a select policy other than Max, Min or
 *       Disabled, an empty policies list, a policy type other than Pods or Percent, a value or
 *       period not above 0, a period above 1800 s.
 * </ul>
 */
final class AutoscalerCheck {
  /** The kinds this check reads. */
  static final List<String> KINDS =
      List.of("autoscaling/v2 HorizontalPodAutoscaler", "autoscaling/v1 HorizontalPodAutoscaler");

  /** The field that holds each metric source type's details. */
  private static final Map<String, String> SOURCES =
      Map.of(
          "Object", "object",
          "Pods", "pods",
          "Resource", "resource",
          "External", "external",
          "ContainerResource", "containerResource");

  private AutoscalerCheck() {}

  static void check(ManifestDocument document, List<Violation> violations) {
    JsonNode spec = document.root().path("spec");
    JsonNode min = spec.path("minReplicas");
    JsonNode max = spec.path("maxReplicas");
    if (min.isIntegralNumber() && min.asLong() < 1) {
      violations.add(
          ApiSyntax.error(
              document,
              "/spec/minReplicas",
              "minReplicas is "
                  + min.asLong()
                  + "; the API server wants 1 or more (scaling to"
                  + " zero is an alpha feature, off by default).",
              "Set minReplicas: 1."));
    }
    if (max.isIntegralNumber() && max.asLong() < 1) {
      violations.add(
          ApiSyntax.error(
              document,
              "/spec/maxReplicas",
              "maxReplicas is " + max.asLong() + "; the API server wants 1 or more.",
              "Set maxReplicas to the most pods the autoscaler may run."));
    } else if (min.isIntegralNumber() && max.isIntegralNumber() && max.asLong() < min.asLong()) {
      violations.add(
          ApiSyntax.error(
              document,
              "/spec/maxReplicas",
              "maxReplicas " + max.asLong() + " is below minReplicas " + min.asLong() + ".",
              "Raise maxReplicas to at least minReplicas."));
    }
    reference(document, "/spec/scaleTargetRef", spec.path("scaleTargetRef"), violations);
    JsonNode target = spec.path("targetCPUUtilizationPercentage");
    if (target.isIntegralNumber() && target.asLong() < 1) {
      violations.add(
          ApiSyntax.error(
              document,
              "/spec/targetCPUUtilizationPercentage",
              "targetCPUUtilizationPercentage is " + target.asLong() + "; it must be above 0.",
              "Use a percentage of the CPU request, such as 80."));
    }
    JsonNode metrics = Json.items(spec.path("metrics"));
    for (int i = 0; i < metrics.size(); i++) {
      metric(document, "/spec/metrics/" + i, metrics.get(i), violations);
    }
    for (String direction : List.of("scaleUp", "scaleDown")) {
      rules(
          document,
          "/spec/behavior/" + direction,
          spec.path("behavior").path(direction),
          violations);
    }
  }

  /** ValidateCrossVersionObjectReference: a kind and a name, each a valid path segment. */
  private static void reference(
      ManifestDocument document, String at, JsonNode ref, List<Violation> violations) {
    if (!ref.isObject()) {
      return;
    }
    for (String field : List.of("kind", "name")) {
      JsonNode value = ref.path(field);
      if (!value.isMissingNode() && !value.isTextual()) {
        continue; // the schema reports it
      }
      String text = value.asText("");
      String problem =
          text.isEmpty()
              ? "is empty"
              : text.equals(".") || text.equals("..")
                  ? "may not be '" + text + "'"
                  : text.indexOf('/') >= 0 || text.indexOf('%') >= 0
                      ? "may not hold '/' or '%'"
                      : null;
      if (problem != null) {
        violations.add(
            ApiSyntax.error(
                document,
                text.isEmpty() ? at : at + "/" + field,
                at.substring(at.lastIndexOf('/') + 1) + " " + field + " " + problem + ".",
                "Name the "
                    + (field.equals("kind") ? "kind, e.g. Deployment" : "object by its name")
                    + "."));
      }
    }
  }

  private static void metric(
      ManifestDocument document, String at, JsonNode metric, List<Violation> violations) {
    if (!metric.isObject()) {
      return;
    }
    String type = metric.path("type").asText("");
    String expected = SOURCES.get(type);
    if (expected == null) {
      violations.add(
          ApiSyntax.error(
              document,
              at + "/type",
              "metric type '"
                  + type
                  + "' is not one of Object, Pods, Resource, External, ContainerResource.",
              "Use e.g. type: Resource with resource: {name: cpu, target: {type: Utilization,"
                  + " averageUtilization: 80}}."));
    }
    List<String> present = new ArrayList<>();
    for (String field : SOURCES.values()) {
      if (metric.hasNonNull(field)) {
        present.add(field);
      }
    }
    if (expected != null && !present.contains(expected)) {
      violations.add(
          ApiSyntax.error(
              document,
              at,
              "a " + type + " metric needs " + expected + ", which it lacks.",
              "Add " + expected + ": {...} with the metric and its target."));
    }
    for (String field : present) {
      // as the API server: another source is named only beside a second one
      if (expected != null && !field.equals(expected) && present.size() != 1) {
        violations.add(
            ApiSyntax.error(
                document,
                at + "/" + field,
                "a " + type + " metric may only have " + expected + ", not " + field + ".",
                "Remove " + field + ", or set type to its metric type."));
      }
    }
    if (expected == null || !present.contains(expected)) {
      return;
    }
    JsonNode source = metric.path(expected);
    String where = at + "/" + expected;
    JsonNode target = source.path("target");
    target(document, where + "/target", target, violations);
    boolean value = target.hasNonNull("value");
    boolean average = target.hasNonNull("averageValue");
    boolean utilization = target.hasNonNull("averageUtilization");
    String needed =
        switch (type) {
          case "Resource", "ContainerResource" ->
              !utilization && !average
                  ? "averageUtilization or averageValue"
                  : utilization && average ? "averageUtilization or averageValue, not both" : null;
          case "Pods" -> average ? null : "averageValue";
          case "External" ->
              !value && !average
                  ? "value or averageValue"
                  : value && average ? "value or averageValue, not both" : null;
          default -> !value && !average ? "value or averageValue" : null;
        };
    if (needed != null && target.isObject()) {
      violations.add(
          ApiSyntax.error(
              document,
              where + "/target",
              "a " + type + " metric's target needs " + needed + ".",
              "Write e.g. target: {type: AverageValue, averageValue: 500m}."));
    }
  }

  /** validateMetricTarget. */
  private static void target(
      ManifestDocument document, String at, JsonNode target, List<Violation> violations) {
    if (!target.isObject()) {
      return;
    }
    ApiSyntax.oneOfOrEmpty(
        document,
        at + "/type",
        target.path("type"),
        List.of("Utilization", "Value", "AverageValue"),
        violations);
    for (String field : List.of("value", "averageValue")) {
      java.math.BigDecimal quantity = Quantity.of(target.path(field)).orElse(null);
      if (quantity != null && quantity.signum() <= 0) {
        violations.add(
            ApiSyntax.error(
                document,
                at + "/" + field,
                field + " " + target.path(field).asText() + " is not positive.",
                "Use a quantity above 0."));
      }
    }
    JsonNode utilization = target.path("averageUtilization");
    if (utilization.isIntegralNumber() && utilization.asLong() < 1) {
      violations.add(
          ApiSyntax.error(
              document,
              at + "/averageUtilization",
              "averageUtilization is " + utilization.asLong() + "; it must be above 0.",
              "Use a percentage of the request, such as 80."));
    }
  }

  /** validateScalingRules (policies left out are defaulted; an empty list is not). */
  private static void rules(
      ManifestDocument document, String at, JsonNode rules, List<Violation> violations) {
    if (!rules.isObject()) {
      return;
    }
    JsonNode window = rules.path("stabilizationWindowSeconds");
    if (window.isIntegralNumber() && (window.asLong() < 0 || window.asLong() > 3600)) {
      violations.add(
          ApiSyntax.error(
              document,
              at + "/stabilizationWindowSeconds",
              "stabilizationWindowSeconds " + window.asLong() + " is outside 0-3600.",
              "Use 0 to 3600 seconds."));
    }
    ApiSyntax.oneOfOrEmpty(
        document,
        at + "/selectPolicy",
        rules.path("selectPolicy"),
        List.of("Max", "Min", "Disabled"),
        violations);
    JsonNode policies = rules.path("policies");
    if (policies.isArray() && policies.isEmpty()) {
      violations.add(
          ApiSyntax.error(
              document,
              at + "/policies",
              "policies is empty; the API server wants at least one.",
              "Add a policy, e.g. {type: Pods, value: 1, periodSeconds: 60}, or leave policies out"
                  + " for the defaults."));
    }
    for (int i = 0; i < policies.size() && policies.isArray(); i++) {
      JsonNode policy = policies.get(i);
      String where = at + "/policies/" + i;
      ApiSyntax.oneOfOrEmpty(
          document, where + "/type", policy.path("type"), List.of("Pods", "Percent"), violations);
      for (String field : List.of("value", "periodSeconds")) {
        JsonNode number = policy.path(field);
        long limit = field.equals("periodSeconds") ? 1800 : Long.MAX_VALUE;
        if (number.isIntegralNumber() && (number.asLong() <= 0 || number.asLong() > limit)) {
          violations.add(
              ApiSyntax.error(
                  document,
                  where + "/" + field,
                  field
                      + " is "
                      + number.asLong()
                      + "; it must be above 0"
                      + (limit < Long.MAX_VALUE ? " and at most " + limit : "")
                      + ".",
                  "Use e.g. " + field + ": " + (field.equals("value") ? "1" : "60") + "."));
        }
      }
    }
  }
}
