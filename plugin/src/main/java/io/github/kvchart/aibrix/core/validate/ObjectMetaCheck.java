package io.github.kvchart.aibrix.core.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import io.github.kvchart.aibrix.core.manifest.RuleIds;
import io.github.kvchart.aibrix.core.manifest.Severity;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What the API server checks in labels and annotations beyond the OpenAPI schema, read in
 * kubernetes/kubernetes (apimachinery {@code api/validation/objectmeta.go}, {@code
 * api/validate/content/kube.go}, {@code util/validation/validation.go}): every object's
 * (ValidateObjectMetaAccessor, custom resources included) and, for the built-in workloads, their
 * pod template's (ValidatePodTemplateSpec). A label key is a qualified name, a label value at most
 * 63 characters of {@code [-A-Za-z0-9_.]} that start and end alphanumeric (or empty), an annotation
 * key a qualified name in any case, and all annotations together at most 256 KiB.
 */
final class ObjectMetaCheck {
  /** TotalAnnotationSizeLimitB. */
  static final int ANNOTATIONS_LIMIT = 256 * 1024;

  private ObjectMetaCheck() {}

  /**
   * The violations of {@code document}; a {@code partial} one (a kustomize patch) is checked for
   * syntax only, as the workload it patches is only whole after the merge.
   */
  static List<Violation> check(ManifestDocument document, boolean partial) {
    List<Violation> violations = new ArrayList<>();
    check(document, "/metadata", violations);
    WorkloadCheck.Shape shape = WorkloadCheck.shape(document).orElse(null);
    if (shape != null && !shape.template().isEmpty()) {
      check(document, shape.template() + "/metadata", violations);
    }
    if (shape != null && shape.selector()) {
      labels(document, "/spec/selector/matchLabels", violations);
    }
    boolean service = document.apiVersion().equals("v1") && document.kind().equals("Service");
    if (service) {
      labels(document, "/spec/selector", violations);
    }
    if (!partial) {
      violations.addAll(WorkloadCheck.check(document));
      violations.addAll(ServiceCheck.check(document));
    }
    return violations;
  }

  private static void check(ManifestDocument document, String at, List<Violation> violations) {
    labels(document, at + "/labels", violations);
    annotations(document, at + "/annotations", violations);
  }

  /** The label keys and values of the map at {@code at} (labels, or a selector's). */
  private static void labels(ManifestDocument document, String at, List<Violation> violations) {
    JsonNode labels = document.root().at(at);
    for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> label = it.next();
      String pointer = at + "/" + escape(label.getKey());
      String keyProblem = keyProblem(label.getKey());
      if (keyProblem != null) {
        violations.add(invalid(document, pointer, "label key", label.getKey(), keyProblem));
      }
      String valueProblem =
          label.getValue().isTextual() ? valueProblem(label.getValue().asText()) : null;
      if (valueProblem != null) {
        violations.add(
            invalid(document, pointer, "label value", label.getValue().asText(), valueProblem));
      }
    }
  }

  private static void annotations(
      ManifestDocument document, String at, List<Violation> violations) {
    JsonNode annotations = document.root().at(at);
    long size = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = annotations.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> annotation = it.next();
      String keyProblem = keyProblem(annotation.getKey().toLowerCase(java.util.Locale.ROOT));
      if (keyProblem != null) {
        violations.add(
            invalid(
                document,
                at + "/" + escape(annotation.getKey()),
                "annotation key",
                annotation.getKey(),
                keyProblem));
      }
      size += utf8Length(annotation.getKey());
      if (annotation.getValue().isTextual()) {
        size += utf8Length(annotation.getValue().asText());
      }
    }
    if (size > ANNOTATIONS_LIMIT) {
      violations.add(
          document.violation(
              at,
              RuleIds.API_VALIDATION,
              Severity.ERROR,
              "the annotations come to "
                  + size
                  + " bytes; the API server refuses more than "
                  + ANNOTATIONS_LIMIT
                  + " (256 KiB, keys and values together).",
              "Move large data out of annotations (a ConfigMap, or a volume). kubectl apply's"
                  + " last-applied-configuration annotation counts too: use kubectl apply"
                  + " --server-side for large objects."));
    }
  }

  private static Violation invalid(
      ManifestDocument document, String pointer, String what, String value, String problem) {
    return document.violation(
        pointer,
        RuleIds.API_VALIDATION,
        Severity.ERROR,
        what + " '" + value + "' is refused by the API server: " + problem + ".",
        fix(what, value));
  }

  private static String fix(String what, String value) {
    if (what.equals("label value") && value.indexOf('/') >= 0) {
      return "Label values cannot hold '/': use a label-safe name such as '"
          + safe(value.substring(value.lastIndexOf('/') + 1))
          + "' (for a model, the same name in --served-model-name), or move the text to an"
          + " annotation.";
    }
    if (what.equals("label value")) {
      return "Use at most 63 characters of letters, digits, '-', '_' and '.', starting and ending"
          + " with a letter or digit, e.g. '"
          + safe(value)
          + "'; or move the text to an annotation.";
    }
    return "Use [prefix/]name: an optional lower-case DNS subdomain prefix (at most 253"
        + " characters) and a name of at most 63 letters, digits, '-', '_' and '.', starting and"
        + " ending with a letter or digit, e.g. example.com/my-key.";
  }

  /** A label-safe spelling of {@code value}, for the fix. */
  private static String safe(String value) {
    String safe = value.replaceAll("[^-A-Za-z0-9_.]+", "-").replaceAll("^[^A-Za-z0-9]+", "");
    safe = safe.length() > 63 ? safe.substring(0, 63) : safe;
    return safe.replaceAll("[^A-Za-z0-9]+$", "");
  }

  /** Why {@code key} is not a qualified name (IsQualifiedName), or null. */
  static String keyProblem(String key) {
    int slash = key.indexOf('/');
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
    if (!isLabelName(name)) {
      return "its name part '"
          + name
          + "' may only hold letters, digits, '-', '_' and '.', and must start and end with a"
          + " letter or digit";
    }
    return null;
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
  private static boolean isLabelName(String text) {
    int last = text.length() - 1;
    for (int i = 0; i <= last; i++) {
      char c = text.charAt(i);
      boolean alphanumeric =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!alphanumeric && ((i == 0 || i == last) || (c != '-' && c != '_' && c != '.'))) {
        return false;
      }
    }
    return last >= 0;
  }

  /**
   * IsDNS1123Subdomain: at most 253 characters, dot-separated {@code
   * [a-z0-9]([-a-z0-9]*[a-z0-9])?}.
   */
  private static boolean isDnsSubdomain(String text) {
    if (text.length() > 253) {
      return false;
    }
    int start = 0;
    while (true) {
      int dot = text.indexOf('.', start);
      int end = dot < 0 ? text.length() : dot;
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
      if (dot < 0) {
        return true;
      }
      start = dot + 1;
    }
  }

  private static long utf8Length(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
