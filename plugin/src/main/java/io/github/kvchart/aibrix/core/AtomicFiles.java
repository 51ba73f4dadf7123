package io.github.kvchart.aibrix.core;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Files that appear whole or not at all: written beside the target, then moved into place. */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes {@code content} to {@code target} through a temporary sibling; returns the target. */
  public static Path write(Path target, byte[] content) throws IOException {
    Path temp = temporarySibling(target);
    try {
      Files.write(temp, content);
      move(temp, target);
    } finally {
      Files.deleteIfExists(temp);
    }
    return target;
  }

  /**
   * A new empty file beside {@code target}, named for this process, readable by all (0644, like any
   * file a build writes; a temporary file would otherwise be 0600 and stay so after the move).
   */
  public static Path temporarySibling(Path target) throws IOException {
    Path parent = target.toAbsolutePath().getParent();
    String prefix = "." + target.getFileName() + ".";
    Leftovers.clean(parent, prefix);
    Path temp = Files.createTempFile(parent, prefix + Leftovers.tag("tmp"), "");
    try {
      Files.setPosixFilePermissions(
          temp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: its default permissions apply
    }
    return temp;
  }

  /** Moves atomically where the file system can, replacing the target. */
  public static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
