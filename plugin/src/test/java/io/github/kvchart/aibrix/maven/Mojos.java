package io.github.kvchart.aibrix.maven;

import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.logging.SystemStreamLog;

/** Goals set up the way Maven would, for tests that drive Mojos directly (no harness). */
final class Mojos {
  private Mojos() {}

  /** generate into {@code out}, project version 1.0.0, built-in models and templates. */
  static GenerateMojo generate(Path out) {
    GenerateMojo mojo = new GenerateMojo();
    mojo.setLog(new SystemStreamLog());
    mojo.outputDirectory = out.toFile();
    mojo.projectVersion = "1.0.0";
    return mojo;
  }

  /** validate {@code sources} (relative to {@code basedir}); reports under basedir/reports. */
  static ValidateMojo validate(Path basedir, List<String> sources) {
    ValidateMojo mojo = new ValidateMojo();
    mojo.setLog(new SystemStreamLog());
    mojo.basedir = basedir.toFile();
    mojo.sources = sources;
    mojo.kubernetesVersion = "1.32";
    mojo.reportsDirectory = basedir.resolve("reports").toFile();
    mojo.outputDirectory = basedir.resolve("none").toFile();
    return mojo;
  }

  /** package {@code chart} into {@code charts}. */
  static PackageMojo pack(Path basedir, Path chart, Path charts) {
    PackageMojo mojo = new PackageMojo();
    mojo.setLog(new SystemStreamLog());
    mojo.basedir = basedir.toFile();
    mojo.chartDirectory = chart.toFile();
    mojo.chartsDirectory = charts.toFile();
    mojo.kubernetesVersion = "1.32";
    mojo.indexUrlPrefix = "";
    return mojo;
  }

  /** push {@code chart}'s archive from {@code charts} to {@code repository}. */
  static PushMojo push(Path chart, Path charts, String repository) {
    PushMojo mojo = new PushMojo();
    mojo.setLog(new SystemStreamLog());
    mojo.chartDirectory = chart.toFile();
    mojo.chartsDirectory = charts.toFile();
    mojo.repository = repository;
    return mojo;
  }
}
