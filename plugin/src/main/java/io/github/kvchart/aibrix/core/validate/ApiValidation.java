package io.github.kvchart.aibrix.core.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The api-validation rule: what the API server's own validation refuses beyond the OpenAPI schema.
 * Here the labels and annotations; {@link WorkloadCheck} and {@link ServiceCheck} do the rest.
 * Labels and annotations as the API server checks them, read in kubernetes/kubernetes (apimachinery
 * {@code api/validation/objectmeta.go}, {@code api/validate/content/kube.go}, {@code
 * util/validation/validation.go}): every object's (ValidateObjectMetaAccessor, custom resources
 * included) and, for the built-in workloads, their pod template's (ValidatePodTemplateSpec). A
 * label key is a qualified name, a label value at most 63 characters of {@code [-A-Za-z0-9_.]} that
 * start and end alphanumeric (or empty), an annotation key a qualified name in any case, and all
 * annotations together at most 256 KiB.
 */
final class ApiValidation {
  /** TotalAnnotationSizeLimitB. */
  static final int ANNOTATIONS_LIMIT = 256 * 1024;

  /** How the API server checks a name. */
  enum NameFormat {
    /** IsDNS1123Subdomain: at most 253 of [a-z0-9-.], each part alphanumeric at both ends. */
    SUBDOMAIN,
    /** IsDNS1123Label: at most 63 of [a-z0-9-], alphanumeric at both ends. */
    LABEL,
    /** IsDNS1035Label: a DNS-1123 label that starts with a letter. */
    DNS1035
  }

  /**
   * The name format of built-in kinds (ValidateDeploymentName, ValidateServiceName and their kin in
   * kubernetes' apps, batch and core validation). A StatefulSet's went from a DNS subdomain to a
   * DNS label; the subdomain, which every release accepts at least, is checked. Custom resources
   * are left out: their name check depends on the release.
   */
  private static final Map<String, NameFormat> NAMES =
      Map.ofEntries(
          Map.entry("apps/v1 Deployment", NameFormat.SUBDOMAIN),
          Map.entry("apps/v1 ReplicaSet", NameFormat.SUBDOMAIN),
          Map.entry("apps/v1 DaemonSet", NameFormat.SUBDOMAIN),
          Map.entry("apps/v1 StatefulSet", NameFormat.SUBDOMAIN),
          Map.entry("batch/v1 Job", NameFormat.SUBDOMAIN),
          Map.entry("batch/v1 CronJob", NameFormat.SUBDOMAIN),
          Map.entry("v1 Pod", NameFormat.SUBDOMAIN),
          Map.entry("v1 ConfigMap", NameFormat.SUBDOMAIN),
          Map.entry("v1 Secret", NameFormat.SUBDOMAIN),
          Map.entry("v1 ServiceAccount", NameFormat.SUBDOMAIN),
          Map.entry("v1 Namespace", NameFormat.LABEL),
          Map.entry("v1 Service", NameFormat.DNS1035));

  /** A CronJob's name leaves room for the 11-character suffix of its Jobs' names. */
  static final int CRON_JOB_NAME_LIMIT = 52;

  private ApiValidation() {}

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
      name(document, violations);
      violations.addAll(WorkloadCheck.check(document));
      violations.addAll(ControllerSpecCheck.check(document));
      violations.addAll(ServiceCheck.check(document));
    }
    return violations;
  }

  private static void name(ManifestDocument document, List<Violation> violations) {
    NameFormat format = NAMES.get(document.apiVersion() + " " + document.kind());
    JsonNode metadata = document.root().path("metadata");
    JsonNode name = metadata.path("name");
    if (format == null || !metadata.isObject()) {
      return;
    }
    if (name.isMissingNode() || name.isNull() || name.asText().isEmpty()) {
      JsonNode generate = metadata.path("generateName");
      if (!generate.isTextual() || generate.asText().isEmpty()) {
        violations.add(
            ApiSyntax.error(
                document,
                "/metadata",
                "the "
                    + document.kind()
                    + " has no name; the API server needs name or generateName.",
                "Add metadata.name."));
      }
      return;
    }
    if (!name.isTextual()) {
      return; // the schema reports a name that is not a string
    }
    String text = name.asText();
    boolean valid =
        switch (format) {
          case SUBDOMAIN -> ApiSyntax.isDnsSubdomain(text);
          case LABEL -> ApiSyntax.isDnsLabel(text);
          case DNS1035 ->
              ApiSyntax.isDnsLabel(text) && text.charAt(0) >= 'a' && text.charAt(0) <= 'z';
        };
    if (!valid) {
      violations.add(
          ApiSyntax.error(
              document,
              "/metadata/name",
              document.kind()
                  + " name '"
                  + text
                  + "' is refused by the API server: it must be "
                  + switch (format) {
                    case SUBDOMAIN ->
                        "a DNS-1123 subdomain: at most 253 characters of a-z, 0-9,"
                            + " '-' and '.', each part starting and ending with a letter or digit";
                    case LABEL ->
                        "a DNS-1123 label: at most 63 characters of a-z, 0-9 and '-',"
                            + " starting and ending with a letter or digit";
                    case DNS1035 ->
                        "a DNS-1035 label: at most 63 characters of a-z, 0-9 and '-',"
                            + " starting with a letter and ending with a letter or digit";
                  }
                  + ".",
              "Use a lower-case name such as '" + ApiSyntax.lowerCaseName(text) + "'."));
    } else if (document.kind().equals("CronJob") && text.length() > CRON_JOB_NAME_LIMIT) {
      violations.add(
          ApiSyntax.error(
              document,
              "/metadata/name",
              "CronJob name '"
                  + text
                  + "' has "
                  + text.length()
                  + " characters; the API server allows 52, so that its Jobs' names (plus an"
                  + " 11-character suffix) fit.",
              "Shorten the name to at most 52 characters."));
    }
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
      String keyProblem = ApiSyntax.keyProblem(label.getKey());
      if (keyProblem != null) {
        violations.add(invalid(document, pointer, "label key", label.getKey(), keyProblem));
      }
      String valueProblem =
          label.getValue().isTextual() ? ApiSyntax.valueProblem(label.getValue().asText()) : null;
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
      String keyProblem =
          ApiSyntax.keyProblem(annotation.getKey().toLowerCase(java.util.Locale.ROOT));
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
          ApiSyntax.error(
              document,
              at,
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
    return ApiSyntax.error(
        document,
        pointer,
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

  private static long utf8Length(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
