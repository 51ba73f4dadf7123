package io.github.kvchart.aibrix.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/** Values are data: whatever a value holds, the filters' output reads back as the same value. */
class ValueFiltersTest {
  @TempDir Path temp;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "plain",
        "a: b",
        "# comment",
        "'single'",
        "\"double\"",
        "line\nbreak",
        "tab\there",
        "{{ .Values.x }}",
        "[= jinja =]",
        "[% if %]",
        "[# note #]",
        "true",
        "no",
        "ON",
        "null",
        "~",
        "8000",
        "0.5",
        "-1",
        "--flag",
        "- item",
        "key:",
        "*alias",
        "&anchor",
        "!tag",
        "@at",
        "`tick`",
        "|block",
        ">folded",
        "%directive",
        "trailing space ",
        " leading",
        "",
        "üñí©ødé",
        "\u2028sep",
        "back\\slash",
        "{\"json\":true}",
        "tcp://*:5557",
        "$(VAR) $$"
      })
  void yamlScalarReadsBackAsTheSameString(String value) {
    String yaml = "key: " + ValueFilters.yamlScalar(value) + "\n";
    Map<String, Object> parsed = new Yaml().load(yaml);
    assertEquals(value, parsed.get("key"), yaml);
  }

  @Test
  void blocksReadBackAsTheSameData() {
    Map<String, Object> inner = new java.util.LinkedHashMap<>();
    inner.put("yes", "on");
    inner.put("a: b", List.of());
    inner.put("n", 3L);
    inner.put("d", new java.math.BigDecimal("0.25"));
    inner.put("nothing", null);
    inner.put("text", "line\nbreak # not a comment");
    Map<String, Object> value = new java.util.LinkedHashMap<>();
    value.put("list", List.of(inner, List.of("x", List.of()), Map.of(), "- dash"));
    value.put("empty", Map.of());
    value.put("flag", false);
    String yaml = "key:" + ValueFilters.yamlValue(value, 2) + "\nafter: 1\n";
    Map<String, Object> read = new Yaml().load(yaml);
    Map<String, Object> expected = new java.util.LinkedHashMap<>();
    expected.put("key", value);
    expected.put("after", 1);
    // SnakeYAML reads small whole numbers as Integer and decimals as Double.
    inner.put("n", 3);
    inner.put("d", 0.25);
    assertEquals(expected, read, yaml);
    assertEquals(" {}", ValueFilters.yamlValue(Map.of(), 4));
    assertEquals(" []", ValueFilters.yamlValue(List.of(), 4));
    assertEquals(" 'on'", ValueFilters.yamlValue("on", 4));
  }

  @Test
  void numbersAndBooleansStayTyped() {
    assertEquals("8000", ValueFilters.yamlScalar(8000L));
    assertEquals("true", ValueFilters.yamlScalar(true));
    assertEquals("'8000'", ValueFilters.yamlScalar("8000"));
  }

  @Test
  void shellWordsReadBackThroughARealShell() throws Exception {
    List<String> values = List.of("plain", "it's", "$(rm -rf /)", "`x`", "a b\nc", "\"q\"", "\\");
    for (String value : values) {
      Path script = temp.resolve("echo.sh");
      Files.writeString(script, "printf '%s' " + ValueFilters.shellWord(value) + "\n");
      Process process = new ProcessBuilder("sh", script.toString()).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, process.waitFor());
      assertEquals(value, out);
    }
  }

  @Test
  void markdownCodeSurvivesBackticks() {
    assertEquals("`a`", ValueFilters.markdownCode("a"));
    assertEquals("`` a`b ``", ValueFilters.markdownCode("a`b"));
  }
}
