package io.github.kvchart.aibrix.maven;

import io.github.kvchart.aibrix.core.InvalidInputException;
import io.github.kvchart.aibrix.core.render.ChartGenerator;
import io.github.kvchart.aibrix.core.render.GenerateRequest;
import io.github.kvchart.aibrix.core.render.GenerateResult;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Renders the {@code aibrix-model} Helm chart, sample manifests, NetworkPolicy, gateway settings,
 * migration script and guide for vLLM models behind the AIBrix gateway with KV-cache events.
 *
 * @since 0.1.0
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true)
public class GenerateMojo extends AbstractMojo {

  /**
   * Where the chart and the other files are written. The directory is replaced as a whole, so it
   * must be empty, new, or an earlier output of this goal.
   *
   * @since 0.1.0
   */
  @Parameter(
      property = PropertyNames.OUTPUT_DIRECTORY,
      defaultValue = "${project.build.directory}/aibrix-chart",
      required = true)
  File outputDirectory;

  /**
   * A directory of Jinjava templates to use instead of the plugin's built-in ones (the {@code
   * chart-templates/} folder of this plugin's source is the reference). Unset: built-in.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.TEMPLATE_DIRECTORY)
  File templateDirectory;

  /**
   * A YAML file describing the models and chart defaults (format in README, "Models file"). Unset:
   * the built-in models, deepseek-r1-distill-llama-8b and llama-8b-instruct.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.MODELS_FILE)
  File modelsFile;

  /**
   * The chart version (SemVer 2). Unset: {@code chart.version} from the models file, else the
   * project version.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.CHART_VERSION)
  String chartVersion;

  /**
   * A KV-event contract file to use instead of the built-in one (for a newer vLLM or AIBrix release
   * before the plugin catches up). Unset: built-in.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.CONTRACT)
  File contract;

  /**
   * Skips this goal.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.SKIP, defaultValue = "false")
  boolean skip;

  /** The project version, the chart version's last fallback. */
  @Parameter(defaultValue = "${project.version}", readonly = true, required = true)
  String projectVersion;

  /**
   * Generate again even when nothing changed. Otherwise generate is skipped, with one log line,
   * while the models file, the templates, the contract, the parameters, the plugin and the output
   * folder are all as the last run left them (fingerprints under {@code
   * target/aibrix-chart-up-to-date}).
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.FORCE, defaultValue = "false")
  boolean force;

  /** Where the up-to-date index is kept (the build directory). */
  @Parameter(defaultValue = "${project.build.directory}", readonly = true)
  File buildDirectory;

  /**
   * The plugin's code identity in the up-to-date fingerprint; null: this plugin (tests vary it).
   */
  String pluginIdentity;

  /** The project, to see whether this build checks the chart after generating it. */
  @Parameter(defaultValue = "${project}", readonly = true)
  org.apache.maven.project.MavenProject project;

  /** This plugin, to find its own executions in the project. */
  @Parameter(defaultValue = "${plugin}", readonly = true)
  org.apache.maven.plugin.descriptor.PluginDescriptor plugin;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Skipping aibrix-chart:generate (" + PropertyNames.SKIP + "=true).");
      return;
    }
    GenerateRequest request =
        new GenerateRequest(
            outputDirectory.toPath(),
            path(templateDirectory),
            path(modelsFile),
            chartVersion,
            projectVersion,
            path(contract));
    long start = System.nanoTime();
    UpToDate upToDate =
        new UpToDate(
            buildDirectory,
            outputDirectory.getAbsoluteFile().getParentFile(),
            "generate",
            outputDirectory,
            getLog());
    if (!force && upToDate.isCurrent(() -> fingerprint(request))) {
      getLog()
          .info(
              "Generate: up to date (models file, templates, contract, parameters, plugin and "
                  + outputDirectory
                  + " unchanged since the last run); skipped. "
                  + PropertyNames.FORCE
                  + "=true generates again.");
      return;
    }
    if (checksChartLater()) {
      // validate or package will run Helm on the new chart: load Helm's native library (about
      // 0.6 s) on the other core while the templates render.
      io.github.kvchart.aibrix.core.helm.EmbeddedHelm.warmUpInBackground();
    }
    try {
      GenerateResult result = new ChartGenerator().generate(request, new MavenBuildLog(getLog()));
      upToDate.record(() -> fingerprint(request));
      getLog()
          .info(
              String.format(
                  "Generated chart aibrix-model %s for %d model(s): %d files in %s (%d ms)",
                  result.chartVersion(),
                  result.models(),
                  result.files().size(),
                  result.outputDirectory(),
                  (System.nanoTime() - start) / 1_000_000));
      getLog().info("Chart: " + result.outputDirectory().resolve("helm/aibrix-model"));
    } catch (InvalidInputException e) {
      throw new MojoFailureException(e.getMessage(), e);
    } catch (IOException e) {
      throw new MojoExecutionException(
          "Cannot write " + outputDirectory + ": " + e.getMessage(), e);
    }
  }

  /** Everything the output depends on, the output itself included. */
  private String fingerprint(GenerateRequest request) throws IOException {
    return UpToDate.start(pluginIdentity)
        .value("chartVersion", request.chartVersion())
        .value("projectVersion", request.projectVersion())
        .value("output", request.outputDirectory().toAbsolutePath().toString())
        .file("models", request.modelsFile())
        .file("contract", request.contractFile())
        .folder("templates", request.templateDirectory())
        .folder("files", request.outputDirectory())
        .hex();
  }

  /** Whether this project also binds this plugin's validate or package goal. */
  private boolean checksChartLater() {
    if (project == null || plugin == null) {
      return false;
    }
    for (org.apache.maven.model.Plugin build : project.getBuildPlugins()) {
      if (build.getGroupId().equals(plugin.getGroupId())
          && build.getArtifactId().equals(plugin.getArtifactId())) {
        for (org.apache.maven.model.PluginExecution execution : build.getExecutions()) {
          if (execution.getGoals().contains("validate")
              || execution.getGoals().contains("package")) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static Path path(File file) {
    return file == null ? null : file.toPath();
  }
}
