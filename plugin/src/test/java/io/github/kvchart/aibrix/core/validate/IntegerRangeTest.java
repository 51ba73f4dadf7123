package io.github.kvchart.aibrix.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kvchart.aibrix.core.manifest.Violation;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A number the API server cannot decode into its Go field fails, as it fails the request there
 * ("cannot unmarshal number ... of type int32"): int32 fields, int64 fields and the number of an
 * IntOrString (an int32). A custom resource's {@code format: int32} is not checked, as the API
 * server ignores it (EngineEquivalenceTest.numberFormatsOfCrdSchemas).
 */
class IntegerRangeTest {
  @TempDir Path temp;

  private static String deployment(String replicas, String maxSurge) {
    return Fixtures.deployment(
        "replicas: " + replicas + "\nstrategy:\n  rollingUpdate: {maxSurge: " + maxSurge + "}\n");
  }

  private static String job(String deadline) {
    return """
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: once
        spec:
          activeDeadlineSeconds: %s
          template:
            spec:
              restartPolicy: Never
              containers:
                - name: once
                  image: busybox:1.36
        """
        .formatted(deadline);
  }

  @Test
  void theEdgesOfInt32AndInt64Pass() throws Exception {
    assertEquals(
        List.of(), Fixtures.validate(temp, deployment("2147483647", "2147483647"), "1.35"));
    // the lowest int32 decodes; it is then refused as negative (api-validation), not as a number
    assertEquals(
        List.of("api-validation"),
        Fixtures.validate(temp, deployment("1", "-2147483648"), "1.35").stream()
            .map(Violation::rule)
            .toList());
    assertEquals(List.of(), Fixtures.validate(temp, job("9223372036854775807"), "1.35"));
    assertEquals(List.of(), Fixtures.validate(temp, deployment("0", "25%"), "1.28"));
  }

  @Test
  void oneBeyondFailsWhereTheApiServerFails() throws Exception {
    assertOneSchemaViolation(deployment("2147483648", "1"), "/spec/replicas");
    assertOneSchemaViolation(
        deployment("1", "2147483648"), "/spec/strategy/rollingUpdate/maxSurge");
    assertOneSchemaViolation(job("9223372036854775808"), "/spec/activeDeadlineSeconds");
  }

  private void assertOneSchemaViolation(String yaml, String pointer) throws Exception {
    List<Violation> found = Fixtures.validate(temp, yaml, "1.35");
    assertEquals(1, found.size(), found.toString());
    assertEquals("schema", found.get(0).rule(), found.toString());
    assertTrue(found.get(0).toString().contains(pointer), found.toString());
  }

  @Test
  void boundsCompareExactlyWhateverTheNumbersRepresentation() {
    var f = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
    var beyondLong = new java.math.BigInteger("9223372036854775808");
    assertTrue(
        SchemaNode.compareNumbers(f.numberNode(beyondLong), f.numberNode(Long.MAX_VALUE)) > 0);
    assertTrue(
        SchemaNode.compareNumbers(f.numberNode(Long.MAX_VALUE), f.numberNode(beyondLong)) < 0);
    assertEquals(0, SchemaNode.compareNumbers(f.numberNode(2147483647L), f.numberNode(2147483647)));
    assertTrue(
        SchemaNode.compareNumbers(
                f.numberNode(new java.math.BigDecimal("2147483647.5")), f.numberNode(2147483647))
            > 0);
    assertTrue(
        SchemaNode.compareNumbers(
                f.numberNode(-1), f.numberNode(new java.math.BigInteger("-9223372036854775809")))
            > 0);
  }
}
