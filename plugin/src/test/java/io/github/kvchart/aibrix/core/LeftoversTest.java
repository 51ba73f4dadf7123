package io.github.kvchart.aibrix.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A later run removes what killed runs left (their owner process is gone), and never what a live
 * run is using: its own folders, a parallel run's, or a Helm library some process has mapped.
 */
class LeftoversTest {
  @TempDir Path temp;

  private static long deadPid() {
    for (long pid = 4_000_000; pid > 100_000; pid -= 7) {
      if (ProcessHandle.of(pid).isEmpty()) {
        return pid;
      }
    }
    throw new IllegalStateException("no free pid found");
  }

  private List<String> names() throws Exception {
    try (Stream<Path> files = Files.list(temp)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void removesOnlyWhatDeadProcessesLeft() throws Exception {
    long dead = deadPid();
    long alive = ProcessHandle.current().pid();
    Files.createDirectories(temp.resolve(".out.tmp-" + dead + "-abcd1234/helm"));
    Files.createDirectories(temp.resolve(".out.old-" + dead + "-abcd1234"));
    Files.createDirectories(temp.resolve(".out.tmp-" + alive + "-abcd1234"));
    Files.writeString(temp.resolve(".index.yaml.tmp-" + dead + "-42"), "x");
    Files.createDirectories(temp.resolve(".out.tmp-legacy"));
    assertEquals(2, Leftovers.clean(temp, ".out."));
    assertEquals(1, Leftovers.clean(temp, ".index.yaml."));
    assertEquals(List.of(".out.tmp-" + alive + "-abcd1234", ".out.tmp-legacy"), names());

    Path helmHome = Files.createDirectories(temp.resolve("aibrix-chart-helm-" + dead + "-1/jna"));
    Files.writeString(helmHome.resolve("lib.so"), "x");
    Files.createDirectories(temp.resolve("aibrix-chart-helm-" + alive + "-2"));
    assertEquals(1, Leftovers.clean(temp, "aibrix-chart-helm-"));
    assertTrue(names().contains("aibrix-chart-helm-" + alive + "-2"));
  }

  @Test
  void removesAnOldHelmLibraryNoProcessMaps() throws Exception {
    Path stale = Files.createDirectories(temp.resolve("helm-java123"));
    Files.writeString(stale.resolve("libhelm.so"), "x");
    Path fresh = Files.createDirectories(temp.resolve("helm-java456"));
    Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minusSeconds(3600)));
    int removed = Leftovers.cleanHelmLibraries(temp);
    if (Leftovers.mappedFiles() == null) {
      assertEquals(0, removed, "without /proc nothing is removed");
      return;
    }
    assertEquals(1, removed);
    assertEquals(List.of(fresh.getFileName().toString()), names());
  }
}
