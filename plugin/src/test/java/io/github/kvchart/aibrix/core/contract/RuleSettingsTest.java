package io.github.kvchart.aibrix.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kvchart.aibrix.TestPaths;
import io.github.kvchart.aibrix.core.BuildLog;
import io.github.kvchart.aibrix.core.InvalidInputException;
import io.github.kvchart.aibrix.core.manifest.Severity;
import io.github.kvchart.aibrix.core.manifest.Violation;
import io.github.kvchart.aibrix.core.validate.ManifestValidator;
import io.github.kvchart.aibrix.core.validate.ValidateRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** aibrix-chart.rules and aibrix-chart.contract: levels by id, and the contract as data. */
class RuleSettingsTest {
  @TempDir Path temp;

  private List<Violation> validateDesign(String rules, Path contract) throws Exception {
    Path dir = TestPaths.repoRoot().resolve("plugin/src/test/resources/validate");
    return new ManifestValidator()
        .validate(
            new ValidateRequest(
                dir,
                List.of(Path.of("design-quickstart.yaml")),
                List.of(),
                List.of(),
                "1.32",
                List.of(),
                1,
                contract,
                rules,
                null),
            BuildLog.SILENT)
        .violations();
  }

  @Test
  void rulesCanBeSwitchedOffOrRegraded() throws Exception {
    List<Violation> violations =
        validateDesign("kv-flag-unknown=off,kv-image-version=warning", null);
    assertTrue(violations.stream().noneMatch(v -> v.rule().equals("kv-flag-unknown")));
    Violation image =
        violations.stream()
            .filter(v -> v.rule().equals("kv-image-version"))
            .findFirst()
            .orElseThrow();
    assertEquals(Severity.WARNING, image.severity());
  }

  @Test
  void schemaRulesCanBeRegradedToo() throws Exception {
    List<Violation> violations = validateDesign("schema-unknown-field=warning", null);
    assertTrue(
        violations.stream()
            .filter(v -> v.rule().equals("schema-unknown-field"))
            .allMatch(v -> v.severity() == Severity.WARNING));
  }

  @Test
  void unknownRuleOrLevelIsAClearError() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> RuleSettings.parse("kv-flag-unkown=off", ManifestValidator.knownRules()));
    assertTrue(
        e.getMessage().contains("unknown rule 'kv-flag-unkown'")
            && e.fix().contains("kv-flag-unknown"));
    assertThrows(
        InvalidInputException.class,
        () -> RuleSettings.parse("kv-flag-unknown=loud", ManifestValidator.knownRules()));
  }

  @Test
  void aNewVllmReleaseIsAnEditToTheContractNotToCode() throws Exception {
    String builtIn =
        Files.readString(TestPaths.repoRoot().resolve("schemas/contract/kv-events-contract.yaml"));
    Path contract = temp.resolve("contract.yaml");
    Files.writeString(
        contract, builtIn.replace("firstKvEventsRelease: v0.9.0", "firstKvEventsRelease: v0.5.0"));
    List<Violation> violations = validateDesign(null, contract);
    assertTrue(
        violations.stream().noneMatch(v -> v.rule().equals("kv-image-version") && v.isError()),
        violations.toString());
  }
}
