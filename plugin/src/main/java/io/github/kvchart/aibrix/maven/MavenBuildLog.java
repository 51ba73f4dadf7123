package io.github.kvchart.aibrix.maven;

import io.github.kvchart.aibrix.core.BuildLog;
import org.apache.maven.plugin.logging.Log;

/** Adapts the core's {@link BuildLog} to the Mojo log. */
final class MavenBuildLog implements BuildLog {
  private final Log log;

  MavenBuildLog(Log log) {
    this.log = log;
  }

  @Override
  public void info(String message) {
    log.info(message);
  }

  @Override
  public void warn(String message) {
    log.warn(message);
  }

  @Override
  public void debug(String message) {
    log.debug(message);
  }
}
