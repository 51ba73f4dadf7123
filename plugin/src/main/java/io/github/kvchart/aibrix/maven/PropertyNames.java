package io.github.kvchart.aibrix.maven;

/** Every user-facing property name of the plugin, in one place. These names are public API. */
public final class PropertyNames {
  public static final String SKIP = "aibrix-chart.skip";
  public static final String OUTPUT_DIRECTORY = "aibrix-chart.outputDirectory";
  public static final String TEMPLATE_DIRECTORY = "aibrix-chart.templateDirectory";
  public static final String MODELS_FILE = "aibrix-chart.modelsFile";
  public static final String CHART_VERSION = "aibrix-chart.chartVersion";
  public static final String CONTRACT = "aibrix-chart.contract";

  private PropertyNames() {}
}
