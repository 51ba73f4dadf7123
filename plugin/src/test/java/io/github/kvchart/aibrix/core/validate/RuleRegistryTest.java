package io.github.kvchart.aibrix.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kvchart.aibrix.core.BuildLog;
import io.github.kvchart.aibrix.core.contract.ContractRule;
import io.github.kvchart.aibrix.core.contract.rules.ContractChecker;
import io.github.kvchart.aibrix.core.manifest.RuleIds;
import io.github.kvchart.aibrix.core.manifest.Severity;
import io.github.kvchart.aibrix.core.report.SarifReport;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One registry holds every rule; reports carry its real descriptions and default levels. */
class RuleRegistryTest {
  @TempDir Path temp;

  @Test
  void everyRuleIdIsRegisteredWithADescription() throws Exception {
    for (Field field : RuleIds.class.getFields()) {
      String id = (String) field.get(null);
      assertTrue(RuleRegistry.find(id).isPresent(), id);
    }
    for (ContractRule rule : ContractChecker.rules(null)) {
      assertEquals(
          rule.defaultSeverity(), RuleRegistry.find(rule.id()).orElseThrow().defaultSeverity());
    }
    RuleRegistry.all()
        .values()
        .forEach(
            r -> assertFalse(r.description().isBlank() || r.description().startsWith("Rule ")));
    assertEquals(
        new java.util.TreeSet<>(RuleRegistry.all().keySet()), ManifestValidator.knownRules());
  }

  @Test
  void sarifCarriesTheRealDescriptionAndDefaultLevel() throws Exception {
    Path file = temp.resolve("m.yaml");
    Files.writeString(
        file,
        "apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: e\n---\n"
            + "apiVersion: apps/v1\nkind: Deploymnt\nmetadata:\n  name: d\n");
    ValidationResult result =
        new ManifestValidator()
            .validate(
                new ValidateRequest(
                    temp,
                    List.of(file),
                    List.of(),
                    List.of(),
                    "1.35",
                    List.of(),
                    1,
                    null,
                    "api-deprecated=error",
                    null),
                BuildLog.SILENT);
    JsonNode sarif = new ObjectMapper().readTree(SarifReport.render(result));
    JsonNode rules = sarif.at("/runs/0/tool/driver/rules");
    boolean seen = false;
    for (JsonNode rule : rules) {
      if (rule.path("id").asText().equals("api-deprecated")) {
        seen = true;
        assertEquals(
            RuleRegistry.find("api-deprecated").orElseThrow().description(),
            rule.at("/shortDescription/text").asText());
        assertEquals("warning", rule.at("/defaultConfiguration/level").asText(), "the default");
      }
    }
    assertTrue(seen, rules.toString());
    assertEquals(
        Severity.ERROR,
        result.violations().stream()
            .filter(v -> v.rule().equals("api-deprecated"))
            .findFirst()
            .orElseThrow()
            .severity(),
        "the configured level");
  }
}
