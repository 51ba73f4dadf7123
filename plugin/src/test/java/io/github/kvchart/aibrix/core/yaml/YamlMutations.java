package io.github.kvchart.aibrix.core.yaml;

import io.github.kvchart.aibrix.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Texts for comparing the short way ({@link BlockYaml}) with SnakeYAML: every YAML file of the
 * project, and random mutations of them (inserted indicators, flow collections and tricky scalars,
 * shifted indentation, cut text, swapped and repeated lines).
 */
public final class YamlMutations {
  private YamlMutations() {}

  static final String[] TOKENS = {
    ": ",
    " #",
    "#",
    "- ",
    "-",
    "&a ",
    "*a",
    "!t ",
    "!!str ",
    "'",
    "''",
    "\"",
    "\\",
    "\\\"",
    "\\n",
    "\\\\",
    "\\u0041",
    "\\x41",
    "\"a\\\"b\"",
    "{",
    "}",
    "[",
    "]",
    "{}",
    "[]",
    "---\n",
    "--- ",
    "...\n",
    "|\n",
    "|-\n",
    ">\n",
    "? ",
    "<<: ",
    "y",
    "n",
    "Y",
    "on",
    "off",
    "yes",
    "No",
    "0x1F",
    "010",
    "0o17",
    "09",
    "1_000",
    "1:20",
    "190:20:30",
    ".inf",
    "-.Inf",
    ".NaN",
    "~",
    "null",
    "Null",
    "NULL",
    "2001-12-14",
    "2001-12-14T21:59:43Z",
    "1e3",
    "1.5",
    "+1",
    "-0",
    "0b101",
    "true",
    "TRUE",
    "tRue",
    ":",
    "%",
    "@",
    "`",
    ",",
    "\n",
    "\n\n",
    "  ",
    " ",
    "a: b",
    "\t",
    "\u00e9",
    "\r",
    "=",
    "-1",
    "--x",
    "a:b",
    "\"a\": ",
    "'k': ",
    "x #y",
    "99999999999",
    "123456789012345678901234567890",
    "0.",
    ".5",
    "1.",
    "0x",
    "_",
    "-_",
    "!",
    "&",
    "*"
  };

  /** {@code text} with one random change. */
  public static String mutate(String text, Random random) {
    if (text.isEmpty()) {
      return TOKENS[random.nextInt(TOKENS.length)];
    }
    String[] lines = text.split("\n", -1);
    int line = random.nextInt(lines.length);
    int at = random.nextInt(text.length());
    switch (random.nextInt(6)) {
      case 0:
        return text.substring(0, at) + TOKENS[random.nextInt(TOKENS.length)] + text.substring(at);
      case 1:
        return text.substring(0, at)
            + text.substring(Math.min(text.length(), at + 1 + random.nextInt(5)));
      case 2:
        lines[line] =
            random.nextBoolean() ? " " + lines[line] : lines[line].replaceFirst("^ {1,2}", "");
        return String.join("\n", lines);
      case 3:
        {
          int colon = lines[line].indexOf(": ");
          if (colon < 0) {
            return mutate(text, random);
          }
          lines[line] = lines[line].substring(0, colon + 2) + TOKENS[random.nextInt(TOKENS.length)];
          return String.join("\n", lines);
        }
      case 4:
        if (line + 1 < lines.length) {
          String swap = lines[line];
          lines[line] = lines[line + 1];
          lines[line + 1] = swap;
        }
        return String.join("\n", lines);
      default:
        lines[line] = lines[line] + "\n" + lines[line];
        return String.join("\n", lines);
    }
  }

  /** Every YAML file of the project that is valid UTF-8. */
  public static List<String> projectYaml() throws Exception {
    List<String> texts = new ArrayList<>();
    for (String folder : List.of("plugin/src/test/resources", "samples", "it", "docs")) {
      try (Stream<Path> walk = Files.walk(TestPaths.repoRoot().resolve(folder))) {
        for (Path file : walk.filter(f -> f.toString().matches(".*\\.ya?ml$")).sorted().toList()) {
          try {
            texts.add(Files.readString(file));
          } catch (java.nio.charset.CharacterCodingException e) {
            // a fixture of bad bytes
          }
        }
      }
    }
    return texts;
  }
}
