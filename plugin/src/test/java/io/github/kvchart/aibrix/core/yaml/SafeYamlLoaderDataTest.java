package io.github.kvchart.aibrix.core.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.kvchart.aibrix.core.InvalidInputException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@link SafeYamlLoader#loadText} (Chart.yaml, index.yaml) builds its data from the nodes {@link
 * SafeYamlLoader#parse} reads; it must return what SnakeYAML's {@code Yaml.load} with the same
 * limits returns, and fail where it fails: on every YAML file of the project and on thousands of
 * mutations of them.
 */
class SafeYamlLoaderDataTest {
  @Test
  void readsEveryYamlFileOfTheProjectAsYamlLoadDoes() throws Exception {
    YamlMutations.readEveryProjectFile(SafeYamlLoaderDataTest::sameAsYamlLoad);
  }

  @Test
  void readsThousandsOfMutationsAsYamlLoadDoes() throws Exception {
    YamlMutations.readMutations(2, 6, SafeYamlLoaderDataTest::sameAsYamlLoad);
  }

  @Test
  void chartMetadataKeepsYaml11Types() throws Exception {
    Object data =
        SafeYamlLoader.loadText(
            "name: m\nversion: 1.0\nappVersion: \"v0.10.0\"\ndeprecated: no\nkeywords: [a, 2]\n",
            "Chart.yaml");
    assertEquals(
        Map.of(
            "name",
            "m",
            "version",
            1.0,
            "appVersion",
            "v0.10.0",
            "deprecated",
            false,
            "keywords",
            List.of("a", 2)),
        data);
    assertNull(SafeYamlLoader.loadText("# nothing\n", "Chart.yaml"));
    assertNull(SafeYamlLoader.loadText("~\n", "Chart.yaml"));
  }

  /**
   * Whether the text is one document the short way reads; fails unless loadText returns what
   * Yaml.load returns, or both refuse the text.
   */
  private static boolean sameAsYamlLoad(String text, String what) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(50);
    options.setNestingDepthLimit(64);
    options.setCodePointLimit(8 * 1024 * 1024);
    options.setAllowRecursiveKeys(false);
    Object expected;
    try {
      expected = new Yaml(new SafeConstructor(options)).load(text);
    } catch (RuntimeException | StackOverflowError e) {
      try {
        Object data = SafeYamlLoader.loadText(text, what);
        fail(what + ": Yaml.load refused it (" + e.getMessage() + "), loadText read " + data);
      } catch (InvalidInputException expectedToo) {
        // both refuse it
      }
      return false;
    }
    try {
      assertEquals(String.valueOf(expected), String.valueOf(SafeYamlLoader.loadText(text, what)));
      assertEquals(expected, SafeYamlLoader.loadText(text, what), what);
    } catch (InvalidInputException e) {
      fail(what + ": Yaml.load read it, loadText refused it: " + e.getMessage() + "\n" + text);
    }
    return NodeTrees.single(text, 64, 8 * 1024 * 1024) != null;
  }
}
