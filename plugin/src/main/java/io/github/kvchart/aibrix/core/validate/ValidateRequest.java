package io.github.kvchart.aibrix.core.validate;

import java.nio.file.Path;
import java.util.List;

/**
 * One {@code validate} run, free of Maven types.
 *
 * @param baseDir what relative sources and report paths are relative to
 * @param threads how many files are validated at once (at least 1)
 */
public record ValidateRequest(
    Path baseDir,
    List<Path> sources,
    List<String> includes,
    List<String> excludes,
    String kubernetesVersion,
    List<Path> crds,
    int threads) {

  public ValidateRequest {
    sources = List.copyOf(sources);
    includes = List.copyOf(includes);
    excludes = List.copyOf(excludes);
    crds = List.copyOf(crds);
    threads = Math.max(1, threads);
  }
}
