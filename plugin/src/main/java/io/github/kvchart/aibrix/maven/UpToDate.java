package io.github.kvchart.aibrix.maven;

import io.github.kvchart.aibrix.core.Fingerprint;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.maven.plugin.logging.Log;

/**
 * One goal's entry in the up-to-date index ({@code target/aibrix-chart-up-to-date}): the
 * fingerprint of everything its last successful run depended on, outputs included. A goal whose
 * fingerprint is unchanged skips its work; a failed run records nothing, so it always runs again.
 */
final class UpToDate {
  /** Everything a goal's work depends on, as a fingerprint. */
  interface Inputs {
    String fingerprint() throws IOException;
  }

  private final Path index;
  private final String work;
  private final Log log;

  /**
   * @param buildDirectory the build directory, or null / unresolved without a project
   * @param fallback the build directory to use then
   * @param goal the goal's name
   * @param output the goal's output, which tells apart two executions of one goal
   */
  UpToDate(File buildDirectory, File fallback, String goal, File output, Log log) {
    this.index = BuildDirectory.resolve(buildDirectory, fallback, BuildDirectory.UP_TO_DATE);
    this.work = goal + "-" + Integer.toHexString(output.getAbsolutePath().hashCode());
    this.log = log;
  }

  /**
   * Whether the last successful run had the same fingerprint (computed only when one was recorded:
   * a first build skips hashing its inputs).
   */
  boolean isCurrent(Inputs inputs) {
    Optional<String> recorded = Fingerprint.recorded(index, work);
    if (recorded.isEmpty()) {
      return false;
    }
    try {
      return recorded.get().equals(inputs.fingerprint());
    } catch (IOException e) {
      log.debug("Up-to-date check failed, running: " + e.getMessage());
      return false;
    }
  }

  /** Records a successful run; a failure to record only costs a rerun. */
  void record(Inputs inputs) {
    try {
      Fingerprint.record(index, work, inputs.fingerprint());
    } catch (IOException e) {
      log.debug("Cannot record the up-to-date fingerprint: " + e.getMessage());
    }
  }

  /** The fingerprint's start: the plugin's code, or another's given for tests. */
  static Fingerprint start(String pluginIdentity) {
    return pluginIdentity == null ? Fingerprint.of() : Fingerprint.of(pluginIdentity);
  }
}
