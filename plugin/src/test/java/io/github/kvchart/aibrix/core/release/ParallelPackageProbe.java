package io.github.kvchart.aibrix.core.release;

import io.github.kvchart.aibrix.core.BuildLog;
import io.github.kvchart.aibrix.core.validate.ValidateRequest;
import java.nio.file.Path;
import java.util.List;

/** Run in child JVMs by {@link ShipWhatWasValidatedTest}: packages one chart into a folder. */
public final class ParallelPackageProbe {
  private ParallelPackageProbe() {}

  public static void main(String[] args) throws Exception {
    Path chart = Path.of(args[0]);
    Path charts = Path.of(args[1]);
    ChartRelease.packageChart(
        new PackageRequest(
            chart,
            charts,
            ChartReleaseTest.STAMP,
            "",
            new ValidateRequest(
                chart.getParent(), List.of(chart), List.of(), List.of(), "1.32", List.of(), 1)),
        BuildLog.SILENT);
    System.exit(0);
  }
}
