package io.github.kvchart.aibrix.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kvchart.aibrix.core.InvalidInputException;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every shipped Kubernetes minor judges the built-in kinds, each by its own API. */
class KubernetesMinorsTest {
  @TempDir Path temp;

  private static final String WORKLOADS =
      Fixtures.deployment("")
          + """
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: debug
      spec:
        containers:
          - name: shell
            image: busybox:1.36
            command: [sleep, "3600"]
            resources:
              requests: {cpu: 100m, memory: 64Mi}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata:
        name: pod-reader
      rules:
        - apiGroups: [""]
          resources: [pods]
          verbs: [get, list, watch]
      """;

  private List<Violation> validate(String yaml, String version) throws Exception {
    return Fixtures.validate(temp, yaml, version);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.28", "1.30", "1.31", "1.32", "1.33", "1.34", "1.35", "1.36"})
  void aDeploymentAPodAndAClusterRoleValidateCleanOnEveryMinor(String minor) throws Exception {
    assertEquals(List.of(), validate(WORKLOADS, minor));
  }

  @ParameterizedTest
  @CsvSource({"1.28, 1", "1.31, 1", "1.32, 0", "1.35, 0", "v1.35.1, 0", "1.36, 0"})
  void podLevelResourcesAreJudgedByTheTargetMinor(String version, int errors) throws Exception {
    // PodSpec.resources (pod-level resources) entered the API in 1.32.
    String pod =
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
        spec:
          resources:
            limits: {cpu: "2", memory: 4Gi}
          containers:
            - name: c
              image: busybox:1.36
        """;
    List<Violation> found = validate(pod, version);
    assertEquals(errors, found.size(), found.toString());
    if (errors > 0) {
      assertEquals("schema-unknown-field", found.get(0).rule());
      assertEquals(6, found.get(0).line(), found.toString());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.27", "1.37", "2.0", "latest"})
  void anUnsupportedVersionIsAClearError(String version) {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> validate(WORKLOADS, version));
    assertTrue(e.getMessage().contains("1.28") && e.getMessage().contains("1.35"), e.getMessage());
  }
}
