package io.github.kvchart.aibrix.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kvchart.aibrix.core.InvalidInputException;
import io.github.kvchart.aibrix.core.contract.KvContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One run reports every model's mistakes, each with its line and fix. */
class ModelsFileErrorsTest {
  @TempDir Path temp;

  @Test
  void severalErrorsAreReportedAtOnce() throws Exception {
    Path file = temp.resolve("models.yaml");
    Files.writeString(
        file,
        "models:\n"
            + "  - name: Llama_8B\n"
            + "    hfModel: org/a\n"
            + "  - name: b\n"
            + "    hfModel: org/b\n"
            + "    replicas: -2\n"
            + "  - name: c\n"
            + "    hfModel: org/c\n"
            + "    maxModelLength: 4096\n"
            + "  - name: d\n"
            + "    hfModel: org/d\n");
    InvalidInputException error =
        assertThrows(
            InvalidInputException.class,
            () -> new ModelsFileReader(KvContract.builtIn()).read(file, "models.yaml"));
    List<String> lines = error.getMessage().lines().toList();
    assertEquals("3 errors:", lines.get(0), error.getMessage());
    assertTrue(lines.get(1).startsWith("models.yaml:2:11: model name 'Llama_8B'"), lines.get(1));
    assertTrue(lines.get(1).contains("Did you mean 'llama-8b'?"), lines.get(1));
    assertTrue(
        lines.get(2).startsWith("models.yaml:6:15: 'models[1].replicas' is -2"), lines.get(2));
    assertTrue(
        lines.get(3).startsWith("models.yaml:9:5: unknown key 'models[2].maxModelLength'"),
        lines.get(3));
    assertEquals(2, error.location().line(), "the first error's location");
  }
}
