package io.github.kvchart.aibrix.core.yaml;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kvchart.aibrix.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiPredicate;
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

  /**
   * Runs {@code read} (which fails on a difference from SnakeYAML and returns whether the short way
   * read the text) on every YAML file of the project, and asserts that the short way read most.
   */
  public static void readEveryProjectFile(BiPredicate<String, String> read) throws Exception {
    int accepted = 0;
    List<String> texts = projectYaml();
    for (String text : texts) {
      if (read.test(text, "project file")) {
        accepted++;
      }
    }
    // Most files are plain block YAML: the short way must not give up on them.
    assertTrue(accepted * 2 > texts.size(), accepted + " of " + texts.size() + " accepted");
  }

  /**
   * Runs {@code read} on random mutations of the project's YAML files (1 to 3 changes each; the
   * seed and the rounds may be set with aibrix.mutationSeed and aibrix.mutationRounds), and asserts
   * that there were thousands and that the short way read a fair share of them.
   */
  public static void readMutations(long seedOffset, BiPredicate<String, String> read)
      throws Exception {
    readMutations(seedOffset, 4, read);
  }

  /**
   * {@link #readMutations(long, BiPredicate)}, asserting that the short way read more than one in
   * {@code oneIn} of them (readers of single documents see fewer, as many files hold several).
   */
  public static void readMutations(long seedOffset, int oneIn, BiPredicate<String, String> read)
      throws Exception {
    Random random = new Random(Long.getLong("aibrix.mutationSeed", 20261203) + seedOffset);
    List<String> texts = projectYaml().stream().filter(t -> t.length() < 20_000).toList();
    int variants = 0;
    int accepted = 0;
    for (int round = 0; round < Integer.getInteger("aibrix.mutationRounds", 40); round++) {
      for (String text : texts) {
        String variant = text;
        for (int m = 1 + random.nextInt(3); m > 0; m--) {
          variant = mutate(variant, random);
        }
        variants++;
        if (read.test(variant, "mutation " + variants)) {
          accepted++;
        }
      }
    }
    assertTrue(variants > 5_000, variants + " variants");
    assertTrue(accepted * oneIn > variants, "only " + accepted + " of " + variants + " accepted");
  }

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
