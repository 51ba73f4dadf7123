package io.github.kvchart.aibrix.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kvchart.aibrix.core.BuildLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The regression guard for speed, without timing: each schema is compiled once per run, however
 * many files and threads share it.
 */
class SchemaCompiledOnceTest {
  @TempDir Path temp;

  private int compilations(int files, int threads) throws Exception {
    Path dir = Files.createDirectories(temp.resolve("n" + files + "-" + threads));
    for (int i = 0; i < files; i++) {
      Files.writeString(
          dir.resolve("f" + i + ".yaml"),
          "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c"
              + i
              + "}\n---\n"
              + "apiVersion: v1\nkind: Service\nmetadata: {name: s"
              + i
              + "}\nspec: {ports: [{port: 80}]}\n---\n"
              + "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d"
              + i
              + "}\nspec:\n  selector: {matchLabels: {a: b}}\n"
              + "  template: {metadata: {labels: {a: b}}, spec: {containers: [{name: c, image: x}]}}\n");
    }
    ValidationResult result =
        new ManifestValidator()
            .validate(
                new ValidateRequest(
                    dir, List.of(dir), List.of(), List.of(), "1.32", List.of(), threads),
                BuildLog.SILENT);
    assertEquals(files * 3, result.documents().size());
    return result.schemaCompilations();
  }

  @Test
  void eachSchemaIsCompiledOnceHoweverManyFiles() throws Exception {
    assertEquals(3, compilations(1, 1));
    assertEquals(3, compilations(200, 1));
    assertEquals(3, compilations(200, 4));
  }
}
