package io.github.kvchart.aibrix.core.probe;

import io.github.kvchart.aibrix.core.AtomicFiles;
import io.github.kvchart.aibrix.core.InvalidInputException;
import io.github.kvchart.aibrix.core.contract.KvContract;
import io.github.kvchart.aibrix.core.image.Version;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code probe} job, for the goal and the command line alike: the request read from user input,
 * the AIBrix release it is judged for, the run, and probe.json.
 *
 * @param request what to probe
 * @param gateway the AIBrix release the verdict is for, e.g. "AIBrix v0.7.0"
 * @param gatewayReadsMaps whether that release decodes events sent as msgpack maps
 * @param gatewayReadsArrays whether that release decodes events sent as msgpack arrays
 */
public record ProbeJob(
    ProbeRequest request, String gateway, boolean gatewayReadsMaps, boolean gatewayReadsArrays) {
  /** The report's file name in the reports folder. */
  public static final String REPORT = "probe.json";

  /**
   * Reads the job from user input.
   *
   * @param replayEndpoint null: the endpoint's host on the gateway's replay port; "none": no replay
   * @param aibrixVersion null: the newest release the contract knows
   * @param contractFile null: the built-in contract
   */
  public static ProbeJob of(
      String endpoint,
      String replayEndpoint,
      int timeoutSeconds,
      int batches,
      String aibrixVersion,
      Path contractFile)
      throws InvalidInputException {
    KvContract contract =
        contractFile == null ? KvContract.builtIn() : KvContract.load(contractFile);
    Version release = KvContract.aibrixRelease(aibrixVersion);
    ProbeRequest request =
        ProbeRequest.parse(
            endpoint, replayEndpoint, timeoutSeconds, batches, contract.gateway().replayPort());
    return new ProbeJob(
        request,
        "AIBrix " + (release == null ? contract.newestAibrixRelease() : release),
        contract.aibrix().decodesMapEvents(release),
        contract.aibrix().decodesArrayEvents(release));
  }

  /** One line saying what is about to happen. */
  public String describe() {
    return "Probing "
        + request.endpoint()
        + (request.replayEndpoint() == null
            ? " (replay not checked)"
            : " and replay " + request.replayEndpoint())
        + ": up to "
        + request.batches()
        + " batches in "
        + request.timeout().toSeconds()
        + " s.";
  }

  /** Probes the pod. */
  public ProbeReport run() {
    return new ProbeReport(
        request, new KvEventProbe(request).run(), gateway, gatewayReadsMaps, gatewayReadsArrays);
  }

  /** Writes the report as {@value #REPORT} into {@code directory}, whole or not at all. */
  public static Path write(ProbeReport report, Path directory) throws IOException {
    Files.createDirectories(directory);
    return AtomicFiles.write(
        directory.resolve(REPORT), report.json().getBytes(StandardCharsets.UTF_8));
  }
}
