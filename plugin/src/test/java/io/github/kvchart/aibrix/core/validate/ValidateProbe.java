package io.github.kvchart.aibrix.core.validate;

import io.github.kvchart.aibrix.core.BuildLog;
import java.nio.file.Path;
import java.util.List;

/** Run in a child JVM by {@link BoundedMemoryTest}: validates one folder and prints the summary. */
public final class ValidateProbe {
  private ValidateProbe() {}

  public static void main(String[] args) throws Exception {
    Path folder = Path.of(args[0]);
    ValidationResult result =
        new ManifestValidator()
            .validate(
                new ValidateRequest(
                    folder, List.of(folder), List.of(), List.of(), "1.32", List.of(), 2),
                BuildLog.SILENT);
    System.out.println(
        "RESULT files="
            + result.files().size()
            + " documents="
            + result.documents().size()
            + " violations="
            + result.violations().size()
            + " peakHeapMB="
            + peakHeapMb());
    for (var violation : result.violations()) {
      System.out.println(violation.toConsoleLine());
    }
    System.exit(0);
  }

  static long peakHeapMb() {
    long peak = 0;
    for (var pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == java.lang.management.MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak / (1024 * 1024);
  }
}
