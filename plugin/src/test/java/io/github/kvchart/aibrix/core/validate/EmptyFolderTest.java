package io.github.kvchart.aibrix.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kvchart.aibrix.core.BuildLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder among the sources that gives nothing to validate is named in a warning (kubectl get -o
 * json writes .json files, which the default includes leave out), so it never passes unnoticed.
 */
class EmptyFolderTest {
  @TempDir Path temp;

  private final List<String> warnings = new ArrayList<>();

  private ValidationResult validate(List<String> includes, Path... sources) throws Exception {
    BuildLog log =
        new BuildLog() {
          @Override
          public void info(String message) {}

          @Override
          public void warn(String message) {
            warnings.add(message);
          }

          @Override
          public void debug(String message) {}
        };
    return new ManifestValidator()
        .validate(
            new ValidateRequest(temp, List.of(sources), includes, List.of(), "1.32", List.of(), 1),
            log);
  }

  @Test
  void aFolderOfJsonManifestsIsNamedWithTheIncludeToAdd() throws Exception {
    Path json = Files.createDirectories(temp.resolve("json"));
    Files.writeString(json.resolve("ns.json"), "{\"apiVersion\": \"v1\", \"kind\": \"Namespace\"}");
    Files.writeString(json.resolve("notes.txt"), "not a manifest");
    ValidationResult result = validate(List.of(), json);
    assertEquals(0, result.documents().size());
    assertEquals(
        List.of(
            "json: no file in it matches the includes (**/*.yaml,**/*.yml), so nothing there is"
                + " validated. It holds 1 .json file(s): add **/*.json to aibrix-chart.includes"
                + " (--includes) to validate them."),
        warnings);
  }

  @Test
  void anEmptyFolderIsNamedAndAFolderWithManifestsIsNot() throws Exception {
    Path empty = Files.createDirectories(temp.resolve("empty"));
    Path yaml = Files.createDirectories(temp.resolve("yaml"));
    Files.writeString(
        yaml.resolve("ns.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n");
    ValidationResult result = validate(List.of(), empty, yaml);
    assertEquals(1, result.documents().size());
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).startsWith("empty: no file in it matches"), warnings.get(0));
    assertFalse(warnings.get(0).contains(".json"), warnings.get(0));
  }

  @Test
  void withJsonIncludedTheFolderIsValidated() throws Exception {
    Path json = Files.createDirectories(temp.resolve("json"));
    Files.writeString(
        json.resolve("ns.json"),
        "{\"apiVersion\": \"v1\", \"kind\": \"Namespace\", \"metadata\": {\"name\": \"a\"}}");
    ValidationResult result = validate(List.of("**/*.json"), json);
    assertEquals(1, result.documents().size());
    assertEquals(List.of(), warnings);
  }
}
