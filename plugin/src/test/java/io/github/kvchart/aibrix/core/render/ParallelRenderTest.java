package io.github.kvchart.aibrix.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kvchart.aibrix.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Templates render on every core with the result and the errors of one-at-a-time rendering. */
class ParallelRenderTest {
  @TempDir Path temp;

  private Path templates(int count) throws Exception {
    Path dir = Files.createDirectories(temp.resolve("templates"));
    for (int i = 0; i < count; i++) {
      Files.writeString(
          dir.resolve(String.format("f%03d.yaml.j2", i)),
          "name: [= name =]-"
              + i
              + "\n[% for n in range("
              + (i % 5)
              + ") %]- [= n =]\n[% endfor %]");
    }
    return dir;
  }

  @Test
  void everyFileAsOneAtATimeWouldWriteIt() throws Exception {
    Path dir = templates(40);
    Map<String, String> files =
        ChartGenerator.render(new DirectoryTemplateSource(dir), Map.of("name", "m"));
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      expected.add(String.format("f%03d.yaml", i));
      StringBuilder text = new StringBuilder("name: m-" + i + "\n");
      for (int n = 0; n < i % 5; n++) {
        text.append("- ").append(n).append('\n');
      }
      assertEquals(text.toString(), files.get(String.format("f%03d.yaml", i)), "file " + i);
    }
    assertEquals(expected, new ArrayList<>(files.keySet()));
  }

  @Test
  void theFirstBrokenTemplateByNameIsReported() throws Exception {
    Path dir = templates(40);
    Files.writeString(dir.resolve("f031.yaml.j2"), "x: [= missing_b =]\n");
    Files.writeString(dir.resolve("f007.yaml.j2"), "\n\nx: [= missing_a =]\n");
    for (int run = 0; run < 5; run++) {
      InvalidInputException error =
          assertThrows(
              InvalidInputException.class,
              () -> ChartGenerator.render(new DirectoryTemplateSource(dir), Map.of("name", "m")));
      assertTrue(error.getMessage().contains("f007.yaml.j2"), error.getMessage());
      assertTrue(error.getMessage().contains("missing_a"), error.getMessage());
    }
  }
}
