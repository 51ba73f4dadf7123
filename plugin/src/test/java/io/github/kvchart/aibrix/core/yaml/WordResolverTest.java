package io.github.kvchart.aibrix.core.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.resolver.Resolver;

/** The word resolver answers exactly as SnakeYAML's resolver for every scalar. */
class WordResolverTest {
  private static final Resolver SNAKEYAML = new Resolver();
  private static final Resolver WORDS = new SafeYamlLoader.WordResolver();

  @Test
  void resolvesEveryValueAsSnakeYamlDoes() {
    List<String> values = new ArrayList<>();
    String[] words = {
      "yes",
      "Yes",
      "YES",
      "no",
      "No",
      "NO",
      "true",
      "True",
      "TRUE",
      "false",
      "False",
      "FALSE",
      "on",
      "On",
      "ON",
      "off",
      "Off",
      "OFF",
      "null",
      "Null",
      "NULL",
      "~",
      "",
      " ",
      "<<",
      "y",
      "n",
      "Y",
      "N",
      "nul",
      "nulls",
      "falsey",
      "offset",
      "onion",
      "tr",
      "name",
      "namespace",
      "template",
      "8000",
      "0x1F",
      "010",
      "0b101",
      "1_000",
      "-1",
      "+2",
      "1.5",
      ".5",
      ".inf",
      ".NaN",
      "1e3",
      "2001-12-14",
      "2001-12-14t21:59:43.10-05:00",
      "12:30:45",
      "1:20",
      "&a",
      "*a",
      "!x",
      "Über",
      "ÿes",
      "_x",
      "vllm/vllm-openai:v0.8.5",
      "--kv-events-config",
      "TCP",
      "tcp",
      "-",
      "+",
      "-x",
      "--",
      "-.",
      "-.5",
      "+.inf",
      "-_1",
      "5557",
      "0",
      "00",
      "09",
      "1e",
      "16Gi",
      "/health",
      "\"quoted\"",
      "=",
      "#x",
      "%x",
      "@x",
      "`x",
      "\u0000",
      "\u00e9t\u00e9"
    };
    values.addAll(List.of(words));
    for (int length : new int[] {1, 2, 10, 50, 51, 1023, 1024, 1025, 2000}) {
      values.add("7".repeat(length));
      values.add("1" + "0".repeat(length - 1));
      values.add("-" + "7".repeat(length));
    }
    Random random = new Random(42);
    String alphabet = "yYnNtTfFoOaZbq0123456789_-+.:~<&*! eEsSlLuU/\"=#x\u00e9";
    for (int i = 0; i < 20_000; i++) {
      StringBuilder value = new StringBuilder();
      int length = random.nextInt(9);
      for (int c = 0; c < length; c++) {
        value.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      values.add(value.toString());
    }
    for (String value : values) {
      for (boolean implicit : new boolean[] {true, false}) {
        assertEquals(
            SNAKEYAML.resolve(NodeId.scalar, value, implicit),
            WORDS.resolve(NodeId.scalar, value, implicit),
            "'" + value + "' implicit=" + implicit);
      }
    }
    assertEquals(
        SNAKEYAML.resolve(NodeId.mapping, "x", true), WORDS.resolve(NodeId.mapping, "x", true));
    assertEquals(
        SNAKEYAML.resolve(NodeId.sequence, "x", true), WORDS.resolve(NodeId.sequence, "x", true));
  }
}
