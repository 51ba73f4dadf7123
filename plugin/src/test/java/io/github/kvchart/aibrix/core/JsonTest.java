package io.github.kvchart.aibrix.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Json reads and writes what Jackson's ObjectMapper does, without setting one up. */
class JsonTest {
  private static final ObjectMapper ORACLE = new ObjectMapper();
  private static final List<String> TEXTS =
      List.of(
          "{\"a\":1,\"b\":[true,false,null],\"c\":{\"d\":\"e\\u00e9\\n\"}}",
          "{\"big\":12345678901,\"huge\":123456789012345678901234567890,\"f\":1.5,\"e\":1e3}",
          "{\"dup\":1,\"x\":2,\"dup\":3}",
          "[1, \"two\", {\"three\": [3.25]}]",
          "\"just text\"",
          "42 and then garbage",
          "",
          "   ",
          "{\"empty\":{},\"none\":[]}");

  @Test
  void readsAsObjectMapperReads() throws Exception {
    for (String text : TEXTS) {
      JsonNode expected = ORACLE.readTree(text);
      JsonNode actual = Json.read(text);
      assertEquals(expected, actual, text);
      assertEquals(expected.getClass(), actual.getClass(), text);
      assertEquals(
          expected,
          Json.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))),
          text);
    }
  }

  @Test
  void keepsTheFirstPlaceAndTheLastValueOfARepeatedKey() throws Exception {
    assertEquals("{\"dup\":3,\"x\":2}", Json.compact(Json.read("{\"dup\":1,\"x\":2,\"dup\":3}")));
  }

  @Test
  void writesAsObjectMapperWrites() throws Exception {
    ObjectMapper pretty = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    for (String text : TEXTS) {
      JsonNode tree = ORACLE.readTree(text);
      if (tree.isMissingNode()) {
        continue;
      }
      assertEquals(ORACLE.writeValueAsString(tree), Json.compact(tree), text);
      assertEquals(pretty.writeValueAsString(tree), Json.pretty(tree), text);
    }
  }

  @Test
  void writesPlainValuesAsObjectMapperWrites() throws Exception {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("s", "quote \" and $ and \u2028");
    value.put("i", 3);
    value.put("l", 30000000000L);
    value.put("d", 0.5);
    value.put("b", true);
    value.put("n", null);
    value.put("list", List.of(1, "x", Map.of("k", false)));
    assertEquals(ORACLE.writeValueAsString(value), Json.compact(value));
    assertEquals(ORACLE.writeValueAsString("a\tb"), Json.compact("a\tb"));
    assertEquals(ORACLE.valueToTree(value), Json.tree(value));
  }

  @Test
  void malformedJsonNamesThePlace() {
    JsonProcessingException e =
        assertThrows(JsonProcessingException.class, () -> Json.read("{\"a\": [1, }"));
    assertTrue(e.getOriginalMessage().startsWith("Unexpected character"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Json.compact(new Object()));
  }
}
