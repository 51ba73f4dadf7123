package io.github.kvchart.aibrix.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kvchart.aibrix.TestPaths;
import io.github.kvchart.aibrix.core.BuildLog;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One failing and one passing fixture per schema rule id. Each fixture's first line says what it
 * must produce: {@code # expect: <rule> <line>:<column>} or {@code # expect: none}.
 */
class RuleFixturesTest {
  static final Path FIXTURES =
      TestPaths.repoRoot().resolve("plugin/src/test/resources/validate/rules");

  /** These fixtures are about schema rules: the contract rules are switched off for them. */
  static final String CONTRACT_RULES_OFF =
      io.github.kvchart.aibrix.core.contract.rules.ContractChecker.rules(null).stream()
          .map(rule -> rule.id() + "=off")
          .collect(java.util.stream.Collectors.joining(","));

  static Stream<String> fixtures() throws Exception {
    try (Stream<Path> files = Files.list(FIXTURES)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void fixtureProducesExactlyWhatItSays(String name) throws Exception {
    Path file = FIXTURES.resolve(name);
    String expect = Files.readAllLines(file).get(0).replace("# expect:", "").trim();
    ValidationResult result =
        new ManifestValidator()
            .validate(
                new ValidateRequest(
                    FIXTURES,
                    List.of(Path.of(name)),
                    List.of(),
                    List.of(),
                    "1.32",
                    List.of(),
                    1,
                    null,
                    CONTRACT_RULES_OFF,
                    null),
                BuildLog.SILENT);
    if (expect.equals("none")) {
      assertEquals(List.of(), result.violations());
      return;
    }
    String[] parts = expect.split(" ");
    assertEquals(1, result.violations().size(), result.violations().toString());
    Violation violation = result.violations().get(0);
    assertEquals(parts[0], violation.rule(), violation.toConsoleLine());
    assertEquals(parts[1], violation.line() + ":" + violation.column(), violation.toConsoleLine());
    assertEquals(name, violation.file());
    assertFalse(violation.message().isBlank());
    assertFalse(
        violation.fix().isBlank(), "every violation names a fix: " + violation.toConsoleLine());
    assertTrue(violation.toConsoleLine().startsWith(name + ":" + parts[1] + ": "));
  }
}
