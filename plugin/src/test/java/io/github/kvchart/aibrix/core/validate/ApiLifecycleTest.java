package io.github.kvchart.aibrix.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kvchart.aibrix.core.BuildLog;
import io.github.kvchart.aibrix.core.manifest.Severity;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** api-removed and api-deprecated: what a minor no longer serves, or will stop serving. */
class ApiLifecycleTest {
  @TempDir Path temp;

  private List<Violation> validate(String apiVersion, String kind, String minor) throws Exception {
    Path file = temp.resolve("object.yaml");
    Files.writeString(
        file, "apiVersion: " + apiVersion + "\nkind: " + kind + "\nmetadata:\n  name: x\n");
    return new ManifestValidator()
        .validate(
            new ValidateRequest(temp, List.of(file), List.of(), List.of(), minor, List.of(), 1),
            BuildLog.SILENT)
        .violations();
  }

  @ParameterizedTest(name = "{0} {1} on {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "extensions/v1beta1|Ingress|1.35|extensions/v1beta1 Ingress was removed in 1.22; use networking.k8s.io/v1",
        "policy/v1beta1|PodDisruptionBudget|1.35|policy/v1beta1 PodDisruptionBudget was removed in 1.25; use policy/v1",
        "autoscaling/v2beta2|HorizontalPodAutoscaler|1.35|autoscaling/v2beta2 HorizontalPodAutoscaler was removed in 1.26; use autoscaling/v2",
        "flowcontrol.apiserver.k8s.io/v1beta3|FlowSchema|1.35|flowcontrol.apiserver.k8s.io/v1beta3 FlowSchema was removed in 1.32; use flowcontrol.apiserver.k8s.io/v1",
        "flowcontrol.apiserver.k8s.io/v1beta2|FlowSchema|1.30|flowcontrol.apiserver.k8s.io/v1beta2 FlowSchema was removed in 1.29; use flowcontrol.apiserver.k8s.io/v1",
      })
  void aRemovedApiIsAnErrorNamingTheReleaseAndTheReplacement(
      String apiVersion, String kind, String minor, String message) throws Exception {
    List<Violation> found = validate(apiVersion, kind, minor);
    assertEquals(1, found.size(), found.toString());
    assertEquals("api-removed", found.get(0).rule());
    assertEquals(Severity.ERROR, found.get(0).severity());
    assertEquals(1, found.get(0).line());
    assertEquals(message + " (Kubernetes " + minor + " refuses it).", found.get(0).message());
  }

  @ParameterizedTest(name = "{0} {1} on {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "flowcontrol.apiserver.k8s.io/v1beta3|FlowSchema|1.31|is deprecated: Kubernetes 1.32 no longer serves it; use flowcontrol.apiserver.k8s.io/v1.",
        "v1|Endpoints|1.33|is deprecated since 1.33; use discovery.k8s.io/v1 EndpointSlice.",
      })
  void aDeprecatedApiStillServedIsAWarning(
      String apiVersion, String kind, String minor, String message) throws Exception {
    List<Violation> found = validate(apiVersion, kind, minor);
    assertEquals(1, found.size(), found.toString());
    assertEquals("api-deprecated", found.get(0).rule());
    assertEquals(Severity.WARNING, found.get(0).severity());
    assertEquals(apiVersion + " " + kind + " " + message, found.get(0).message());
  }

  @ParameterizedTest(name = "{0} {1} on {2}")
  @CsvSource({
    "networking.k8s.io/v1, Ingress, 1.35",
    "policy/v1, PodDisruptionBudget, 1.28",
    "autoscaling/v2, HorizontalPodAutoscaler, 1.35",
    "flowcontrol.apiserver.k8s.io/v1, FlowSchema, 1.35",
    "v1, Endpoints, 1.32",
  })
  void theServedApiPasses(String apiVersion, String kind, String minor) throws Exception {
    List<Violation> found = validate(apiVersion, kind, minor);
    assertEquals(
        List.of(),
        found.stream().filter(v -> v.rule().startsWith("api-")).toList(),
        found.toString());
  }
}
