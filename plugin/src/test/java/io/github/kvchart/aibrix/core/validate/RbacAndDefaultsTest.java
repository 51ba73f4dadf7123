package io.github.kvchart.aibrix.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fields the OpenAPI definitions call required but the API server does not (it defaults them, or
 * takes their zero value) are not required here either, on every shipped minor; and what the API
 * server refuses in RoleBindings and ClusterRoleBindings.
 */
class RbacAndDefaultsTest {
  @TempDir Path temp;

  private List<String> found(String yaml, String minor) throws Exception {
    return Fixtures.validate(temp, yaml, minor).stream()
        .map(v -> v.rule() + " " + v.pointer())
        .toList();
  }

  private static final String TAKEN =
      """
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: {name: rb, namespace: aibrix-system}
      roleRef: {kind: Role, name: reader}
      subjects: [{kind: ServiceAccount, name: gateway}]
      ---
      apiVersion: apps/v1
      kind: StatefulSet
      metadata: {name: s}
      spec:
        selector: {matchLabels: {app: s}}
        template:
          metadata: {labels: {app: s}}
          spec: {containers: [{name: c, image: busybox}]}
      ---
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: deny-ingress}
      spec:
        policyTypes: [Ingress]
      ---
      apiVersion: scheduling.k8s.io/v1
      kind: PriorityClass
      metadata: {name: batch}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers:
          - name: c
            image: busybox
            readinessProbe: {httpGet: {path: /, port: 80, httpHeaders: [{name: X-Probe}]}}
      """;

  @ParameterizedTest
  @ValueSource(strings = {"1.28", "1.31", "1.33", "1.35"})
  void fieldsTheServerDefaultsAreNotRequired(String minor) throws Exception {
    assertEquals(List.of(), found(TAKEN, minor));
  }

  private List<String> binding(String kind, String roleRef, String subject) throws Exception {
    return found(
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: "
            + kind
            + "\nmetadata: {name: b}\nroleRef: "
            + roleRef
            + "\nsubjects: ["
            + subject
            + "]\n",
        "1.35");
  }

  @Test
  void bindings() throws Exception {
    String cluster = "{apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}";
    String account = "{kind: ServiceAccount, name: gateway, namespace: aibrix-system}";
    assertEquals(List.of(), binding("ClusterRoleBinding", cluster, account));
    assertEquals(
        List.of(), binding("RoleBinding", "{kind: Role, name: r}", "{kind: User, name: alice}"));
    assertEquals(
        List.of("api-validation /roleRef/kind"),
        binding("ClusterRoleBinding", "{kind: Role, name: r}", account));
    assertEquals(
        List.of("api-validation /roleRef/apiGroup"),
        binding(
            "RoleBinding",
            "{apiGroup: rbac.authorization.k8s.io/v1, kind: Role, name: r}",
            account));
    assertEquals(
        List.of("api-validation /subjects/0"),
        binding("ClusterRoleBinding", cluster, "{kind: ServiceAccount, name: gateway}"));
    assertEquals(
        List.of("api-validation /subjects/0/apiGroup"),
        binding(
            "ClusterRoleBinding",
            cluster,
            "{kind: ServiceAccount, name: gateway, namespace: x, apiGroup:"
                + " rbac.authorization.k8s.io}"));
    assertEquals(
        List.of("api-validation /subjects/0/kind"),
        binding("RoleBinding", "{kind: Role, name: r}", "{kind: Serviceaccount, name: gateway}"));
  }
}
