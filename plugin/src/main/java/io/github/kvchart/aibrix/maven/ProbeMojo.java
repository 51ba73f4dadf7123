package io.github.kvchart.aibrix.maven;

import io.github.kvchart.aibrix.core.InvalidInputException;
import io.github.kvchart.aibrix.core.probe.ProbeJob;
import io.github.kvchart.aibrix.core.probe.ProbeReport;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Proves on a live model pod that KV events flow and that the AIBrix gateway can decode them. It
 * connects as the gateway does (SUB to the event endpoint with every topic, DEALER to the replay
 * endpoint), counts batches and events by kind, checks the sequence, the wire format and the
 * replay, writes {@code probe.json}, and fails when events cannot reach the gateway. Reach the pod
 * with {@code kubectl port-forward pod/NAME 5557 5558}; README, "Verify on a cluster".
 */
@Mojo(name = "probe", threadSafe = true, requiresProject = false)
public class ProbeMojo extends AbstractMojo {

  /**
   * The pod's event (PUB) endpoint.
   *
   * @since 0.2.0
   */
  @Parameter(property = PropertyNames.PROBE_ENDPOINT, defaultValue = "tcp://127.0.0.1:5557")
  String endpoint;

  /**
   * The pod's replay (ROUTER) endpoint. Unset: the event endpoint's host on the gateway's replay
   * port, 5558. {@code none}: skip the replay check.
   *
   * @since 0.2.0
   */
  @Parameter(property = PropertyNames.PROBE_REPLAY_ENDPOINT)
  String replayEndpoint;

  /**
   * Seconds to wait for the batches; the replay check then waits up to 10 s more.
   *
   * @since 0.2.0
   */
  @Parameter(property = PropertyNames.PROBE_TIMEOUT, defaultValue = "30")
  int timeout;

  /**
   * Stop after this many batches.
   *
   * @since 0.2.0
   */
  @Parameter(property = PropertyNames.PROBE_BATCHES, defaultValue = "20")
  int batches;

  /**
   * The AIBrix release the gateway runs (e.g. v0.7.0), which decides whether events sent as msgpack
   * maps can be decoded. Unset: the newest release the contract knows.
   *
   * @since 0.2.0
   */
  @Parameter(property = PropertyNames.AIBRIX_VERSION)
  String aibrixVersion;

  /**
   * A KV-event contract file to use instead of the built-in one (its {@code
   * aibrix.mapEventsDecodedFrom} names the first release whose gateway reads maps).
   *
   * @since 0.2.0
   */
  @Parameter(property = PropertyNames.CONTRACT)
  File contract;

  /**
   * Where probe.json is written.
   *
   * @since 0.2.0
   */
  @Parameter(
      property = PropertyNames.REPORTS_DIRECTORY,
      defaultValue = "${project.build.directory}/aibrix-chart-reports",
      required = true)
  File reportsDirectory;

  /** The project directory (the current directory without a project). */
  @Parameter(defaultValue = "${basedir}", readonly = true, required = true)
  File basedir;

  /**
   * Skips this goal.
   *
   * @since 0.2.0
   */
  @Parameter(property = PropertyNames.PROBE_SKIP, defaultValue = "false")
  boolean skip;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Skipping aibrix-chart:probe (" + PropertyNames.PROBE_SKIP + "=true).");
      return;
    }
    ProbeReport report;
    try {
      ProbeJob job =
          ProbeJob.of(
              endpoint,
              replayEndpoint,
              timeout,
              batches,
              aibrixVersion,
              contract == null ? null : contract.toPath());
      getLog().info(job.describe());
      report = job.run();
    } catch (InvalidInputException e) {
      throw new MojoFailureException(e.getMessage(), e);
    }
    Path json;
    try {
      json = ProbeJob.write(report, reports().toPath());
    } catch (IOException e) {
      throw new MojoExecutionException(
          "Cannot write " + ProbeJob.REPORT + " to " + reports() + ": " + e.getMessage(), e);
    }
    if (report.passed()) {
      getLog().info(report.summary());
      getLog().info("Report: " + json);
      return;
    }
    getLog().error(report.summary());
    for (ProbeReport.Failure failure : report.failures()) {
      getLog().error(failure.id() + ": " + failure.problem());
      getLog().error("  hint: " + failure.hint());
    }
    throw new MojoFailureException(
        "Probe failed: "
            + report.failures().size()
            + " problem(s) on "
            + report.request().endpoint()
            + ". Fix the lines above; details in "
            + json);
  }

  private File reports() {
    return BuildDirectory.standalone(reportsDirectory, basedir, "target/aibrix-chart-reports");
  }
}
