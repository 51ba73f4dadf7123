package io.github.kvchart.aibrix.maven;

/** Every user-facing property name of the plugin, in one place. These names are public API. */
public final class PropertyNames {
  public static final String SKIP = "aibrix-chart.skip";
  public static final String FORCE = "aibrix-chart.force";
  public static final String OUTPUT_DIRECTORY = "aibrix-chart.outputDirectory";
  public static final String TEMPLATE_DIRECTORY = "aibrix-chart.templateDirectory";
  public static final String MODELS_FILE = "aibrix-chart.modelsFile";
  public static final String CHART_VERSION = "aibrix-chart.chartVersion";
  public static final String CONTRACT = "aibrix-chart.contract";
  public static final String VALIDATE_SKIP = "aibrix-chart.validate.skip";
  public static final String SOURCES = "aibrix-chart.sources";
  public static final String INCLUDES = "aibrix-chart.includes";
  public static final String EXCLUDES = "aibrix-chart.excludes";
  public static final String KUBERNETES_VERSION = "aibrix-chart.kubernetesVersion";
  public static final String CRDS = "aibrix-chart.crds";
  public static final String FAIL_ON_WARNING = "aibrix-chart.failOnWarning";
  public static final String REPORTS_DIRECTORY = "aibrix-chart.reportsDirectory";
  public static final String THREADS = "aibrix-chart.threads";
  public static final String RULES = "aibrix-chart.rules";
  public static final String AIBRIX_VERSION = "aibrix-chart.aibrixVersion";
  public static final String AIBRIX_INSTALLATION = "aibrix-chart.aibrixInstallation";
  public static final String PACKAGE_SKIP = "aibrix-chart.package.skip";
  public static final String CHART_DIRECTORY = "aibrix-chart.chartDirectory";
  public static final String CHARTS_DIRECTORY = "aibrix-chart.chartsDirectory";
  public static final String INDEX_URL_PREFIX = "aibrix-chart.indexUrlPrefix";
  public static final String PUSH_SKIP = "aibrix-chart.push.skip";
  public static final String REPOSITORY = "aibrix-chart.repository";
  public static final String SERVER_ID = "aibrix-chart.serverId";
  public static final String PLAIN_HTTP = "aibrix-chart.plainHttp";
  public static final String INSECURE = "aibrix-chart.insecure";
  public static final String PUSH_TIMEOUT = "aibrix-chart.push.timeout";
  public static final String PUSH_SNAPSHOTS = "aibrix-chart.push.snapshots";
  public static final String PROBE_SKIP = "aibrix-chart.probe.skip";
  public static final String PROBE_ENDPOINT = "aibrix-chart.probe.endpoint";
  public static final String PROBE_REPLAY_ENDPOINT = "aibrix-chart.probe.replayEndpoint";
  public static final String PROBE_TIMEOUT = "aibrix-chart.probe.timeout";
  public static final String PROBE_BATCHES = "aibrix-chart.probe.batches";

  private PropertyNames() {}
}
