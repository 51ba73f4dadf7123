package io.github.kvchart.aibrix.core.manifest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.kvchart.aibrix.TestPaths;
import io.github.kvchart.aibrix.core.validate.ManifestParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Positions come from SnakeYAML's composer, as the values do. They are checked against a second,
 * independent reader (Jackson's YAML parser walking tokens, which the finder used before) for every
 * node of every document of the test fixtures: the same line and column for each JSON pointer.
 */
class PositionFinderTest {
  private static final YAMLFactory ORACLE = new YAMLFactory();
  private static final java.util.regex.Pattern ANCHOR =
      java.util.regex.Pattern.compile(
          "(^|[\\s\\[{,:-])&[^\\s\\[\\]{},]+", java.util.regex.Pattern.MULTILINE);

  @Test
  void everyNodeOfEveryFixtureIsWhereJacksonsTokensPutIt() throws Exception {
    List<Path> files = new ArrayList<>();
    for (String folder : List.of("plugin/src/test/resources", "samples", "it")) {
      try (Stream<Path> walk = Files.walk(TestPaths.repoRoot().resolve(folder))) {
        walk.filter(f -> f.toString().matches(".*\\.ya?ml$")).sorted().forEach(files::add);
      }
    }
    ManifestParser parser = new ManifestParser();
    int checked = 0;
    for (Path file : files) {
      String text;
      try {
        text = Files.readString(file);
      } catch (java.nio.charset.CharacterCodingException e) {
        continue; // a fixture of bad bytes
      }
      if (ANCHOR.matcher(text).find() || text.length() > 200_000) {
        continue; // aliases: the composer follows them, Jackson's tokens do not
      }
      List<ManifestDocument> documents;
      try {
        documents = parser.parse(file.toString(), text).documents();
      } catch (RuntimeException e) {
        continue;
      }
      for (ManifestDocument document : documents) {
        List<String> pointers = new ArrayList<>();
        pointers(document.root(), "", pointers);
        pointers.add("/no/such/field");
        for (String pointer : pointers) {
          assertArrayEquals(
              oracle(text, document.index(), pointer),
              document.locate(pointer),
              file + " document " + document.index() + " " + pointer);
          checked++;
        }
      }
    }
    assertTrue(checked > 3_000, "only " + checked + " pointers checked");
  }

  /**
   * A document is read again alone (its own lines), unless it cannot be: here a tag handle its
   * directive, above the document's first line, defines. Then the whole text is read.
   */
  @Test
  void aDocumentThatCannotBeReadAloneIsLocatedInTheWholeText() {
    String text = "%TAG !k! tag:kvchart.example,2026:\n--- !k!config\nname: a\nport: 8000\n";
    PositionFinder finder =
        new PositionFinder(new org.yaml.snakeyaml.LoaderOptions(), text, new int[] {2});
    assertArrayEquals(new int[] {4, 1}, finder.locate(0, "/port"));
  }

  @Test
  void eachDocumentOfAFileIsLocatedInItsOwnLines() {
    StringBuilder text = new StringBuilder();
    int[] lines = new int[50];
    for (int i = 0; i < lines.length; i++) {
      text.append("---\n# document ").append(i).append('\n');
      lines[i] = 3 + 5 * i;
      text.append("kind: Pod\nspec:\n  replicaz: ").append(i).append('\n');
    }
    PositionFinder finder =
        new PositionFinder(new org.yaml.snakeyaml.LoaderOptions(), text.toString(), lines);
    for (int i = 0; i < lines.length; i++) {
      assertArrayEquals(new int[] {lines[i] + 2, 3}, finder.locate(i, "/spec/replicaz"));
      assertArrayEquals(new int[] {lines[i], 1}, finder.locate(i, ""));
    }
  }

  /**
   * The document read last is kept for the next pointer, and read again when another came between.
   */
  @Test
  void itemsOfAListAndDocumentsInAnyOrderAreLocated() {
    StringBuilder list = new StringBuilder("apiVersion: v1\nkind: List\nitems:\n");
    for (int i = 0; i < 20; i++) {
      list.append("  - kind: Pod\n    spec:\n      replicaz: ").append(i).append('\n');
    }
    String text = "kind: A\nx: 1\n---\n" + list + "---\nkind: B\ny: 2\n";
    PositionFinder finder =
        new PositionFinder(new org.yaml.snakeyaml.LoaderOptions(), text, new int[] {1, 4, 68});
    for (int i = 19; i >= 0; i -= 3) {
      assertArrayEquals(
          new int[] {4 + 3 + 3 * i + 2, 7}, finder.locate(1, "/items/" + i + "/spec/replicaz"));
      assertArrayEquals(new int[] {2, 1}, finder.locate(0, "/x"));
      assertArrayEquals(new int[] {69, 1}, finder.locate(2, "/y"));
    }
  }

  /** A kept List (a finder holding one document, large) is read once for all its items. */
  @Test
  void theItemsOfALargeKeptListAreLocated() {
    StringBuilder text = new StringBuilder("kind: A\n---\napiVersion: v1\nkind: List\nitems:\n");
    int items = 500;
    for (int i = 0; i < items; i++) {
      text.append("  - kind: Pod\n    spec:\n      replicaz: ").append(i).append('\n');
    }
    assertTrue(text.length() > PositionFinder.KEEP_FROM, "large enough to be kept");
    PositionFinder kept =
        new PositionFinder(
                new org.yaml.snakeyaml.LoaderOptions(), text.toString(), new int[] {1, 3})
            .only(1);
    for (int i = items - 1; i >= 0; i -= 7) {
      assertArrayEquals(
          new int[] {3 + 3 + 3 * i + 2, 7}, kept.locate(1, "/items/" + i + "/spec/replicaz"));
    }
  }

  @Test
  void aDocumentEndsBeforeTheLinesThatCloseItOrOpenTheNext() {
    String text = "a: 1\nb:\n  c: 2\n\n# next\n...\n%YAML 1.1\n--- # x\n---\n";
    assertEquals(
        "a: 1\nb:\n  c: 2\n", text.substring(0, PositionFinder.contentEnd(text, 0, text.length())));
    String first = "--- {a: 1}\n---\n";
    assertEquals(
        "--- {a: 1}\n",
        first.substring(0, PositionFinder.contentEnd(first, 0, first.length())),
        "the first line holds the first token");
    String plain = "a: b\n---x\n";
    assertEquals(
        plain.length(),
        PositionFinder.contentEnd(plain, 0, plain.length()),
        "---x is not a marker");
  }

  private static void pointers(JsonNode node, String prefix, List<String> out) {
    out.add(prefix);
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String key = field.getKey().replace("~", "~0").replace("/", "~1");
        pointers(field.getValue(), prefix + "/" + key, out);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        pointers(node.get(i), prefix + "/" + i, out);
      }
    }
  }

  /**
   * The token-walking finder this class replaced: the key of a member, an element's first token.
   */
  private static int[] oracle(String text, int document, String pointer) throws Exception {
    List<String> path = PositionFinder.segments(pointer);
    try (JsonParser parser = ORACLE.createParser(text)) {
      int current = -1;
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (++current < document) {
          parser.skipChildren();
          continue;
        }
        JsonLocation at = descend(parser, token, path, 0, parser.currentTokenLocation());
        return new int[] {at.getLineNr(), at.getColumnNr()};
      }
    }
    return new int[] {0, 0};
  }

  private static JsonLocation descend(
      JsonParser parser, JsonToken token, List<String> path, int depth, JsonLocation best)
      throws Exception {
    if (depth == path.size()) {
      return best;
    }
    String segment = path.get(depth);
    if (token == JsonToken.START_OBJECT) {
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonLocation key = parser.currentTokenLocation();
        JsonToken value = parser.nextToken();
        if (name.equals(segment)) {
          return descend(parser, value, path, depth + 1, key);
        }
        parser.skipChildren();
      }
    } else if (token == JsonToken.START_ARRAY) {
      int index = 0;
      JsonToken element;
      while ((element = parser.nextToken()) != JsonToken.END_ARRAY && element != null) {
        if (String.valueOf(index++).equals(segment)) {
          return descend(parser, element, path, depth + 1, parser.currentTokenLocation());
        }
        parser.skipChildren();
      }
    }
    return best;
  }
}
