package io.github.kvchart.aibrix.maven;

import io.github.kvchart.aibrix.core.Fingerprint;
import io.github.kvchart.aibrix.core.InvalidInputException;
import io.github.kvchart.aibrix.core.manifest.Violation;
import io.github.kvchart.aibrix.core.report.ReportFiles;
import io.github.kvchart.aibrix.core.validate.ManifestValidator;
import io.github.kvchart.aibrix.core.validate.ValidateRequest;
import io.github.kvchart.aibrix.core.validate.ValidationResult;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Checks Kubernetes manifests against the Kubernetes API schemas (strict: unknown fields and
 * duplicate keys are errors), offline, and reports each problem with file, line, column, JSON
 * pointer and fix, on the console and as JUnit XML, JSON and SARIF.
 *
 * @since 0.1.0
 */
@Mojo(
    name = "validate",
    defaultPhase = LifecyclePhase.VERIFY,
    threadSafe = true,
    requiresProject = false)
public class ValidateMojo extends AbstractMojo {

  /**
   * Files and directories to check, comma-separated; relative paths are relative to the project (or
   * the current directory). Unset: the output of {@code generate}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.SOURCES)
  List<String> sources;

  /**
   * Globs of files to check inside source directories. Unset: {@code **}{@code /*.yaml} and {@code
   * **}{@code /*.yml}; add {@code **}{@code /*.json} for {@code kubectl get -o json} output. A
   * source directory in which nothing matches is named in a warning.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.INCLUDES)
  List<String> includes;

  /**
   * Globs of files to skip inside source directories.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.EXCLUDES)
  List<String> excludes;

  /**
   * The Kubernetes version whose schemas apply (a minor from 1.28 to 1.35, such as 1.33; patch
   * versions are accepted; anything else is an error).
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.KUBERNETES_VERSION, defaultValue = "1.35")
  String kubernetesVersion;

  /**
   * CRD files or directories, comma-separated; each served version's openAPIV3Schema validates the
   * custom resources of that kind.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.CRDS)
  List<String> crds;

  /**
   * Fails the build on warnings too.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.FAIL_ON_WARNING, defaultValue = "false")
  boolean failOnWarning;

  /**
   * Where TEST-aibrix-chart.xml, validation.json and validation.sarif are written.
   *
   * @since 0.1.0
   */
  @Parameter(
      property = PropertyNames.REPORTS_DIRECTORY,
      defaultValue = "${project.build.directory}/aibrix-chart-reports",
      required = true)
  File reportsDirectory;

  /**
   * How many files are checked at once, and contract rules run at once on a set of 500 documents or
   * more. 0: one per available processor. The results and their order never change.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.THREADS, defaultValue = "0")
  int threads;

  /**
   * A KV-event contract file to use instead of the built-in one (same format as
   * schemas/contract/kv-events-contract.yaml), for vLLM or AIBrix releases newer than the plugin.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.CONTRACT)
  File contract;

  /**
   * Per-rule levels, comma-separated {@code id=off|warning|error}, e.g. {@code
   * kv-replay-disabled=off,kv-image-version=warning}. Rule ids are listed in docs/rules.md.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.RULES)
  String rules;

  /**
   * The AIBrix release the gateway runs (e.g. v0.5.0): gateway-env then requires that release's
   * setting names. Unset: the names only have to come from one release line.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.AIBRIX_VERSION)
  String aibrixVersion;

  /**
   * How AIBrix was installed, which decides the namespaces and labels of the AIBrix pods that
   * netpol-traffic checks NetworkPolicies against: {@code kustomize}, {@code helm} or {@code
   * helm-envoy-sidecar}. {@code any}: the policies must work for at least one of them.
   *
   * @since 0.2.0
   */
  @Parameter(property = PropertyNames.AIBRIX_INSTALLATION, defaultValue = "any")
  String aibrixInstallation;

  /**
   * Skips this goal.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.VALIDATE_SKIP, defaultValue = "false")
  boolean skip;

  /** The output of {@code generate}: the default source. */
  @Parameter(
      property = PropertyNames.OUTPUT_DIRECTORY,
      defaultValue = "${project.build.directory}/aibrix-chart",
      required = true)
  File outputDirectory;

  /** The project directory (the current directory without a project). */
  @Parameter(defaultValue = "${basedir}", readonly = true, required = true)
  File basedir;

  /**
   * Validate even when nothing changed. Without it, validate is skipped, with one log line, when
   * its last run passed on the same sources, CRDs, contract, parameters and plugin and its reports
   * are still in place (fingerprints in {@code target/aibrix-chart-up-to-date}); and a chart's
   * verdict (lint, renderings, schemas, contract) is reused while the chart's files, the plugin,
   * the contract, the rule levels and the Kubernetes version are unchanged, so {@code package} and
   * {@code validate} check a chart once per build (verdicts in {@code
   * target/aibrix-chart-verdicts}). A failed run is never recorded, so it always runs again.
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
      getLog().info("Skipping aibrix-chart:validate (" + PropertyNames.VALIDATE_SKIP + "=true).");
      return;
    }
    // Without a project, Maven leaves ${project.build.directory} unresolved: use ./target then.
    File reports = standalone(reportsDirectory, "target/aibrix-chart-reports");
    File generated = standalone(outputDirectory, "target/aibrix-chart");
    List<Path> sourcePaths = paths(sources);
    if (sourcePaths.isEmpty()) {
      if (!generated.exists()) {
        getLog()
            .info(
                "Nothing to validate: "
                    + generated
                    + " does not exist. Run generate"
                    + " first, or set "
                    + PropertyNames.SOURCES
                    + ".");
        return;
      }
      sourcePaths.add(generated.toPath());
    }
    int workers = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    ValidateRequest request =
        new ValidateRequest(
            basedir.toPath(),
            sourcePaths,
            strings(includes),
            strings(excludes),
            kubernetesVersion,
            paths(crds),
            workers,
            contract == null ? null : contract.toPath(),
            rules,
            aibrixVersion,
            aibrixInstallation);
    UpToDate upToDate =
        new UpToDate(buildDirectory, new File(basedir, "target"), "validate", reports, getLog());
    ValidateRequest checked = request;
    if (!force && upToDate.isCurrent(() -> fingerprint(checked, reports.toPath()))) {
      getLog()
          .info(
              "Validate: up to date (sources, CRDs, contract, parameters, plugin and reports"
                  + " unchanged since the last run, which passed); skipped. Verdict: "
                  + reports
                  + ". "
                  + PropertyNames.FORCE
                  + "=true validates again.");
      return;
    }
    try {
      ReportFiles.remove(reports.toPath());
    } catch (IOException e) {
      throw new MojoExecutionException(
          "Cannot remove the previous reports in " + reports + ": " + e.getMessage(), e);
    }
    if (!force) {
      request = request.withVerdictCache(verdicts(buildDirectory, basedir));
    }
    ValidationResult result;
    try {
      result = new ManifestValidator().validate(request, new MavenBuildLog(getLog()));
    } catch (InvalidInputException e) {
      throw new MojoFailureException(e.getMessage(), e);
    }
    for (Violation violation : result.violations()) {
      if (violation.isError()) {
        getLog().error(violation.toConsoleLine());
      } else {
        getLog().warn(violation.toConsoleLine());
      }
    }
    getLog().info(result.summary());
    Path report;
    try {
      report = ReportFiles.write(reports.toPath(), result).get(1);
    } catch (IOException e) {
      throw new MojoExecutionException(
          "Cannot write reports to " + reports + ": " + e.getMessage(), e);
    }
    if (result.errors() > 0 || (failOnWarning && result.warnings() > 0)) {
      throw new MojoFailureException(
          String.format(
              "Validation failed: %d errors, %d warnings%s. Fix the lines above; details in %s",
              result.errors(),
              result.warnings(),
              failOnWarning && result.errors() == 0
                  ? " (" + PropertyNames.FAIL_ON_WARNING + "=true)"
                  : "",
              report));
    }
    upToDate.record(() -> fingerprint(checked, reports.toPath()));
  }

  /** The verdict directory: under the build directory, or ./target without a project. */
  static Path verdicts(File buildDirectory, File basedir) {
    return BuildDirectory.resolve(
        buildDirectory, new File(basedir, "target"), BuildDirectory.VERDICTS);
  }

  /**
   * Everything the verdict and the reports depend on: the plugin, every parameter that changes a
   * verdict, the bytes of the sources, CRDs and contract, and the reports written last time.
   */
  private String fingerprint(ValidateRequest request, Path reports) throws IOException {
    Fingerprint print =
        UpToDate.start(pluginIdentity)
            .value("includes", String.valueOf(request.includes()))
            .value("excludes", String.valueOf(request.excludes()))
            .value("kubernetesVersion", request.kubernetesVersion())
            .value("rules", rules)
            .value("aibrixVersion", aibrixVersion)
            .value("aibrixInstallation", aibrixInstallation)
            .value("failOnWarning", String.valueOf(failOnWarning))
            .value("reports", reports.toAbsolutePath().toString())
            .file("contract", request.contractFile());
    for (Path source : request.sources()) {
      Path resolved = basedir.toPath().resolve(source);
      print.path("source " + resolved.toAbsolutePath(), resolved);
    }
    for (Path crd : request.crds()) {
      Path resolved = basedir.toPath().resolve(crd);
      print.path("crd " + resolved.toAbsolutePath(), resolved);
    }
    return print.folder("reports", reports).hex();
  }

  private File standalone(File configured, String fallback) {
    return BuildDirectory.standalone(configured, basedir, fallback);
  }

  private static List<Path> paths(List<String> values) {
    List<Path> paths = new ArrayList<>();
    for (String value : strings(values)) {
      paths.add(Path.of(value));
    }
    return paths;
  }

  /** Non-blank entries, split on commas as well (a POM list or a -D property both work). */
  private static List<String> strings(List<String> values) {
    List<String> result = new ArrayList<>();
    if (values != null) {
      for (String value : values) {
        for (String part : value.split(",")) {
          if (!part.isBlank()) {
            result.add(part.trim());
          }
        }
      }
    }
    return result;
  }
}
