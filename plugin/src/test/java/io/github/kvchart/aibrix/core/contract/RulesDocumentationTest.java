package io.github.kvchart.aibrix.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kvchart.aibrix.TestPaths;
import io.github.kvchart.aibrix.core.contract.rules.ContractChecker;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/rules.md is the contract rules' fixture set: for every rule, its failing example must break
 * that rule (with a fix) and its passing example must validate with no violation at all.
 */
class RulesDocumentationTest {
  private static final Pattern SECTION =
      Pattern.compile(
          "## `([a-z-]+)`.*?Fails:\\s*```yaml\\n(.*?)```.*?Passes:\\s*```yaml\\n(.*?)```",
          Pattern.DOTALL);

  @TempDir Path temp;

  static Stream<Arguments> examples() throws Exception {
    String doc = Files.readString(TestPaths.repoRoot().resolve("docs/rules.md"));
    List<Arguments> examples = new ArrayList<>();
    Matcher matcher = SECTION.matcher(doc);
    while (matcher.find()) {
      examples.add(Arguments.of(matcher.group(1), matcher.group(2), matcher.group(3)));
    }
    return examples.stream();
  }

  private List<Violation> validate(String yaml) throws Exception {
    return io.github.kvchart.aibrix.core.validate.Fixtures.validate(temp, yaml, "1.32");
  }

  @Test
  void everyContractRuleIsDocumentedWithExamples() throws Exception {
    List<String> documented = examples().map(a -> (String) a.get()[0]).toList();
    List<String> rules = ContractChecker.rules(null).stream().map(ContractRule::id).toList();
    assertEquals(rules, documented);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void failingExampleBreaksTheRuleAndPassingOneIsClean(String rule, String failing, String passing)
      throws Exception {
    List<Violation> found = validate(failing);
    List<Violation> mine = found.stream().filter(v -> v.rule().equals(rule)).toList();
    assertFalse(mine.isEmpty(), rule + " not reported; got " + found);
    for (Violation violation : mine) {
      assertFalse(violation.fix().isBlank(), "a fix for " + violation.toConsoleLine());
      assertTrue(violation.line() > 0, "a line for " + violation.toConsoleLine());
    }
    assertEquals(List.of(), validate(passing), rule + " passing example");
  }
}
