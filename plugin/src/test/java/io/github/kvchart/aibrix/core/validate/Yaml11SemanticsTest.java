package io.github.kvchart.aibrix.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.BuildLog;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Values read as kubectl reads them (YAML 1.1), the same with and without anchors in the file. */
class Yaml11SemanticsTest {
  @TempDir Path temp;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "010|8",
        "-010|-8",
        "0x1F|31",
        "0b101|5",
        "1_000|1000",
        "0|0",
        "yes|true",
        "On|true",
        "off|false",
        "y|true",
        "N|false",
        "`'y'`|\"y\"",
        "'010'|\"010\"",
        "'yes'|\"yes\"",
        "''|\"\"",
        "~|null",
        "0o17|\"0o17\"",
        "1.5|1.5",
      })
  void aValueParsesTheSameWithAndWithoutAnchors(String yaml, String json) throws Exception {
    ManifestParser parser = new ManifestParser();
    JsonNode plain = parser.parse("a.yaml", "v: " + yaml + "\n").documents().get(0).root();
    JsonNode anchored =
        parser.parse("b.yaml", "x: &a 1\ny: *a\nv: " + yaml + "\n").documents().get(0).root();
    JsonNode expected = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
    assertEquals(expected, plain.get("v"), "without anchors");
    assertEquals(expected, anchored.get("v"), "with anchors");
  }

  private List<Violation> validate(String value) throws Exception {
    Path file = temp.resolve("m.yaml");
    Files.writeString(
        file,
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  enabled: " + value + "\n");
    return new ManifestValidator()
        .validate(
            new ValidateRequest(temp, List.of(file), List.of(), List.of(), "1.35", List.of(), 1),
            BuildLog.SILENT)
        .violations();
  }

  @Test
  void yesInAStringFieldIsABooleanToQuote() throws Exception {
    List<Violation> found = validate("yes");
    assertEquals(1, found.size(), found.toString());
    assertEquals("schema", found.get(0).rule());
    assertEquals(6, found.get(0).line());
    assertEquals("/data/enabled must be string, not boolean.", found.get(0).message());
    assertEquals("Quote the value.", found.get(0).fix());
    assertEquals(List.of(), validate("\"yes\""));
  }
}
