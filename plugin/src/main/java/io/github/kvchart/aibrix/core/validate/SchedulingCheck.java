package io.github.kvchart.aibrix.core.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.Json;
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the API server refuses in a pod spec's scheduling constraints beyond the schema
 * (validateTopologySpreadConstraints, validateAffinity, ValidateNodeSelector and
 * validatePodAffinityTerm in kubernetes' core validation): a topology spread constraint with a
 * maxSkew below 1, no topologyKey, a whenUnsatisfiable other than DoNotSchedule or ScheduleAnyway,
 * the same key and action twice, a minDomains below 1 or without DoNotSchedule, or a node policy
 * other than Honor or Ignore; tolerations (ValidateTolerations); a required node affinity without
 * terms; a node selector requirement whose operator is unknown or whose values do not fit it, or
 * whose key is not a label name; a pod affinity term without a topologyKey; a preferred term's
 * weight outside 1-100. Part of {@link WorkloadCheck}.
 */
final class SchedulingCheck {
  private static final List<String> ACTIONS = List.of("DoNotSchedule", "ScheduleAnyway");
  private static final List<String> NODE_POLICIES = List.of("Honor", "Ignore");

  private SchedulingCheck() {}

  static void check(
      ManifestDocument document, String spec, JsonNode pod, List<Violation> violations) {
    spread(document, spec + "/topologySpreadConstraints", pod, violations);
    JsonNode tolerations = Json.items(pod.path("tolerations"));
    for (int i = 0; i < tolerations.size(); i++) {
      toleration(document, spec + "/tolerations/" + i, tolerations.get(i), violations);
    }
    JsonNode affinity = pod.path("affinity");
    if (!affinity.isObject()) {
      return;
    }
    String at = spec + "/affinity";
    JsonNode node = affinity.path("nodeAffinity");
    JsonNode required = node.path("requiredDuringSchedulingIgnoredDuringExecution");
    if (required.isObject()) {
      JsonNode terms = required.path("nodeSelectorTerms");
      String where = at + "/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution";
      if (terms.isArray() && terms.isEmpty()) {
        violations.add(
            ApiSyntax.error(
                document,
                where + "/nodeSelectorTerms",
                "nodeSelectorTerms is empty; the API server wants at least one term.",
                "Add a term, e.g. {matchExpressions: [{key: nvidia.com/gpu.present, operator: In,"
                    + " values: [\"true\"]}]}, or remove the required node affinity."));
      }
      for (int i = 0; i < terms.size() && terms.isArray(); i++) {
        term(document, where + "/nodeSelectorTerms/" + i, terms.get(i), violations);
      }
    }
    JsonNode preferred = Json.items(node.path("preferredDuringSchedulingIgnoredDuringExecution"));
    for (int i = 0; i < preferred.size(); i++) {
      String where = at + "/nodeAffinity/preferredDuringSchedulingIgnoredDuringExecution/" + i;
      weight(document, where, preferred.get(i), violations);
      term(document, where + "/preference", preferred.get(i).path("preference"), violations);
    }
    for (String kind : List.of("podAffinity", "podAntiAffinity")) {
      JsonNode terms =
          Json.items(affinity.path(kind).path("requiredDuringSchedulingIgnoredDuringExecution"));
      for (int i = 0; i < terms.size(); i++) {
        podTerm(
            document,
            at + "/" + kind + "/requiredDuringSchedulingIgnoredDuringExecution/" + i,
            terms.get(i),
            violations);
      }
      JsonNode weighted =
          Json.items(affinity.path(kind).path("preferredDuringSchedulingIgnoredDuringExecution"));
      for (int i = 0; i < weighted.size(); i++) {
        String where = at + "/" + kind + "/preferredDuringSchedulingIgnoredDuringExecution/" + i;
        weight(document, where, weighted.get(i), violations);
        podTerm(
            document,
            where + "/podAffinityTerm",
            weighted.get(i).path("podAffinityTerm"),
            violations);
      }
    }
  }

  private static void spread(
      ManifestDocument document, String at, JsonNode pod, List<Violation> violations) {
    JsonNode constraints = Json.items(pod.path("topologySpreadConstraints"));
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < constraints.size(); i++) {
      JsonNode constraint = constraints.get(i);
      String where = at + "/" + i;
      JsonNode skew = constraint.path("maxSkew");
      if (skew.isIntegralNumber() && skew.asLong() <= 0) {
        violations.add(
            ApiSyntax.error(
                document,
                where + "/maxSkew",
                "maxSkew is " + skew.asLong() + "; it must be above 0.",
                "Use maxSkew: 1."));
      }
      String key = constraint.path("topologyKey").asText("");
      if (constraint.path("topologyKey").isTextual() && key.isEmpty()) {
        violations.add(
            ApiSyntax.error(
                document,
                where + "/topologyKey",
                "the constraint has an empty topologyKey.",
                "Use a node label such as topology.kubernetes.io/zone or kubernetes.io/hostname."));
      }
      JsonNode action = constraint.path("whenUnsatisfiable");
      if (action.isTextual() && !ACTIONS.contains(action.asText())) {
        violations.add(
            ApiSyntax.error(
                document,
                where + "/whenUnsatisfiable",
                "whenUnsatisfiable '"
                    + action.asText()
                    + "' is not DoNotSchedule or ScheduleAnyway.",
                "Use DoNotSchedule or ScheduleAnyway."));
      }
      if (!seen.add(key + "\n" + action.asText())) {
        violations.add(
            ApiSyntax.error(
                document,
                where,
                "a second constraint on topologyKey '"
                    + key
                    + "' with "
                    + action.asText()
                    + "; the API server allows one per key and action.",
                "Merge the two constraints."));
      }
      JsonNode domains = constraint.path("minDomains");
      if (domains.isIntegralNumber()
          && (domains.asLong() <= 0 || !action.asText().equals("DoNotSchedule"))) {
        violations.add(
            ApiSyntax.error(
                document,
                where + "/minDomains",
                domains.asLong() <= 0
                    ? "minDomains is " + domains.asLong() + "; it must be above 0."
                    : "minDomains needs whenUnsatisfiable: DoNotSchedule.",
                "Use minDomains of 1 or more with whenUnsatisfiable: DoNotSchedule, or remove it."));
      }
      for (String policy : List.of("nodeAffinityPolicy", "nodeTaintsPolicy")) {
        ApiSyntax.oneOfOrEmpty(
            document, where + "/" + policy, constraint.path(policy), NODE_POLICIES, violations);
      }
    }
  }

  /** ValidateNodeSelectorTerm: each requirement's operator, values and key. */
  private static void term(
      ManifestDocument document, String at, JsonNode term, List<Violation> violations) {
    JsonNode requirements = Json.items(term.path("matchExpressions"));
    for (int i = 0; i < requirements.size(); i++) {
      JsonNode requirement = requirements.get(i);
      String where = at + "/matchExpressions/" + i;
      String operator = requirement.path("operator").asText("");
      int values = requirement.path("values").size();
      String problem =
          switch (operator) {
            case "In", "NotIn" -> values == 0 ? "operator " + operator + " needs values" : null;
            case "Exists", "DoesNotExist" ->
                values > 0 ? "operator " + operator + " takes no values" : null;
            case "Gt", "Lt" -> values != 1 ? "operator " + operator + " takes one value" : null;
            default ->
                "operator '" + operator + "' is not In, NotIn, Exists, DoesNotExist, Gt or Lt";
          };
      if (problem != null) {
        violations.add(
            ApiSyntax.error(
                document,
                where,
                "node selector requirement " + i + ": " + problem + ".",
                "Write {key, operator: In, values: [...]}, {key, operator: Exists} or {key,"
                    + " operator: Gt, values: [\"<integer>\"]}."));
      }
      JsonNode key = requirement.path("key");
      String keyProblem = key.isTextual() ? ApiSyntax.keyProblem(key.asText()) : null;
      if (keyProblem != null) {
        violations.add(
            ApiSyntax.error(
                document,
                where + "/key",
                "node label key '"
                    + key.asText()
                    + "' is refused by the API server: "
                    + keyProblem
                    + ".",
                "Use the node label's key, e.g. nvidia.com/gpu.product."));
      }
    }
  }

  private static void podTerm(
      ManifestDocument document, String at, JsonNode term, List<Violation> violations) {
    if (!term.isObject()) {
      return;
    }
    JsonNode key = term.path("topologyKey");
    if (key.isTextual()) { // a missing one is the schema's to report
      String problem =
          key.asText().isEmpty()
              ? "has an empty topologyKey"
              : ApiSyntax.keyProblem(key.asText()) != null
                  ? "has topologyKey '" + key.asText() + "', which is not a label name"
                  : null;
      if (problem != null) {
        violations.add(
            ApiSyntax.error(
                document,
                at + "/topologyKey",
                "the pod affinity term " + problem + ".",
                "Use a node label such as kubernetes.io/hostname or topology.kubernetes.io/zone."));
      }
    }
    WorkloadCheck.expressions(
        document,
        at + "/labelSelector",
        Json.items(term.path("labelSelector").path("matchExpressions")),
        violations);
  }

  private static void weight(
      ManifestDocument document, String at, JsonNode weighted, List<Violation> violations) {
    JsonNode weight = weighted.path("weight");
    if (weight.isIntegralNumber() && (weight.asLong() < 1 || weight.asLong() > 100)) {
      violations.add(
          ApiSyntax.error(
              document,
              at + "/weight",
              "weight " + weight.asLong() + " is outside 1-100.",
              "Use a weight from 1 to 100."));
    }
  }

  private static final List<String> TAINT_EFFECTS =
      List.of("NoSchedule", "PreferNoSchedule", "NoExecute");

  /**
   * ValidateTolerations: a key that is a qualified name, or none with operator Exists; a value that
   * is a label value under Equal (the default) and none under Exists; an effect of NoSchedule,
   * PreferNoSchedule or NoExecute (or none, meaning all), NoExecute when tolerationSeconds is set.
   */
  private static void toleration(
      ManifestDocument document, String at, JsonNode toleration, List<Violation> violations) {
    if (!toleration.isObject()) {
      return;
    }
    String key = toleration.path("key").asText("");
    String operator = toleration.path("operator").asText("");
    String value = toleration.path("value").asText("");
    String effect = toleration.path("effect").asText("");
    String keyProblem = key.isEmpty() ? null : ApiSyntax.keyProblem(key);
    if (keyProblem != null) {
      violations.add(
          ApiSyntax.error(
              document,
              at + "/key",
              "toleration key '" + key + "' is refused by the API server: " + keyProblem + ".",
              "Use the taint's key, such as nvidia.com/gpu."));
    }
    if (key.isEmpty() && !operator.equals("Exists")) {
      violations.add(
          ApiSyntax.error(
              document,
              at,
              "a toleration without a key must have operator: Exists (it then tolerates every"
                  + " taint).",
              "Add the taint's key, or set operator: Exists."));
    }
    if (toleration.hasNonNull("tolerationSeconds") && !effect.equals("NoExecute")) {
      violations.add(
          ApiSyntax.error(
              document,
              at + "/tolerationSeconds",
              "tolerationSeconds needs effect: NoExecute.",
              "Set effect: NoExecute, or remove tolerationSeconds."));
    }
    if (operator.equals("Exists") && !value.isEmpty()) {
      violations.add(
          ApiSyntax.error(
              document,
              at + "/value",
              "a toleration with operator Exists must have no value.",
              "Remove value, or use operator: Equal."));
    } else if (operator.isEmpty() || operator.equals("Equal")) {
      String problem = ApiSyntax.valueProblem(value);
      if (problem != null) {
        violations.add(
            ApiSyntax.error(
                document,
                at + "/value",
                "toleration value '" + value + "' is refused by the API server: " + problem + ".",
                "Use the taint's value."));
      }
    } else {
      ApiSyntax.oneOf(
          document,
          at + "/operator",
          toleration.path("operator"),
          List.of("Equal", "Exists"),
          violations);
    }
    ApiSyntax.oneOf(document, at + "/effect", toleration.path("effect"), TAINT_EFFECTS, violations);
  }
}
