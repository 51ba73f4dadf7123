package io.github.kvchart.aibrix.bench;

import io.github.kvchart.aibrix.core.BuildLog;
import io.github.kvchart.aibrix.core.validate.ManifestValidator;
import io.github.kvchart.aibrix.core.validate.ValidateRequest;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;

/** Run in a fresh JVM: prints the milliseconds from JVM start to the first validated file. */
public final class ColdStart {
  private ColdStart() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    new ManifestValidator()
        .validate(
            new ValidateRequest(
                file.getParent(), List.of(file), List.of(), List.of(), "1.32", List.of(), 1),
            BuildLog.SILENT);
    long ms = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    System.out.println("COLD_START_MS=" + ms);
  }
}
