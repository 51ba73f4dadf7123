package io.github.kvchart.aibrix.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The C1-only request: made for large inputs only, taken by the JVM, and leaving no file. */
class QuickCompilerTest {
  @TempDir Path dir;

  @Test
  void countsTheBytesUnderThePathsUpToTheLimit() throws Exception {
    Files.createDirectories(dir.resolve("a/b"));
    Files.write(dir.resolve("a/one.yaml"), new byte[600]);
    Files.write(dir.resolve("a/b/two.yaml"), new byte[600]);
    assertTrue(QuickCompiler.holdAtLeast(List.of(dir), 1200));
    assertFalse(QuickCompiler.holdAtLeast(List.of(dir), 1201));
    assertTrue(
        QuickCompiler.holdAtLeast(List.of(dir.resolve("a/one.yaml"), dir.resolve("a/b")), 1200));
    assertFalse(QuickCompiler.holdAtLeast(List.of(dir.resolve("a/one.yaml")), 601));
    assertFalse(QuickCompiler.holdAtLeast(List.of(dir.resolve("missing")), 1));
  }

  @Test
  void theJvmTakesTheDirectiveAndTheFileIsGone() throws Exception {
    Path temp = Files.createDirectories(dir.resolve("tmp"));
    // A directive that matches no method, so this test JVM compiles as before.
    String directive = "[{ match: \"no/such/Clazz.method\", c2: { Exclude: true } }]";
    String answer = QuickCompiler.request(directive, temp);
    try {
      assertEquals("1 compiler directives added", answer);
      assertTrue(
          QuickCompiler.command("compilerDirectivesPrint").contains("no/such/Clazz.method"),
          "the directive is not on the JVM's stack");
    } finally {
      QuickCompiler.command("compilerDirectivesRemove");
    }
    try (var left = Files.list(temp)) {
      assertEquals(List.of(), left.toList());
    }
  }

  @Test
  void aJvmWithTheDefaultTiersIsAsked() {
    // surefire starts the test JVM without compiler flags
    assertFalse(QuickCompiler.compilesQuicklyAlready());
  }

  /** Prints what {@link QuickCompiler#quicken} answers in a JVM started with the given flags. */
  public static void main(String[] args) {
    System.out.println(QuickCompiler.quicken(Path.of(args[0])));
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
    "-XX:+TieredCompilation, 1 compiler directives added",
    "-XX:TieredStopAtLevel=1, null",
    "-XX:-TieredCompilation, null"
  })
  void onlyAJvmLeftToChooseItsCompilersIsAsked(String flag, String answer) throws Exception {
    Path temp = Files.createDirectories(dir.resolve("tmp"));
    String classPath =
        Path.of(QuickCompiler.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            + java.io.File.pathSeparator
            + Path.of(
                QuickCompilerTest.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                flag,
                "-cp",
                classPath,
                QuickCompilerTest.class.getName(),
                temp.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(child.getInputStream().readAllBytes()).trim();
    assertEquals(0, child.waitFor(), output);
    assertEquals(answer, output);
    try (var left = Files.list(temp)) {
      assertEquals(List.of(), left.toList());
    }
  }

  @Test
  void aSmallInputOrTheSwitchAsksForNothing() throws Exception {
    Files.write(dir.resolve("one.yaml"), new byte[100]);
    assertFalse(QuickCompiler.forLargeInput(List.of(dir)));
    Files.write(dir.resolve("large.yaml"), new byte[(int) QuickCompiler.LARGE_INPUT]);
    System.setProperty("aibrix.cli.fullJit", "true");
    try {
      assertFalse(QuickCompiler.forLargeInput(List.of(dir)));
    } finally {
      System.clearProperty("aibrix.cli.fullJit");
    }
  }
}
