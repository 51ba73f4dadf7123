package io.github.kvchart.aibrix.maven;

import java.io.File;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.Parameter;

/** What package and push share: where the chart is, and where its archive goes. */
abstract class ChartArchiveMojo extends AbstractMojo {
  /**
   * The chart to package (push reads its name and version from its Chart.yaml).
   *
   * @since 0.1.0
   */
  @Parameter(
      property = PropertyNames.CHART_DIRECTORY,
      defaultValue = "${project.build.directory}/aibrix-chart/helm/aibrix-model",
      required = true)
  File chartDirectory;

  /**
   * Where the chart archive and index.yaml are written, and read from by push.
   *
   * @since 0.1.0
   */
  @Parameter(
      property = PropertyNames.CHARTS_DIRECTORY,
      defaultValue = "${project.build.directory}/charts",
      required = true)
  File chartsDirectory;
}
