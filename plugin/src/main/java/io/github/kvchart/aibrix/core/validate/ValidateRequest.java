package io.github.kvchart.aibrix.core.validate;

import java.nio.file.Path;
import java.util.List;

/**
 * One {@code validate} run, free of Maven types.
 *
 * @param baseDir what relative sources and report paths are relative to
 * @param threads how many files are validated at once (at least 1)
 * @param contractFile null for the built-in KV-event contract
 * @param rules per-rule levels, e.g. "kv-replay-disabled=off,kv-image-version=warning"; may be null
 * @param aibrixVersion the AIBrix release the gateway runs, or null to infer it from the names used
 * @param aibrixInstallation how AIBrix was installed (a contract installation id), or null for any
 * @param verdictCache where each chart's verdict is kept for reuse, or null
 */
public record ValidateRequest(
    Path baseDir,
    List<Path> sources,
    List<String> includes,
    List<String> excludes,
    String kubernetesVersion,
    List<Path> crds,
    int threads,
    Path contractFile,
    String rules,
    String aibrixVersion,
    String aibrixInstallation,
    Path verdictCache) {

  /** A request without a verdict cache. */
  public ValidateRequest(
      Path baseDir,
      List<Path> sources,
      List<String> includes,
      List<String> excludes,
      String kubernetesVersion,
      List<Path> crds,
      int threads,
      Path contractFile,
      String rules,
      String aibrixVersion,
      String aibrixInstallation) {
    this(
        baseDir,
        sources,
        includes,
        excludes,
        kubernetesVersion,
        crds,
        threads,
        contractFile,
        rules,
        aibrixVersion,
        aibrixInstallation,
        null);
  }

  /**
   * The same request, keeping each chart's verdict under {@code directory} (see {@link
   * ChartVerdicts}); null turns the cache off.
   */
  public ValidateRequest withVerdictCache(Path directory) {
    return new ValidateRequest(
        baseDir,
        sources,
        includes,
        excludes,
        kubernetesVersion,
        crds,
        threads,
        contractFile,
        rules,
        aibrixVersion,
        aibrixInstallation,
        directory);
  }

  /** A request that names no AIBrix installation. */
  public ValidateRequest(
      Path baseDir,
      List<Path> sources,
      List<String> includes,
      List<String> excludes,
      String kubernetesVersion,
      List<Path> crds,
      int threads,
      Path contractFile,
      String rules,
      String aibrixVersion) {
    this(
        baseDir,
        sources,
        includes,
        excludes,
        kubernetesVersion,
        crds,
        threads,
        contractFile,
        rules,
        aibrixVersion,
        null);
  }

  /** A request with the built-in contract, every rule at its default level. */
  public ValidateRequest(
      Path baseDir,
      List<Path> sources,
      List<String> includes,
      List<String> excludes,
      String kubernetesVersion,
      List<Path> crds,
      int threads) {
    this(baseDir, sources, includes, excludes, kubernetesVersion, crds, threads, null, null, null);
  }

  public ValidateRequest {
    sources = List.copyOf(sources);
    includes = List.copyOf(includes);
    excludes = List.copyOf(excludes);
    crds = List.copyOf(crds);
    threads = Math.max(1, threads);
  }
}
