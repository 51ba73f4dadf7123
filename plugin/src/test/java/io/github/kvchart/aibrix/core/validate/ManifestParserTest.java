package io.github.kvchart.aibrix.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kvchart.aibrix.core.manifest.RuleIds;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** YAML input: documents, comments, anchors, merge keys, and hostile input hitting limits. */
class ManifestParserTest {
  private final ManifestParser parser = new ManifestParser();

  @Test
  void readsMultipleDocumentsWithComments() {
    ParsedFile file = parser.parse("f.yaml", "# head\na: 1\n---\n# second\nb: [1, 2]\n---\n");
    assertEquals(List.of(), file.violations());
    assertEquals(
        2,
        file.documents().stream().filter(d -> !d.root().isNull()).count(),
        file.documents().toString());
    assertEquals(2, file.documents().get(1).root().get("b").size());
  }

  @Test
  void resolvesAliasesAndMergeKeys() {
    String yaml =
        "base: &base {app: web, tier: front}\nlabels: *base\nmerged:\n  <<: *base\n  tier: back\n";
    ParsedFile file = parser.parse("f.yaml", yaml);
    assertEquals(List.of(), file.violations());
    var root = file.documents().get(0).root();
    assertEquals("web", root.at("/labels/app").asText());
    assertEquals("web", root.at("/merged/app").asText());
    assertEquals("back", root.at("/merged/tier").asText());
  }

  @Test
  void duplicateKeyInAnchoredFileIsReported() {
    ParsedFile file = parser.parse("f.yaml", "a: &x 1\nb: *x\nb: 2\n");
    assertEquals(1, file.violations().size());
    Violation v = file.violations().get(0);
    assertEquals(RuleIds.YAML_DUPLICATE_KEY, v.rule());
    assertEquals(3, v.line());
    assertEquals(1, v.column());
  }

  @Test
  void everyDuplicateKeyOfEveryDocumentIsReported() {
    ParsedFile file =
        parser.parse("f.yaml", "a: 1\na: 2\nb:\n  c: 1\n  c: 2\n---\nk: 1\nk: 2\n---\nok: 1\n");
    assertEquals(
        List.of("2:1 doc 0 'a'", "5:3 doc 0 'c'", "8:1 doc 1 'k'"),
        file.violations().stream()
            .map(
                v ->
                    v.line()
                        + ":"
                        + v.column()
                        + " doc "
                        + v.document()
                        + " "
                        + v.message().replaceAll(".*(\'.*\').*", "$1"))
            .toList());
    file.violations().forEach(v -> assertEquals(RuleIds.YAML_DUPLICATE_KEY, v.rule()));
    assertEquals(3, file.documents().size(), "every document is still read and checked");
  }

  @Test
  void aliasBombHitsTheLimitWithAClearError() {
    StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
    for (char c = 'b'; c <= 'k'; c++) {
      bomb.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        bomb.append(i == 0 ? "" : ", ").append('*').append((char) (c - 1));
      }
      bomb.append("]\n");
    }
    ParsedFile file = parser.parse("bomb.yaml", bomb.toString());
    assertEquals(1, file.violations().size());
    assertEquals(RuleIds.YAML_SYNTAX, file.violations().get(0).rule());
    assertTrue(file.violations().get(0).fix().contains("aliases"), file.violations().get(0).fix());
  }

  @Test
  void deepNestingHitsTheLimit() {
    String deep = "a: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n";
    ParsedFile file = parser.parse("deep.yaml", deep);
    assertEquals(1, file.violations().size());
    assertEquals(RuleIds.YAML_SYNTAX, file.violations().get(0).rule());
  }

  @Test
  void deepBlockNestingHitsTheLimit() {
    StringBuilder deep = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      deep.append("  ".repeat(i)).append("k:\n");
    }
    ParsedFile file = parser.parse("deep.yaml", deep.toString());
    assertEquals(RuleIds.YAML_SYNTAX, file.violations().get(0).rule());
  }

  @Test
  void syntaxErrorNamesLineAndColumn() {
    ParsedFile file = parser.parse("bad.yaml", "a: 1\nb: [\nc: 2\n");
    Violation v = file.violations().get(0);
    assertEquals(RuleIds.YAML_SYNTAX, v.rule());
    assertTrue(v.line() >= 2, v.toConsoleLine());
    assertTrue(v.message().contains("line 2"), v.message());
  }
}
