package io.github.kvchart.aibrix.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index: nothing hashed before a first run recorded something, a match after it. */
class UpToDateTest {
  @TempDir Path dir;

  @Test
  void aFirstRunHashesNothingAndALaterOneComparesTheFingerprint() {
    File build = dir.resolve("target").toFile();
    UpToDate upToDate =
        new UpToDate(build, build, "generate", new File(build, "out"), new SystemStreamLog());
    AtomicInteger hashed = new AtomicInteger();
    UpToDate.Inputs inputs =
        () -> {
          hashed.incrementAndGet();
          return "fingerprint-1";
        };
    assertFalse(upToDate.isCurrent(inputs));
    assertEquals(0, hashed.get(), "hashed the inputs although nothing was recorded");
    upToDate.record(inputs);
    assertTrue(upToDate.isCurrent(inputs));
    assertFalse(upToDate.isCurrent(() -> "fingerprint-2"));
    assertEquals(2, hashed.get());
  }
}
