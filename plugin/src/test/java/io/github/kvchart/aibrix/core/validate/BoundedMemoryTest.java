package io.github.kvchart.aibrix.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * validate keeps only what the contract needs across files: 30 files of 16 MB each (480 MB of YAML:
 * ConfigMaps, with one model Deployment and one broken document per file) validate in a JVM limited
 * to 512 MB of heap, and every file's violation is still reported at its line.
 */
class BoundedMemoryTest {
  private static final int FILES = 30;
  private static final long FILE_BYTES = 16L * 1000 * 1000;

  @TempDir Path temp;

  @Test
  void thirtyFilesOf16MegabytesValidateIn512MegabytesOfHeap() throws Exception {
    Path folder = Files.createDirectories(temp.resolve("k8s"));
    String value = "x".repeat(16 * 1024);
    for (int f = 0; f < FILES; f++) {
      try (BufferedWriter out =
          Files.newBufferedWriter(folder.resolve("big-" + f + ".yaml"), StandardCharsets.UTF_8)) {
        out.write(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: model-"
                + f
                + "}\nspec:\n  selector: {matchLabels: {app: m"
                + f
                + "}}\n  template:\n    metadata: {labels: {app: m"
                + f
                + "}}\n    spec:\n      containers:\n        - {name: vllm, image: 'vllm/vllm-openai:v0.11.0', command: [vllm, serve], args: [org/m]}\n");
        long written = 400;
        int n = 0;
        while (written < FILE_BYTES) {
          String doc =
              "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c"
                  + n++
                  + "}\ndata:\n  blob: "
                  + value
                  + "\n";
          out.write(doc);
          written += doc.length();
        }
        out.write(
            "---\napiVersion: v1\nkind: Service\nmetadata: {name: broken}\nspec: {portz: []}\n");
      }
    }
    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m",
            "-cp",
            System.getProperty("java.class.path"),
            ValidateProbe.class.getName(),
            folder.toString());
    builder.redirectErrorStream(true);
    Process process = builder.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(10, TimeUnit.MINUTES), output);
    assertEquals(
        0, process.exitValue(), output.length() > 4000 ? output.substring(0, 4000) : output);
    assertTrue(output.contains("RESULT files=" + FILES), output);
    long unknownFields = output.lines().filter(l -> l.contains("[schema-unknown-field]")).count();
    assertEquals(FILES, unknownFields, output);
    assertTrue(
        output
            .lines()
            .anyMatch(l -> l.matches("big-0\\.yaml:\\d+:\\d+: error \\[schema-unknown-field\\].*")),
        output);
  }

  @Test
  void sourcesAboveTheTotalLimitAreRefusedBeforeAnythingIsRead() throws Exception {
    Path folder = Files.createDirectories(temp.resolve("huge"));
    for (int i = 0; i < 2; i++) {
      try (var file =
          new java.io.RandomAccessFile(folder.resolve("sparse-" + i + ".yaml").toFile(), "rw")) {
        file.setLength(SourceSet.MAX_TOTAL_BYTES / 2 + 1);
      }
    }
    var error =
        org.junit.jupiter.api.Assertions.assertThrows(
            io.github.kvchart.aibrix.core.InvalidInputException.class,
            () ->
                SourceSet.expand(
                    temp,
                    java.util.List.of(Path.of("huge")),
                    java.util.List.of(),
                    java.util.List.of()));
    assertTrue(error.getMessage().contains("more than 2048 MB"), error.getMessage());
    assertTrue(error.fix().contains("aibrix-chart.excludes"), error.fix());
  }
}
