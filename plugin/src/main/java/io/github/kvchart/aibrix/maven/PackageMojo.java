package io.github.kvchart.aibrix.maven;

import io.github.kvchart.aibrix.core.InvalidInputException;
import io.github.kvchart.aibrix.core.helm.ChartPackager;
import io.github.kvchart.aibrix.core.release.ChartRelease;
import io.github.kvchart.aibrix.core.release.PackageRequest;
import io.github.kvchart.aibrix.core.validate.ValidateRequest;
import java.io.File;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Packages the generated chart as a byte-reproducible {@code aibrix-model-<version>.tgz} and writes
 * or merges index.yaml. The chart is validated first (helm lint --strict, the values matrix,
 * schemas and the KV-event contract) and refused on any error.
 *
 * @since 0.1.0
 */
@Mojo(name = "package", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class PackageMojo extends ChartArchiveMojo {
  /** Fixed time for archive entries when the project sets no project.build.outputTimestamp. */
  static final Instant FIXED_EPOCH = Instant.parse("1980-01-01T00:00:00Z");

  /**
   * The URL prefix the archive will be served from, written into index.yaml ("" for a relative
   * URL).
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.INDEX_URL_PREFIX, defaultValue = "")
  String indexUrlPrefix;

  /**
   * The time stamped on every archive entry and in index.yaml (ISO-8601, or seconds since the
   * epoch). Unset: 1980-01-01T00:00:00Z.
   *
   * @since 0.1.0
   */
  @Parameter(defaultValue = "${project.build.outputTimestamp}")
  String outputTimestamp;

  /**
   * The Kubernetes version whose schemas the chart's renderings must meet.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.KUBERNETES_VERSION, defaultValue = "1.35")
  String kubernetesVersion;

  /**
   * Per-rule levels for the validation before packaging (see the validate goal).
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.RULES)
  String rules;

  /**
   * A KV-event contract file to use instead of the built-in one.
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
  @Parameter(property = PropertyNames.PACKAGE_SKIP, defaultValue = "false")
  boolean skip;

  @Parameter(defaultValue = "${basedir}", readonly = true, required = true)
  File basedir;

  /**
   * Package even when nothing changed. Without it, package is skipped, with one log line, when its
   * last run passed on the same chart, parameters and plugin and the archive folder is as it left
   * it (fingerprints in {@code target/aibrix-chart-up-to-date}); and a chart's verdict (lint,
   * renderings, schemas, contract) is reused while the chart's files, the plugin, the contract, the
   * rule levels and the Kubernetes version are unchanged, so {@code package} and {@code validate}
   * check a chart once per build (verdicts in {@code target/aibrix-chart-verdicts}).
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.FORCE, defaultValue = "false")
  boolean force;

  /** Where the chart verdicts are kept (the build directory). */
  @Parameter(defaultValue = "${project.build.directory}", readonly = true)
  File buildDirectory;

  /**
   * The plugin's code identity in the up-to-date fingerprint; null: this plugin (tests vary it).
   */
  String pluginIdentity;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Skipping aibrix-chart:package (" + PropertyNames.PACKAGE_SKIP + "=true).");
      return;
    }
    Instant timestamp = timestamp(outputTimestamp);
    ValidateRequest validation =
        new ValidateRequest(
            basedir.toPath(),
            List.of(chartDirectory.toPath()),
            List.of(),
            List.of(),
            kubernetesVersion,
            List.of(),
            1,
            contract == null ? null : contract.toPath(),
            rules,
            null);
    UpToDate upToDate =
        new UpToDate(
            buildDirectory, new File(basedir, "target"), "package", chartsDirectory, getLog());
    if (!force && upToDate.isCurrent(() -> fingerprint(timestamp))) {
      getLog()
          .info(
              "Package: up to date (chart, parameters, plugin and "
                  + chartsDirectory
                  + " unchanged since the last run, which passed); skipped. "
                  + PropertyNames.FORCE
                  + "=true packages again.");
      return;
    }
    if (!force) {
      validation = validation.withVerdictCache(ValidateMojo.verdicts(buildDirectory, basedir));
    }
    PackageRequest request =
        new PackageRequest(
            chartDirectory.toPath(),
            chartsDirectory.toPath(),
            timestamp,
            indexUrlPrefix,
            validation);
    try {
      ChartPackager.Packaged packaged =
          ChartRelease.packageChart(request, new MavenBuildLog(getLog()));
      upToDate.record(() -> fingerprint(timestamp));
      getLog()
          .info(
              "Packaged chart "
                  + packaged.name()
                  + " "
                  + packaged.version()
                  + ": "
                  + packaged.archive()
                  + " (sha256 "
                  + packaged.sha256()
                  + ", "
                  + packaged.size()
                  + " bytes, entries dated "
                  + timestamp
                  + ")");
    } catch (ChartRelease.RefusedException e) {
      throw new MojoFailureException(
          "Refusing to package "
              + chartDirectory
              + ": "
              + e.result().errors()
              + " validation errors (listed above). Fix them, then package again.",
          e);
    } catch (InvalidInputException e) {
      throw new MojoFailureException(e.getMessage(), e);
    } catch (IOException e) {
      throw new MojoExecutionException(
          "Cannot write " + chartsDirectory + ": " + e.getMessage(), e);
    }
  }

  /** Everything the archive and index depend on, the archive folder itself included. */
  private String fingerprint(Instant timestamp) throws IOException {
    return UpToDate.start(pluginIdentity)
        .value("timestamp", timestamp.toString())
        .value("indexUrlPrefix", indexUrlPrefix)
        .value("kubernetesVersion", kubernetesVersion)
        .value("rules", rules)
        .file("contract", contract == null ? null : contract.toPath())
        .folder("chart", chartDirectory.toPath())
        .folder("charts", chartsDirectory.toPath())
        .hex();
  }

  /**
   * project.build.outputTimestamp as ISO-8601 or epoch seconds; unset or unresolved: 1980-01-01.
   */
  static Instant timestamp(String value) throws MojoFailureException {
    if (value == null || value.isBlank() || value.contains("${") || value.length() < 2) {
      return FIXED_EPOCH;
    }
    try {
      return value.matches("[0-9]+")
          ? Instant.ofEpochSecond(Long.parseLong(value))
          : OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new MojoFailureException(
          "project.build.outputTimestamp '"
              + value
              + "' is not ISO-8601 or epoch"
              + " seconds. Fix: use e.g. 2026-01-01T00:00:00Z.",
          e);
    }
  }
}
