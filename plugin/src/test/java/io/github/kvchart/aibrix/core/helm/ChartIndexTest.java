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
}
