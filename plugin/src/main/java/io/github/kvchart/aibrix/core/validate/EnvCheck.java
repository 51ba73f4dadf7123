package io.github.kvchart.aibrix.core.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.Json;
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the API server's pod validation refuses in a container's {@code env} and {@code envFrom}
 * beyond the schema (ValidateEnv, validateEnvVarValueFrom, validateObjectFieldSelector,
 * validateContainerResourceFieldSelector, validateConfigMapKeySelector, validateSecretKeySelector
 * and ValidateEnvFrom in kubernetes' core validation, after its defaults: a fieldRef's apiVersion
 * defaults to v1):
 *
 * <ul>
 *   <li>a variable with an empty name, or a name (or an envFrom prefix) that is not a variable
 *       name: up to Kubernetes 1.31 letters, digits, '_', '-' and '.', not starting with a digit,
 *       not '.' or '..' and not starting with '..'; from 1.32
 *       (RelaxedEnvironmentVariableValidation, on by default) any printable ASCII but '=';
 *   <li>a valueFrom with no source, with more than one, or beside a non-empty value;
 *   <li>a fieldRef to a field the downward API does not give a variable (metadata.name,
 *       metadata.namespace, metadata.uid, spec.nodeName, spec.serviceAccountName, status.hostIP(s),
 *       status.podIP(s), and one label or annotation as metadata.labels['key']), or with an
 *       apiVersion other than v1;
 *   <li>a resourceFieldRef to a resource other than the limits and requests of cpu, memory,
 *       ephemeral-storage and hugepages;
 *   <li>a configMapKeyRef or secretKeyRef without a valid name (a DNS-1123 subdomain) or key (a
 *       ConfigMap key);
 *   <li>an envFrom with no source or two, or a source without a valid name.
 * </ul>
 *
 * Part of {@link ContainerCheck}. A resourceFieldRef's divisor is not checked.
 */
final class EnvCheck {
  /** The first minor whose API server takes relaxed variable names by default. */
  static final int RELAXED_NAMES_FROM = 32;

  private static final List<String> VALUE_SOURCES =
      List.of("fieldRef", "resourceFieldRef", "configMapKeyRef", "secretKeyRef", "fileKeyRef");
  private static final List<String> ENV_FROM_SOURCES = List.of("configMapRef", "secretRef");

  /** validEnvDownwardAPIFieldPathExpressions. */
  private static final Set<String> FIELD_PATHS =
      Set.of(
          "metadata.name",
          "metadata.namespace",
          "metadata.uid",
          "spec.nodeName",
          "spec.serviceAccountName",
          "status.hostIP",
          "status.hostIPs",
          "status.podIP",
          "status.podIPs");

  /** validContainerResourceFieldPathExpressions. */
  private static final Set<String> RESOURCES =
      Set.of(
          "limits.cpu",
          "limits.memory",
          "limits.ephemeral-storage",
          "requests.cpu",
          "requests.memory",
          "requests.ephemeral-storage");

  private EnvCheck() {}

  /**
   * Adds the violations of the env and envFrom of the container at {@code at}, for a Kubernetes
   * minor {@code minor} (e.g. 35).
   */
  static void check(
      ManifestDocument document,
      String at,
      JsonNode container,
      int minor,
      List<Violation> violations) {
    boolean relaxed = minor >= RELAXED_NAMES_FROM;
    JsonNode env = Json.items(container.path("env"));
    for (int i = 0; i < env.size(); i++) {
      JsonNode variable = env.get(i);
      String where = at + "/env/" + i;
      JsonNode name = variable.path("name");
      if (name.isTextual()) {
        String problem = nameProblem(name.asText(), relaxed);
        if (problem != null) {
          violations.add(
              ApiSyntax.error(
                  document,
                  where + "/name",
                  name.asText().isEmpty()
                      ? "env " + i + " has an empty name; the API server refuses it."
                      : "env name '" + name.asText() + "' is refused by the API server: " + problem,
                  fix(relaxed)));
        }
      }
      JsonNode from = variable.path("valueFrom");
      if (from.isObject()) {
        valueFrom(document, where, variable, from, violations);
      }
    }
    JsonNode envFrom = Json.items(container.path("envFrom"));
    for (int i = 0; i < envFrom.size(); i++) {
      envFrom(document, at + "/envFrom/" + i, envFrom.get(i), relaxed, violations);
    }
  }

  /**
   * Why {@code name} is not a variable name (IsEnvVarName, or IsRelaxedEnvVarName when {@code
   * relaxed}), ending with a full stop; or null.
   */
  static String nameProblem(String name, boolean relaxed) {
    if (name.isEmpty()) {
      return "it is empty.";
    }
    if (relaxed) {
      for (int i = 0; i < name.length(); i++) {
        char c = name.charAt(i);
        if (c < 0x20 || c > 0x7e || c == '=') {
          return "it may only hold printable ASCII characters other than '='.";
        }
      }
      return null;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      boolean digit = c >= '0' && c <= '9';
      if (!(letter || c == '_' || c == '-' || c == '.' || (digit && i > 0))) {
        return "it may only hold letters, digits, '_', '-' and '.', and must not start with a"
            + " digit (up to Kubernetes 1.31).";
      }
    }
    if (name.equals(".") || name.startsWith("..")) {
      return "it must not be '.' or start with '..'.";
    }
    return null;
  }

  private static String fix(boolean relaxed) {
    return relaxed
        ? "Use a name such as MY_VAR."
        : "Use a name such as MY_VAR (names with other characters need Kubernetes 1.32 or later).";
  }

  private static void valueFrom(
      ManifestDocument document,
      String where,
      JsonNode variable,
      JsonNode from,
      List<Violation> violations) {
    List<String> sources = new ArrayList<>(2);
    for (String source : VALUE_SOURCES) {
      JsonNode value = from.path(source);
      if (!value.isMissingNode() && !value.isNull()) {
        sources.add(source);
      }
    }
    String at = where + "/valueFrom";
    JsonNode value = variable.path("value");
    if (sources.isEmpty()) {
      violations.add(
          ApiSyntax.error(
              document,
              at,
              "valueFrom names no source; the API server wants one of fieldRef, resourceFieldRef,"
                  + " configMapKeyRef or secretKeyRef.",
              "Add the source, e.g. valueFrom: {secretKeyRef: {name: my-secret, key: token}}, or"
                  + " use value instead."));
      return;
    }
    if (value.isTextual() && !value.asText().isEmpty()) {
      violations.add(
          ApiSyntax.error(
              document,
              at,
              "the variable has both value and valueFrom; the API server allows one.",
              "Remove value, or remove valueFrom."));
    } else if (sources.size() > 1) {
      violations.add(
          ApiSyntax.error(
              document,
              at,
              "valueFrom has "
                  + sources.size()
                  + " sources ("
                  + String.join(", ", sources)
                  + "); the API server allows one.",
              "Keep one source; use another variable for the other."));
    }
    fieldRef(document, at + "/fieldRef", from.path("fieldRef"), violations);
    JsonNode resource = from.path("resourceFieldRef").path("resource");
    if (resource.isTextual() && !resourceSupported(resource.asText())) {
      violations.add(
          ApiSyntax.error(
              document,
              at + "/resourceFieldRef/resource",
              resource.asText().isEmpty()
                  ? "resourceFieldRef has an empty resource."
                  : "resourceFieldRef resource '"
                      + resource.asText()
                      + "' is not one the downward API gives.",
              "Use limits.cpu, limits.memory, limits.ephemeral-storage, requests.cpu,"
                  + " requests.memory or requests.ephemeral-storage (or limits.hugepages-<size>)."));
    }
    keyRef(document, at + "/configMapKeyRef", from.path("configMapKeyRef"), violations);
    keyRef(document, at + "/secretKeyRef", from.path("secretKeyRef"), violations);
  }

  private static boolean resourceSupported(String resource) {
    return RESOURCES.contains(resource)
        || resource.startsWith("requests.hugepages-")
        || resource.startsWith("limits.hugepages-");
  }

  private static void fieldRef(
      ManifestDocument document, String at, JsonNode ref, List<Violation> violations) {
    if (!ref.isObject()) {
      return;
    }
    JsonNode version = ref.path("apiVersion");
    if (version.isTextual() && !version.asText().isEmpty() && !version.asText().equals("v1")) {
      violations.add(
          ApiSyntax.error(
              document,
              at + "/apiVersion",
              "fieldRef apiVersion '" + version.asText() + "' is not v1, the only one it takes.",
              "Use apiVersion: v1, or leave it out."));
      return;
    }
    JsonNode path = ref.path("fieldPath");
    if (!path.isTextual()) {
      return; // the schema reports a missing or mistyped fieldPath
    }
    String problem = fieldPathProblem(path.asText());
    if (problem != null) {
      violations.add(
          ApiSyntax.error(
              document,
              at + "/fieldPath",
              path.asText().isEmpty()
                  ? "fieldRef has an empty fieldPath."
                  : "fieldPath '" + path.asText() + "' " + problem + ".",
              "Use metadata.name, metadata.namespace, metadata.uid, spec.nodeName,"
                  + " spec.serviceAccountName, status.hostIP, status.hostIPs, status.podIP or"
                  + " status.podIPs, or one label or annotation as metadata.labels['<key>']."));
    }
  }

  /** Why a variable's fieldPath is refused, or null. */
  static String fieldPathProblem(String path) {
    if (path.isEmpty()) {
      return "is empty";
    }
    if (path.endsWith("']")) {
      int open = path.indexOf("['");
      if (open > 0 && open + 2 <= path.length() - 2) {
        String field = path.substring(0, open);
        String key = path.substring(open + 2, path.length() - 2);
        if (field.equals("metadata.labels") || field.equals("metadata.annotations")) {
          String keyProblem =
              ApiSyntax.keyProblem(
                  field.equals("metadata.annotations")
                      ? key.toLowerCase(java.util.Locale.ROOT)
                      : key);
          return keyProblem == null ? null : "names a key the API server refuses: " + keyProblem;
        }
        return "takes a subscript, which only metadata.labels and metadata.annotations do";
      }
    }
    String field = path.equals("spec.host") ? "spec.nodeName" : path;
    if (FIELD_PATHS.contains(field)) {
      return null;
    }
    return field.equals("metadata.labels") || field.equals("metadata.annotations")
        ? "gives all labels or annotations, which only a downwardAPI volume can; a variable takes"
            + " one key, as "
            + field
            + "['<key>']"
        : "is not a field the downward API gives a variable";
  }

  private static void keyRef(
      ManifestDocument document, String at, JsonNode ref, List<Violation> violations) {
    if (!ref.isObject()) {
      return;
    }
    String kind = at.endsWith("configMapKeyRef") ? "ConfigMap" : "Secret";
    JsonNode name = ref.path("name");
    if (name.isMissingNode() || name.isNull() || name.isTextual()) {
      String text = name.asText("");
      if (!ApiSyntax.isDnsSubdomain(text)) {
        violations.add(
            ApiSyntax.error(
                document,
                text.isEmpty() ? at : at + "/name",
                text.isEmpty()
                    ? "the " + kind + " reference has no name; the API server requires one."
                    : kind
                        + " name '"
                        + text
                        + "' is not a DNS-1123 subdomain (at most 253 characters of a-z, 0-9, '-'"
                        + " and '.').",
                "Name the " + kind + ", e.g. name: my-" + kind.toLowerCase() + "."));
      }
    }
    JsonNode key = ref.path("key");
    if (key.isTextual()) {
      String problem = DataCheck.keyProblem(key.asText());
      if (problem != null) {
        violations.add(
            ApiSyntax.error(
                document,
                at + "/key",
                key.asText().isEmpty()
                    ? "the " + kind + " reference has an empty key."
                    : "key '" + key.asText() + "' is refused by the API server: " + problem + ".",
                "Use the key as the " + kind + " holds it (letters, digits, '-', '_' and '.')."));
      }
    }
  }

  private static void envFrom(
      ManifestDocument document,
      String at,
      JsonNode source,
      boolean relaxed,
      List<Violation> violations) {
    if (!source.isObject()) {
      return;
    }
    JsonNode prefix = source.path("prefix");
    if (prefix.isTextual() && !prefix.asText().isEmpty()) {
      String problem = nameProblem(prefix.asText(), relaxed);
      if (problem != null) {
        violations.add(
            ApiSyntax.error(
                document,
                at + "/prefix",
                "envFrom prefix '" + prefix.asText() + "' is refused by the API server: " + problem,
                fix(relaxed)));
      }
    }
    List<String> sources = new ArrayList<>(2);
    for (String kind : ENV_FROM_SOURCES) {
      JsonNode ref = source.path(kind);
      if (ref.isMissingNode() || ref.isNull()) {
        continue;
      }
      sources.add(kind);
      JsonNode name = ref.path("name");
      String text = name.isTextual() ? name.asText() : "";
      if ((name.isMissingNode() || name.isNull() || name.isTextual())
          && (text.isEmpty() || !ApiSyntax.isDnsSubdomain(maskTrailingDash(text)))) {
        violations.add(
            ApiSyntax.error(
                document,
                text.isEmpty() ? at + "/" + kind : at + "/" + kind + "/name",
                text.isEmpty()
                    ? "envFrom " + kind + " has no name; the API server requires one."
                    : "envFrom "
                        + kind
                        + " name '"
                        + text
                        + "' is not a DNS-1123 subdomain (at most 253 characters of a-z, 0-9, '-'"
                        + " and '.').",
                "Name the " + (kind.equals("configMapRef") ? "ConfigMap" : "Secret") + "."));
      }
    }
    if (sources.size() != 1) {
      violations.add(
          ApiSyntax.error(
              document,
              at,
              sources.isEmpty()
                  ? "envFrom names no source; the API server wants configMapRef or secretRef."
                  : "envFrom has both configMapRef and secretRef; the API server allows one.",
              "Give each envFrom entry one of configMapRef or secretRef."));
    }
  }

  /** apimachinery's maskTrailingDash, applied to a name that may get a generated suffix. */
  private static String maskTrailingDash(String name) {
    return name.length() > 1 && name.endsWith("-")
        ? name.substring(0, name.length() - 2) + "a"
        : name;
  }
}
