package io.github.kvchart.aibrix.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kvchart.aibrix.TestPaths;
import io.github.kvchart.aibrix.core.InvalidInputException;
import io.github.kvchart.aibrix.core.image.Version;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The contract is typed data: the shipped file reads whole, a broken user copy is a located error.
 */
class ContractReaderTest {
  @TempDir Path temp;

  private static String shipped() throws Exception {
    return Files.readString(
        TestPaths.repoRoot().resolve("schemas/contract/kv-events-contract.yaml"));
  }

  @Test
  void shippedContractReadsIntoTypedValues() throws Exception {
    KvContract contract = ContractReader.read(shipped(), "kv-events-contract.yaml");
    assertEquals(5557, contract.eventPort());
    assertEquals(5558, contract.replayPort());
    assertEquals(Version.parse("v0.7.0"), contract.newestAibrixRelease());
    assertEquals(
        java.util.List.of("kustomize", "helm", "helm-envoy-sidecar"),
        java.util.List.copyOf(contract.aibrix().installations().keySet()));
    assertEquals(null, contract.installation("helm-envoy-sidecar").envoy());
    assertEquals(
        "gateway-plugins", contract.installation("kustomize").gatewayPlugins().labels().get("app"));
    assertTrue(
        contract
            .aibrix()
            .autoscalerMetrics()
            .get("kv_cache_usage_perc")
            .knownTo(Version.parse("v0.6.0")));
    assertTrue(
        !contract
            .aibrix()
            .autoscalerMetrics()
            .get("kv_cache_usage_perc")
            .knownTo(Version.parse("v0.5.0")));
    assertEquals(
        VllmMetric.Presence.HIDDEN,
        contract
            .vllm()
            .metrics()
            .get("vllm:gpu_cache_usage_perc")
            .presenceIn(Version.parse("v0.11.0")));
    assertEquals(
        "0.10", contract.vllm().metrics().get("vllm:gpu_cache_usage_perc").showHiddenValue());
    assertEquals(java.util.List.of("integer"), contract.configKeys().get("buffer_steps").types());
  }

  @Test
  void mapEventsAreDecodedFromTheReleaseTheContractNames() throws Exception {
    KvContract shipped = ContractReader.read(shipped(), "kv-events-contract.yaml");
    assertTrue(!shipped.aibrix().decodesMapEvents(null), "no release decodes maps yet");
    assertTrue(!shipped.aibrix().decodesMapEvents(Version.parse("v9.0.0")));
    KvContract later =
        ContractReader.read(
            shipped().replace("mapEventsDecodedFrom: null", "mapEventsDecodedFrom: v0.6.0"),
            "user.yaml");
    assertTrue(later.aibrix().decodesMapEvents(Version.parse("v0.6.0")));
    assertTrue(!later.aibrix().decodesMapEvents(Version.parse("v0.5.0")));
    assertTrue(later.aibrix().decodesMapEvents(null), "the newest release known, v0.7.0");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      ignoreLeadingAndTrailingWhitespace = false,
      value = {
        "missing eventPort|  eventPort: 5557\\n||'gateway.eventPort' is missing",
        "string port|  eventPort: 5557\\n|  eventPort: five\\n|must be a whole number",
        "huge port|  eventPort: 5557\\n|  eventPort: 4294972853\\n|not a port",
        "fraction port|  eventPort: 5557\\n|  eventPort: 5557.9\\n|must be a whole number",
        "bad release|  firstKvEventsRelease: v0.9.0\\n|  firstKvEventsRelease: soon\\n|must be a release",
        "typo key|  replayPort: 5558\\n|  replayPrt: 5558\\n|unknown key 'gateway.replayPrt'",
        "unknown type|    hwm: {type: integer, minimum: 0}\\n|    hwm: {type: int, minimum: 0}\\n|names type 'int'",
        "no installations|  installations:\\n|  installationz:\\n|unknown key",
      })
  void brokenUserContractIsALocatedError(String name, String find, String replace, String expected)
      throws Exception {
    String text = shipped();
    String from = find.replace("\\n", "\n");
    String to = replace == null ? "" : replace.replace("\\n", "\n");
    assertTrue(text.contains(from), name + ": the shipped contract has " + from);
    Path file = temp.resolve("contract.yaml");
    Files.writeString(file, text.replace(from, to));
    InvalidInputException error =
        assertThrows(InvalidInputException.class, () -> KvContract.load(file));
    assertTrue(error.getMessage().contains(expected), name + ": " + error.getMessage());
    assertTrue(error.location().line() > 0, name + ": a line in " + error.getMessage());
    assertTrue(error.fix() != null && !error.fix().isBlank(), name + ": a fix");
  }

  @Test
  void recursiveAliasIsALocatedErrorNotAStackOverflow() throws Exception {
    Path file = temp.resolve("contract.yaml");
    Files.writeString(file, "contractVersion: 1\nvllm: &a\n  x: *a\n");
    InvalidInputException error =
        assertThrows(InvalidInputException.class, () -> KvContract.load(file));
    assertTrue(error.getMessage().contains("contract.yaml"), error.getMessage());
  }
}
