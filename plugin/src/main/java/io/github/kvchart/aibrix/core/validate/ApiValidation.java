package io.github.kvchart.aibrix.core.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.DnsNames;
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import io.github.kvchart.aibrix.core.manifest.Violation;
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
          Map.entry("v1 PersistentVolumeClaim", NameFormat.SUBDOMAIN),
          Map.entry("v1 Namespace", NameFormat.LABEL),
          Map.entry("v1 Service", NameFormat.DNS1035));

  private static final String SERVICE = "v1 Service";

  private static final String PERSISTENT_VOLUME_CLAIM = "v1 PersistentVolumeClaim";

  /**
   * The "apiVersion kind" keys of the built-in kinds this rule knows, by apiVersion and kind, so
   * that a document's key is found without building a string.
   */
  private static final Map<String, Map<String, String>> KEYS = keys();

  private static Map<String, Map<String, String>> keys() {
    java.util.Set<String> all = new java.util.TreeSet<>(NAMES.keySet());
    all.addAll(WorkloadCheck.SHAPES.keySet());
    all.addAll(ControllerSpecCheck.KINDS);
    all.add(SERVICE);
    all.add(DisruptionBudgetCheck.KIND);
    all.add(NetworkPolicyCheck.KIND);
    all.add(IngressCheck.KIND);
    all.addAll(RbacCheck.KINDS);
    all.addAll(AutoscalerCheck.KINDS);
    all.add(PERSISTENT_VOLUME_CLAIM);
    Map<String, Map<String, String>> keys = new java.util.HashMap<>();
    for (String key : all) {
      int space = key.indexOf(' ');
      keys.computeIfAbsent(key.substring(0, space), v -> new java.util.HashMap<>())
          .put(key.substring(space + 1), key);
    }
    return keys;
  }

  /** The document's "apiVersion kind" key, or null for a kind this rule does not know. */
  static String key(ManifestDocument document) {
    Map<String, String> kinds = KEYS.get(document.apiVersion());
    return kinds == null ? null : kinds.get(document.kind());
  }

  /** A CronJob's name leaves room for the 11-character suffix of its Jobs' names. */
  static final int CRON_JOB_NAME_LIMIT = 52;

  private ApiValidation() {}

  /**
   * The violations of {@code document} on Kubernetes 1.{@code minor}; a {@code partial} one (a
   * kustomize patch) is checked for syntax only, as the workload it patches is only whole after the
   * merge.
   */
  static List<Violation> check(ManifestDocument document, boolean partial, int minor) {
    List<Violation> violations = new ArrayList<>();
    String key = key(document);
    JsonNode root = document.root();
    metadata(document, root.path("metadata"), "", violations);
    WorkloadCheck.Shape shape = key == null ? null : WorkloadCheck.SHAPES.get(key);
    if (shape != null && !shape.template().isEmpty()) {
      metadata(
          document,
          root.at(shape.templatePointer()).path("metadata"),
          shape.template(),
          violations);
    }
    if ((shape != null && shape.selector()) || DisruptionBudgetCheck.KIND.equals(key)) {
      labels(
          document,
          root.path("spec").path("selector").path("matchLabels"),
          "/spec/selector",
          "matchLabels",
          violations);
    }
    boolean service = SERVICE.equals(key);
    if (service) {
      labels(document, root.path("spec").path("selector"), "/spec", "selector", violations);
    }
    if (!partial && key != null) {
      name(document, key, violations);
      if (shape != null) {
        violations.addAll(WorkloadCheck.check(document, shape, minor));
      }
      if (service) {
        violations.addAll(ServiceCheck.check(document));
      }
      ControllerSpecCheck.check(document, key, violations);
      DataCheck.check(document, violations);
      if (DisruptionBudgetCheck.KIND.equals(key)) {
        DisruptionBudgetCheck.check(document, violations);
      }
      if (NetworkPolicyCheck.KIND.equals(key)) {
        NetworkPolicyCheck.check(document, violations);
      }
      if (IngressCheck.KIND.equals(key)) {
        IngressCheck.check(document, violations);
      }
      if (RbacCheck.KINDS.contains(key)) {
        RbacCheck.check(document, violations);
      }
      if (AutoscalerCheck.KINDS.contains(key)) {
        AutoscalerCheck.check(document, violations);
      }
      if (PERSISTENT_VOLUME_CLAIM.equals(key)) {
        ClaimCheck.check(document, violations);
      }
    }
    if (!partial) {
      violations.addAll(ControllerPods.check(document, key, minor));
    }
    return violations;
  }

  private static void name(ManifestDocument document, String key, List<Violation> violations) {
    NameFormat format = NAMES.get(key);
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
          case LABEL -> DnsNames.isDnsLabel(text);
          case DNS1035 -> DnsNames.isDns1035Label(text);
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
                    case DNS1035 -> DnsNames.DNS_1035_LABEL;
                  }
                  + ".",
              "Use a lower-case name such as '" + DnsNames.lowerCaseName(text) + "'."));
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

  /** The labels and annotations of the metadata of the object at {@code object} ("" the root). */
  static void metadata(
      ManifestDocument document, JsonNode metadata, String object, List<Violation> violations) {
    if (!metadata.isObject()) {
      return;
    }
    labels(document, metadata.path("labels"), object + "/metadata", "labels", violations);
    annotations(document, metadata.path("annotations"), object, violations);
  }

  /**
   * The label keys and values of {@code labels} (labels, or a selector's), the field {@code field}
   * of {@code parent} (pointers are built only for violations).
   */
  static void labels(
      ManifestDocument document,
      JsonNode labels,
      String parent,
      String field,
      List<Violation> violations) {
    for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> label = it.next();
      String key = label.getKey();
      String value = label.getValue().isTextual() ? label.getValue().asText() : null;
      String keyProblem = ApiSyntax.keyProblem(key);
      String valueProblem = value == null ? null : ApiSyntax.valueProblem(value);
      if (keyProblem != null || valueProblem != null) {
        String at = parent + "/" + field + "/" + escape(key);
        if (keyProblem != null) {
          violations.add(invalid(document, at, "label key", key, keyProblem));
        }
        if (valueProblem != null) {
          violations.add(invalid(document, at, "label value", value, valueProblem));
        }
      }
    }
  }

  private static void annotations(
      ManifestDocument document, JsonNode annotations, String object, List<Violation> violations) {
    long size = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = annotations.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> annotation = it.next();
      String name = annotation.getKey();
      String keyProblem = ApiSyntax.keyProblem(name.toLowerCase(java.util.Locale.ROOT));
      if (keyProblem != null) {
        violations.add(
            invalid(
                document,
                object + "/metadata/annotations/" + escape(name),
                "annotation key",
                name,
                keyProblem));
      }
      size += utf8Length(name);
      if (annotation.getValue().isTextual()) {
        size += utf8Length(annotation.getValue().asText());
      }
    }
    if (size > ANNOTATIONS_LIMIT) {
      violations.add(
          ApiSyntax.error(
              document,
              object + "/metadata/annotations",
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

  /** The UTF-8 length of {@code text}, counted without encoding it. */
  static long utf8Length(String text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes++;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
