package io.github.kvchart.aibrix.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.kvchart.aibrix.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed corpus of hostile inputs (plugin/src/test/resources/hostile): each one is fed to
 * the goal it targets through the Mojo, and must end as expectations.csv says: success, or a
 * MojoFailureException (a user mistake: no stack trace in the normal log) whose message names what
 * is wrong. Never a RuntimeException, an OutOfMemoryError or a StackOverflowError, and nothing
 * half-written.
 */
class HostileInputTest {
  static final Path CORPUS = TestPaths.repoRoot().resolve("plugin/src/test/resources/hostile");

  @TempDir Path temp;

  static Stream<Arguments> corpus() throws Exception {
    List<Arguments> cases = new ArrayList<>();
    for (String line : Files.readAllLines(CORPUS.resolve("expectations.csv"))) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\\|", 3);
      cases.add(Arguments.of(parts[0].trim(), parts[1].trim(), parts[2].trim()));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void endsAsExpected(String input, String outcome, String message) throws Exception {
    Path output = temp.resolve("out");
    Throwable thrown = null;
    try {
      run(input, output);
    } catch (Throwable t) {
      thrown = t;
    }
    if (outcome.equals("success")) {
      if (thrown != null) {
        fail(input + " should succeed but failed: " + thrown, thrown);
      }
      return;
    }
    if (!(thrown instanceof MojoFailureException)) {
      fail(input + " must fail with a MojoFailureException, got " + thrown, thrown);
    }
    String said = thrown.getMessage();
    if (input.startsWith("v")) {
      said = Files.readString(temp.resolve("reports/validation.json"));
    }
    assertTrue(said.contains(message), input + ": '" + said + "' lacks '" + message + "'");
    if (input.startsWith("m") || input.startsWith("templates/")) {
      assertTrue(!Files.exists(output), input + ": nothing may be half-written");
    }
    try (var siblings = Files.list(temp)) {
      assertEquals(
          0,
          siblings.filter(p -> p.getFileName().toString().startsWith(".out")).count(),
          "no stray temporary files");
    }
  }

  /**
   * A template set whose links.txt lists symbolic links ("name -> target") is copied to a temporary
   * folder and the links are made there (the build would follow committed links when it copies test
   * resources).
   */
  private Path withLinks(Path templates) throws Exception {
    Path links = templates.resolve("links.txt");
    if (!Files.exists(links)) {
      return templates;
    }
    Path copy = Files.createDirectories(temp.resolve("linked-templates"));
    try (var files = Files.list(templates)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (!file.equals(links)) {
          Files.copy(file, copy.resolve(file.getFileName()));
        }
      }
    }
    for (String line : Files.readAllLines(links)) {
      String[] parts = line.split("->");
      Files.createSymbolicLink(copy.resolve(parts[0].trim()), Path.of(parts[1].trim()));
    }
    return copy;
  }

  private void run(String input, Path output) throws Exception {
    Path file = CORPUS.resolve(input);
    if (input.startsWith("m")) {
      GenerateMojo mojo = Mojos.generate(output);
      mojo.modelsFile = file.toFile();
      mojo.execute();
    } else if (input.startsWith("templates/")) {
      GenerateMojo mojo = Mojos.generate(output);
      mojo.templateDirectory = withLinks(file).toFile();
      mojo.execute();
    } else {
      ValidateMojo mojo = Mojos.validate(CORPUS, List.of(input));
      mojo.reportsDirectory = temp.resolve("reports").toFile();
      mojo.execute();
    }
  }
}
