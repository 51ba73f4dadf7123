package io.github.kvchart.aibrix.core.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import io.github.kvchart.aibrix.core.manifest.RuleIds;
import io.github.kvchart.aibrix.core.manifest.Severity;
import io.github.kvchart.aibrix.core.manifest.Violation;

/**
 * The name formats of the API server's validation (kubernetes apimachinery {@code
 * util/validation/validation.go} and {@code api/validate/content/kube.go}), written as character
 * tests: qualified names (label and annotation keys), label values, DNS-1123 subdomains and port
 * names (DNS labels are in {@link io.github.kvchart.aibrix.core.DnsNames}); and the api-validation
 * violation.
 */
final class ApiSyntax {
  private ApiSyntax() {}

  /** An api-validation error at {@code at}. */
  static Violation error(ManifestDocument document, String at, String message, String fix) {
    return document.violation(at, RuleIds.API_VALIDATION, Severity.ERROR, message, fix);
  }

  /**
   * Adds a violation when the string at {@code at} is set and not one of {@code allowed}
   * (field.NotSupported). An empty string passes: each field checked so is one the API server
   * defaults when it is empty. A value that is not a string is the schema's to report.
   */
  static void oneOf(
      ManifestDocument document,
      String at,
      JsonNode value,
      java.util.List<String> allowed,
      java.util.List<Violation> violations) {
    if (value.isTextual() && !value.asText().isEmpty()) {
      oneOfOrEmpty(document, at, value, allowed, violations);
    }
  }

  /**
   * As {@link #oneOf}, for a field the API server does not default: an empty string is refused too,
   * as a pointer to "" (an Ingress's pathType, a claim's volumeMode) or a plain string without a
   * default (an access mode, a policy type, a subject's kind) is.
   */
  static void oneOfOrEmpty(
      ManifestDocument document,
      String at,
      JsonNode value,
      java.util.List<String> allowed,
      java.util.List<Violation> violations) {
    if (!value.isTextual() || allowed.contains(value.asText())) {
      return;
    }
    String text = value.asText();
    String field = at.substring(at.lastIndexOf('/') + 1);
    String match = allowed.stream().filter(a -> a.equalsIgnoreCase(text)).findFirst().orElse(null);
    String list = String.join(", ", allowed);
    violations.add(
        error(
            document,
            at,
            text.isEmpty()
                ? field + " is empty, and the API server does not default it; it refuses it."
                : field
                    + " '"
                    + text
                    + "' is not one of "
                    + list
                    + (match != null ? " (the values are case-sensitive)" : "")
                    + "; the API server refuses it.",
            match != null ? "Write " + match + "." : "Use one of " + list + "."));
  }

  /**
   * Whether {@code number} fails IsValidPortNum: an integer outside 1-65535 ({@code unsetAllowed}:
   * 0 means unset and passes). What is not an integer, or is beyond a long, is left to the schema.
   */
  static boolean badPort(JsonNode number, boolean unsetAllowed) {
    if (!number.isIntegralNumber() || !number.canConvertToLong()) {
      return false;
    }
    long value = number.asLong();
    return !(unsetAllowed && value == 0) && (value < 1 || value > 65535);
  }

  /** The violation of a port {@code number} that {@link #badPort} refuses. */
  static Violation portViolation(
      ManifestDocument document, String at, String field, JsonNode number, String fix) {
    return error(document, at, field + " " + number.asLong() + " is not a port (1-65535).", fix);
  }

  /** Why {@code key} is not a qualified name (IsQualifiedName), or null. */
  static String keyProblem(String key) {
    int slash = key.indexOf('/');
    int nameStart = slash + 1;
    if (slash >= 0 && key.indexOf('/', nameStart) < 0 && slash > 0) {
      if (isDnsSubdomain(key, 0, slash) && isLabelName(key, nameStart, key.length())) {
        return null; // the common case, with no substring
      }
    } else if (slash < 0 && isLabelName(key, 0, key.length())) {
      return null;
    }
    String name = key;
    if (slash >= 0) {
      if (key.indexOf('/', slash + 1) >= 0) {
        return "it has more than one '/' (a key is [prefix/]name)";
      }
      String prefix = key.substring(0, slash);
      name = key.substring(slash + 1);
      if (prefix.isEmpty()) {
        return "its prefix before '/' is empty";
      }
      if (!isDnsSubdomain(prefix)) {
        return "its prefix '"
            + prefix
            + "' is not a lower-case DNS subdomain (at most 253 characters of a-z, 0-9, '-' and"
            + " '.', each part starting and ending with a letter or digit)";
      }
    }
    if (name.isEmpty()) {
      return "its name part is empty";
    }
    if (name.length() > 63) {
      return "its name part has " + name.length() + " characters (at most 63)";
    }
    return "its name part '"
        + name
        + "' may only hold letters, digits, '-', '_' and '.', and must start and end with a"
        + " letter or digit";
  }

  /** Why {@code value} is not a label value (IsLabelValue), or null. */
  static String valueProblem(String value) {
    if (value.length() > 63) {
      return "it has " + value.length() + " characters (at most 63)";
    }
    if (!value.isEmpty() && !isLabelName(value)) {
      return "a label value may only hold letters, digits, '-', '_' and '.', and must start and"
          + " end with a letter or digit (or be empty)";
    }
    return null;
  }

  /** {@code ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]}. */
  static boolean isLabelName(String text) {
    return text.length() <= 63 && isLabelName(text, 0, text.length());
  }

  /** {@link #isLabelName(String)} on {@code text[from, to)}, at most 63 characters. */
  private static boolean isLabelName(String text, int from, int to) {
    int last = to - 1;
    if (to - from > 63) {
      return false;
    }
    for (int i = from; i <= last; i++) {
      char c = text.charAt(i);
      boolean alphanumeric =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!alphanumeric && ((i == from || i == last) || (c != '-' && c != '_' && c != '.'))) {
        return false;
      }
    }
    return last >= from;
  }

  /**
   * IsDNS1123Subdomain: at most 253 characters, dot-separated {@code
   * [a-z0-9]([-a-z0-9]*[a-z0-9])?}.
   */
  static boolean isDnsSubdomain(String text) {
    return isDnsSubdomain(text, 0, text.length());
  }

  /** {@link #isDnsSubdomain(String)} on {@code text[from, to)}. */
  private static boolean isDnsSubdomain(String text, int from, int to) {
    if (to - from > 253) {
      return false;
    }
    int start = from;
    while (true) {
      int dot = text.indexOf('.', start);
      int end = dot < 0 || dot >= to ? to : dot;
      if (end == start) {
        return false;
      }
      for (int i = start; i < end; i++) {
        char c = text.charAt(i);
        boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (!alphanumeric && (i == start || i == end - 1 || c != '-')) {
          return false;
        }
      }
      if (end == to) {
        return true;
      }
      start = end + 1;
    }
  }

  /** IsValidPortName: at most 15 of [-a-z0-9], a letter, no "--", no '-' at either end. */
  static String portNameProblem(String name) {
    if (name.length() > 15) {
      return "has " + name.length() + " characters (at most 15)";
    }
    boolean letter = false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
        return "may only hold a-z, 0-9 and '-'";
      }
      letter |= c >= 'a' && c <= 'z';
    }
    if (!letter) {
      return "needs at least one letter";
    }
    if (name.indexOf("--") >= 0) {
      return "must not hold '--'";
    }
    if (name.charAt(0) == '-' || name.charAt(name.length() - 1) == '-') {
      return "must not start or end with '-'";
    }
    return null;
  }
}
