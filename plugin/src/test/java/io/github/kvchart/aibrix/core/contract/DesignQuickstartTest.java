package io.github.kvchart.aibrix.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kvchart.aibrix.TestPaths;
import io.github.kvchart.aibrix.core.BuildLog;
import io.github.kvchart.aibrix.core.manifest.Violation;
import io.github.kvchart.aibrix.core.validate.ManifestValidator;
import io.github.kvchart.aibrix.core.validate.ValidateRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The original design's quickstart is rejected, each fault under the right rule, with the fix. */
class DesignQuickstartTest {
  static List<Violation> violations;

  @BeforeAll
  static void validate() throws Exception {
    Path dir = TestPaths.repoRoot().resolve("plugin/src/test/resources/validate");
    violations =
        new ManifestValidator()
            .validate(
                new ValidateRequest(
                    dir,
                    List.of(Path.of("design-quickstart.yaml")),
                    List.of(),
                    List.of(),
                    "1.32",
                    List.of(),
                    1),
                BuildLog.SILENT)
            .violations();
  }

  private static Violation only(Predicate<Violation> which) {
    List<Violation> found = violations.stream().filter(which).toList();
    assertEquals(1, found.size(), found.toString());
    return found.get(0);
  }

  @Test
  void everyNonExistentFlagIsAnErrorWithTheExactReplacement() {
    List<Violation> flags =
        violations.stream().filter(v -> v.rule().equals("kv-flag-unknown")).toList();
    assertEquals(List.of(30, 31, 33, 35, 37), flags.stream().map(Violation::line).toList());
    assertTrue(
        flags
            .get(0)
            .fix()
            .contains(
                "--kv-events-config '{\"enable_kv_cache_events\":true,\"publisher\":\"zmq\","
                    + "\"endpoint\":\"tcp://*:5557\",\"replay_endpoint\":\"tcp://*:5558\",\"buffer_steps\":10000,\"hwm\":100000,\"topic\":\"kv-events\"}'"),
        flags.get(0).fix());
  }

  @Test
  void ignoredEnvVarsAreErrors() {
    List<Violation> env =
        violations.stream().filter(v -> v.rule().equals("kv-env-ignored")).toList();
    assertEquals(List.of(40, 42), env.stream().map(Violation::line).toList());
  }

  @Test
  void theImageIsTooOld() {
    Violation image = only(v -> v.rule().equals("kv-image-version"));
    assertEquals(23, image.line());
    assertTrue(image.isError());
    assertTrue(
        image.message().contains("v0.7.1") && image.message().contains("v0.9.0"), image.message());
  }

  @Test
  void podAutoscalerFieldsThatDoNotExistAreNamedWithTheirReplacement() {
    Map<String, String> fixes = new TreeMap<>();
    violations.stream()
        .filter(v -> v.rule().equals("schema-unknown-field") && v.kind().equals("PodAutoscaler"))
        .forEach(v -> fixes.put(v.pointer(), v.fix()));
    assertEquals(
        List.of("/spec/algorithm", "/spec/metric", "/spec/targetRef"), List.copyOf(fixes.keySet()));
    assertTrue(fixes.get("/spec/targetRef").contains("scaleTargetRef"));
    assertTrue(fixes.get("/spec/algorithm").contains("scalingStrategy"));
    long required =
        violations.stream()
            .filter(
                v ->
                    v.rule().equals("schema")
                        && v.kind().equals("PodAutoscaler")
                        && v.message().contains("missing required field"))
            .count();
    assertEquals(2, required, "scaleTargetRef and scalingStrategy are missing");
  }

  @Test
  void theNetworkPolicyPointsTheWrongWay() {
    List<Violation> direction =
        violations.stream().filter(v -> v.rule().equals("netpol-direction")).toList();
    assertEquals(2, direction.size(), direction.toString());
    assertTrue(direction.get(0).message().contains("selects the gateway pods"));
    assertTrue(direction.get(1).message().contains("admits traffic from the model pods"));
  }

  @Test
  void theBuildFailsOnErrorsOnly() {
    assertTrue(violations.stream().filter(Violation::isError).count() >= 13, violations.toString());
    violations.forEach(v -> assertTrue(!v.fix().isBlank(), "fix for " + v.toConsoleLine()));
  }
}
