package io.github.kvchart.aibrix.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kvchart.aibrix.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** All-or-nothing output: replaced whole, never half-written, never outside, never foreign. */
class OutputTreeTest {
  @TempDir Path temp;

  @Test
  void replacesThePreviousOutputWhole() throws Exception {
    Path out = temp.resolve("out");
    OutputTree.write(out, Map.of("a/old.txt", "old\n"));
    OutputTree.write(out, Map.of("b/new.txt", "new\n"));
    assertFalse(Files.exists(out.resolve("a/old.txt")));
    assertEquals("new\n", Files.readString(out.resolve("b/new.txt")));
    try (var siblings = Files.list(temp)) {
      assertEquals(1, siblings.count(), "no temporary directories left behind");
    }
  }

  @Test
  void aFailedWriteLeavesThePreviousOutputIntact() throws Exception {
    Path out = temp.resolve("out");
    OutputTree.write(out, Map.of("keep.txt", "kept\n"));
    Map<String, String> bad = new TreeMap<>(Map.of("fine.txt", "x", "../escape.txt", "y"));
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> OutputTree.write(out, bad));
    assertTrue(e.getMessage().contains("leaves the output directory"));
    assertEquals("kept\n", Files.readString(out.resolve("keep.txt")));
    assertFalse(Files.exists(temp.resolve("escape.txt")));
    try (var siblings = Files.list(temp)) {
      assertEquals(1, siblings.count(), "no temporary directories left behind");
    }
  }

  @Test
  void refusesToReplaceADirectoryItDidNotWrite() throws Exception {
    Path out = Files.createDirectories(temp.resolve("src"));
    Files.writeString(out.resolve("Main.java"), "class Main {}");
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> OutputTree.write(out, Map.of("a", "b")));
    assertTrue(e.fix().contains("empty or new directory"));
    assertTrue(Files.exists(out.resolve("Main.java")));
  }

  @Test
  void absoluteNamesAreRefused() {
    assertThrows(
        InvalidInputException.class,
        () -> OutputTree.write(temp.resolve("out"), Map.of("/etc/x", "y")));
  }
}
