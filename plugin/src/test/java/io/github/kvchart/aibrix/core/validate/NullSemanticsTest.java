package io.github.kvchart.aibrix.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kvchart.aibrix.core.manifest.Violation;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * null is unset, as the API server decodes it: fine for an optional field, missing for a required
 * one.
 */
class NullSemanticsTest {
  @TempDir Path temp;

  private List<Violation> validate(String yaml) throws Exception {
    return Fixtures.validate(temp, yaml, "1.35");
  }

  @Test
  void nullForAnOptionalFieldIsUnset() throws Exception {
    String yaml =
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          creationTimestamp: null
        spec:
          selector:
            matchLabels: {app: web}
          strategy: {}
          template:
            metadata:
              creationTimestamp: null
              labels: {app: web}
            spec:
              containers:
                - name: web
                  image: nginx:1.27
                  args:
                  resources:
                    limits:
                    requests: {cpu: 100m}
        status: {}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: empty
        data:
        """;
    assertEquals(List.of(), validate(yaml));
  }

  @Test
  void nullForARequiredFieldIsMissing() throws Exception {
    String yaml =
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          selector:
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
                - name:
                  image: nginx:1.27
        """;
    List<Violation> found = validate(yaml);
    assertEquals(2, found.size(), found.toString());
    for (Violation violation : found) {
      assertEquals("schema", violation.rule(), violation.toString());
      assertTrue(
          violation.message().contains("missing") || violation.message().contains("required"),
          violation.toString());
      assertTrue(!violation.fix().toLowerCase().contains("quote"), violation.toString());
    }
    assertTrue(found.get(0).message().contains("selector"), found.toString());
    assertTrue(found.get(1).message().contains("name"), found.toString());
  }
}
