package io.github.kvchart.aibrix.core.netpol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A Kubernetes label selector (matchLabels and matchExpressions with In, NotIn, Exists and
 * DoesNotExist), evaluated as the API does: every term must hold, and an empty selector selects
 * everything.
 */
public final class LabelSelector {
  private LabelSelector() {}

  /** Whether {@code selector} selects an object with {@code labels}. */
  public static boolean matches(JsonNode selector, Map<String, String> labels) {
    return matches(selector, (java.util.function.Function<String, String>) labels::get);
  }

  /** Whether {@code selector} selects an object whose label values {@code labels} looks up. */
  public static boolean matches(
      JsonNode selector, java.util.function.Function<String, String> labels) {
    if (selector == null || selector.isMissingNode() || selector.isNull()) {
      return true;
    }
    if (!selector.isObject()) {
      return false;
    }
    var terms = selector.path("matchLabels").fields();
    while (terms.hasNext()) {
      var term = terms.next();
      if (!term.getValue().isValueNode()
          || !term.getValue().asText().equals(labels.apply(term.getKey()))) {
        return false;
      }
    }
    for (JsonNode expression : selector.path("matchExpressions")) {
      if (!holds(expression, labels)) {
        return false;
      }
    }
    return true;
  }

  private static boolean holds(
      JsonNode expression, java.util.function.Function<String, String> labels) {
    String key = expression.path("key").asText();
    String value = labels.apply(key);
    JsonNode values = expression.path("values");
    return switch (expression.path("operator").asText()) {
      case "In" -> value != null && contains(values, value);
      case "NotIn" -> value == null || !contains(values, value);
      case "Exists" -> value != null;
      case "DoesNotExist" -> value == null;
      default -> false;
    };
  }

  private static boolean contains(JsonNode values, String value) {
    for (JsonNode candidate : values) {
      if (candidate.asText().equals(value)) {
        return true;
      }
    }
    return false;
  }
}
