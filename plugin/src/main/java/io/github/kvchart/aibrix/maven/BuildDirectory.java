package io.github.kvchart.aibrix.maven;

import java.io.File;
import java.nio.file.Path;

/** Folders the goals keep under the build directory between runs. */
final class BuildDirectory {
  /** The up-to-date index of generate and validate (fingerprints of finished work). */
  static final String UP_TO_DATE = "aibrix-chart-up-to-date";

  /** The chart verdicts that package and validate share. */
  static final String VERDICTS = "aibrix-chart-verdicts";

  private BuildDirectory() {}

  /**
   * {@code name} under the build directory; without a project Maven leaves {@code
   * ${project.build.directory}} unresolved, and {@code fallback} is used instead.
   */
  static Path resolve(File buildDirectory, File fallback, String name) {
    File build =
        buildDirectory == null || buildDirectory.getPath().contains("${")
            ? fallback
            : buildDirectory;
    return new File(build, name).toPath();
  }

  /**
   * A folder parameter as configured, or {@code fallback} under {@code basedir} when Maven left it
   * unresolved (a goal run without a project).
   */
  static File standalone(File configured, File basedir, String fallback) {
    return configured.getPath().contains("${") ? new File(basedir, fallback) : configured;
  }
}
