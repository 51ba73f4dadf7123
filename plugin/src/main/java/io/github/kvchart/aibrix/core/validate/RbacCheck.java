package io.github.kvchart.aibrix.core.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.Json;
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.util.List;

/**
 * What the API server refuses in a RoleBinding or ClusterRoleBinding beyond the schema
 * (ValidateRoleBinding, ValidateClusterRoleBinding and ValidateRoleBindingSubject in kubernetes'
 * rbac validation, after SetDefaults_RoleBinding and SetDefaults_Subject fill in the API groups): a
 * roleRef to another API group or kind (a ClusterRoleBinding binds only a ClusterRole), a roleRef
 * name that is not a path segment; a subject without a name or of an unknown kind, a ServiceAccount
 * subject with an API group, with a name that is not a DNS subdomain, or, in a ClusterRoleBinding,
 * without a namespace; a User or Group subject of another API group.
 */
final class RbacCheck {
  /** The kinds this check reads. */
  static final List<String> KINDS =
      List.of(
          "rbac.authorization.k8s.io/v1 RoleBinding",
          "rbac.authorization.k8s.io/v1 ClusterRoleBinding");

  private static final String GROUP = "rbac.authorization.k8s.io";

  private RbacCheck() {}

  static void check(ManifestDocument document, List<Violation> violations) {
    boolean cluster = document.kind().equals("ClusterRoleBinding");
    JsonNode ref = document.root().path("roleRef");
    if (ref.isObject()) {
      JsonNode group = ref.path("apiGroup");
      if (group.isTextual() && !group.asText().isEmpty() && !group.asText().equals(GROUP)) {
        violations.add(
            ApiSyntax.error(
                document,
                "/roleRef/apiGroup",
                "roleRef.apiGroup '" + group.asText() + "' is not " + GROUP + ".",
                "Write apiGroup: " + GROUP + " (without a version)."));
      }
      ApiSyntax.oneOfOrEmpty(
          document,
          "/roleRef/kind",
          ref.path("kind"),
          cluster ? List.of("ClusterRole") : List.of("Role", "ClusterRole"),
          violations);
      JsonNode name = ref.path("name");
      if (name.isTextual() && segmentProblem(name.asText()) != null) {
        violations.add(
            ApiSyntax.error(
                document,
                "/roleRef/name",
                "roleRef.name '" + name.asText() + "' " + segmentProblem(name.asText()) + ".",
                "Name the role as kubectl get role (or clusterrole) lists it."));
      }
    }
    JsonNode subjects = Json.items(document.root().path("subjects"));
    for (int i = 0; i < subjects.size(); i++) {
      subject(document, "/subjects/" + i, subjects.get(i), cluster, violations);
    }
  }

  private static void subject(
      ManifestDocument document,
      String at,
      JsonNode subject,
      boolean cluster,
      List<Violation> violations) {
    if (!subject.isObject()) {
      return;
    }
    String name = subject.path("name").asText("");
    String group = subject.path("apiGroup").asText("");
    if (subject.path("name").isTextual() && name.isEmpty()) {
      violations.add(
          ApiSyntax.error(
              document, at + "/name", "the subject has an empty name.", "Name the subject."));
    }
    switch (subject.path("kind").asText("")) {
      case "ServiceAccount" -> {
        if (!group.isEmpty()) {
          violations.add(
              ApiSyntax.error(
                  document,
                  at + "/apiGroup",
                  "a ServiceAccount subject takes no apiGroup (it is in the core group), not '"
                      + group
                      + "'.",
                  "Remove apiGroup from the ServiceAccount subject."));
        }
        if (!name.isEmpty() && !ApiSyntax.isDnsSubdomain(name)) {
          violations.add(
              ApiSyntax.error(
                  document,
                  at + "/name",
                  "ServiceAccount name '" + name + "' is not a DNS-1123 subdomain.",
                  "Use the ServiceAccount's name as kubectl get serviceaccount lists it."));
        }
        if (cluster && subject.path("namespace").asText("").isEmpty()) {
          violations.add(
              ApiSyntax.error(
                  document,
                  at,
                  "a ServiceAccount subject of a ClusterRoleBinding needs its namespace.",
                  "Add namespace: <the ServiceAccount's namespace>, e.g. aibrix-system. (In a"
                      + " kustomize base, an overlay's namespace: fills it in, but the file alone"
                      + " is refused.)"));
        }
      }
      case "User", "Group" -> {
        if (!group.isEmpty() && !group.equals(GROUP)) {
          violations.add(
              ApiSyntax.error(
                  document,
                  at + "/apiGroup",
                  "a User or Group subject's apiGroup is " + GROUP + ", not '" + group + "'.",
                  "Write apiGroup: " + GROUP + ", or leave it out."));
        }
      }
      default ->
          ApiSyntax.oneOfOrEmpty(
              document,
              at + "/kind",
              subject.path("kind"),
              List.of("ServiceAccount", "User", "Group"),
              violations);
    }
  }

  /** IsValidPathSegmentName: not "." or "..", no '/' or '%'; or null. */
  private static String segmentProblem(String name) {
    if (name.isEmpty()) {
      return "is empty";
    }
    if (name.equals(".") || name.equals("..")) {
      return "may not be '" + name + "'";
    }
    return name.indexOf('/') >= 0 || name.indexOf('%') >= 0 ? "may not hold '/' or '%'" : null;
  }
}
