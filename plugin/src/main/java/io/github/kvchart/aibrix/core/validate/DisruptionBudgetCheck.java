package io.github.kvchart.aibrix.core.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.Json;
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.util.List;

/**
 * What the API server refuses in a policy/v1 PodDisruptionBudget beyond the schema
 * (ValidatePodDisruptionBudgetSpec in kubernetes' policy validation): minAvailable and
 * maxUnavailable both set; either one negative, a string that is not a percentage, or above 100%; a
 * malformed selector expression. Its selector's label syntax is checked with the other labels.
 */
final class DisruptionBudgetCheck {
  /** The kind this check reads. */
  static final String KIND = "policy/v1 PodDisruptionBudget";

  private DisruptionBudgetCheck() {}

  static void check(ManifestDocument document, List<Violation> violations) {
    JsonNode spec = document.root().path("spec");
    JsonNode min = spec.path("minAvailable");
    JsonNode max = spec.path("maxUnavailable");
    boolean minSet = !min.isMissingNode() && !min.isNull();
    boolean maxSet = !max.isMissingNode() && !max.isNull();
    if (minSet && maxSet) {
      violations.add(
          ApiSyntax.error(
              document,
              "/spec",
              "the PodDisruptionBudget sets both minAvailable and maxUnavailable; the API server"
                  + " allows one.",
              "Keep one of them. A Helm chart that sets one by default needs the other set to"
                  + " null in your values."));
    }
    for (String field : List.of("minAvailable", "maxUnavailable")) {
      JsonNode value = spec.path(field);
      if (value.isMissingNode() || value.isNull()) {
        continue;
      }
      Integer amount =
          ControllerSpecCheck.intOrPercent(document, value, "/spec/" + field, violations);
      if (value.isTextual() && amount != null && amount > 100) {
        violations.add(
            ApiSyntax.error(
                document,
                "/spec/" + field,
                field + " " + value.asText() + " is more than 100%.",
                "Use a percentage up to 100%, or a number of pods."));
      }
    }
    WorkloadCheck.expressions(
        document,
        "/spec/selector",
        Json.items(spec.path("selector").path("matchExpressions")),
        violations);
  }
}
