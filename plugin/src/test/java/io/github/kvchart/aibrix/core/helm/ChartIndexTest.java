package io.github.kvchart.aibrix.core.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** index.yaml lists versions newest first, by SemVer precedence rather than by text. */
class ChartIndexTest {
  @Test
  void versionsSortBySemVerPrecedence() {
    List<String> versions =
        new ArrayList<>(List.of("1.9.0", "1.10.0", "1.10.0-rc.1", "0.2.0", "1.2.0"));
    versions.sort((a, b) -> ChartIndex.compareVersions(b, a));
    assertEquals(List.of("1.10.0", "1.10.0-rc.1", "1.9.0", "1.2.0", "0.2.0"), versions);
  }

  @Test
  void theOrderIsTotalForAnyStringAndNeverThrows() {
    List<String> pool =
        List.of(
            "9.x",
            "10.x",
            "1a.x",
            "1.0.0",
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.beta",
            "1.0.0-beta.11",
            "1.0.0-beta.2",
            "1.0.0+build",
            "v1.0.0",
            "01.0.0",
            "",
            "x",
            "99999999999999999999.0.0",
            "1.0",
            "1.0.0-0",
            "1.0.0--");
    java.util.Random random = new java.util.Random(7);
    for (int round = 0; round < 200; round++) {
      List<String> versions = new ArrayList<>(pool);
      java.util.Collections.shuffle(versions, random);
      versions.sort(VersionOrder.INSTANCE);
      for (String a : pool) {
        for (String b : pool) {
          assertEquals(
              Integer.signum(VersionOrder.INSTANCE.compare(a, b)),
              -Integer.signum(VersionOrder.INSTANCE.compare(b, a)),
              a + " vs " + b);
        }
      }
      assertEquals(
          List.of("1.0.0-0", "1.0.0--", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta"),
          versions.subList(0, 5));
    }
  }
}
