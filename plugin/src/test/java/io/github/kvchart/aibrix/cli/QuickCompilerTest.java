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
