package io.github.kvchart.aibrix.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kvchart.aibrix.core.InvalidInputException;
import io.github.kvchart.aibrix.core.contract.KvContract;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The models-file keys that follow AIBrix: release, autoscaling metric, installation, ports. */
class AibrixModelsFileTest {
  @TempDir Path temp;

  private FleetSpec read(String yaml) throws Exception {
    Path file = temp.resolve("models.yaml");
    Files.writeString(file, yaml);
    return new ModelsFileReader(KvContract.builtIn()).read(file, "models.yaml");
  }

  private static String autoscaled(String aibrix, String image, String metricLine) {
    return "models:\n  - name: a\n    hfModel: org/a\n    aibrixVersion: "
        + aibrix
        + "\n    image: vllm/vllm-openai:"
        + image
        + "\n    autoscaling:\n      enabled: true\n"
        + metricLine
        // the gateway of AIBrix before v0.6.0 cannot decode KV events: such a model runs without
        + (aibrix.startsWith("v0.4") || aibrix.startsWith("v0.5")
            ? "    kvEvents:\n      enabled: false\n"
            : "");
  }

  @Test
  void theDefaultReleaseIsTheNewestTheContractKnows() throws Exception {
    FleetSpec fleet = read("models:\n  - name: a\n    hfModel: org/a\n");
    assertEquals("v0.7.0", fleet.aibrixVersion());
    assertEquals("any", fleet.gateway().installation());
    assertEquals("envoy-gateway-system", fleet.gateway().envoyNamespace());
  }

  @ParameterizedTest(name = "AIBrix {0}, vLLM {1}: {2}")
  @CsvSource({
    "v0.7.0, v0.11.0, kv_cache_usage_perc",
    "v0.6.0, v0.12.0, kv_cache_usage_perc",
    "v0.5.0, v0.10.0, gpu_cache_usage_perc",
    "v0.7.0, v0.9.0, gpu_cache_usage_perc",
  })
  void theDefaultMetricIsOneBothReleasesHave(String aibrix, String image, String metric)
      throws Exception {
    assertEquals(
        metric, read(autoscaled(aibrix, image, "")).models().get(0).autoscaling().targetMetric());
  }

  @Test
  void noKvCacheMetricForThePairIsAnErrorNamingBothVersions() {
    InvalidInputException error =
        assertThrows(InvalidInputException.class, () -> read(autoscaled("v0.5.0", "v0.12.0", "")));
    assertTrue(error.getMessage().contains("AIBrix v0.5.0 with vLLM v0.12.0"), error.getMessage());
    assertEquals(7, error.location().line(), error.getMessage());
  }

  @Test
  void aTargetMetricTheImageHidesIsAnErrorWithTheWorkingOne() {
    InvalidInputException error =
        assertThrows(
            InvalidInputException.class,
            () ->
                read(
                    autoscaled("v0.7.0", "v0.11.0", "      targetMetric: gpu_cache_usage_perc\n")));
    assertTrue(error.getMessage().contains("hides vllm:gpu_cache_usage_perc"), error.getMessage());
    assertTrue(error.fix().contains("kv_cache_usage_perc"), error.fix());
    assertEquals(8, error.location().line());
  }

  @Test
  void anUnknownInstallationIsAnError() {
    InvalidInputException error =
        assertThrows(
            InvalidInputException.class,
            () ->
                read(
                    "gateway:\n  installation: operator\nmodels:\n  - name: a\n    hfModel: org/a\n"));
    assertTrue(error.fix().contains("kustomize, helm, helm-envoy-sidecar"), error.fix());
    assertEquals(2, error.location().line());
  }

  @Test
  void kvModelsOnDifferentServingPortsAreAnError() {
    InvalidInputException error =
        assertThrows(
            InvalidInputException.class,
            () ->
                read(
                    "models:\n  - name: a\n    hfModel: org/a\n    servingPort: 8080\n"
                        + "  - name: b\n    hfModel: org/b\n    servingPort: 9000\n"));
    assertTrue(error.getMessage().contains("one port on every KV-enabled pod"), error.getMessage());
    assertEquals(7, error.location().line());
  }
}
