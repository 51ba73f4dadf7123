package io.github.kvchart.aibrix;

import java.nio.file.Path;

/** Where tests find the repository: the committed templates, samples, docs and golden files. */
public final class TestPaths {
  private TestPaths() {}

  /** The repository root (surefire passes it; the fallback works from plugin/). */
  public static Path repoRoot() {
    String configured = System.getProperty("aibrix.repo.root");
    Path root = configured != null ? Path.of(configured) : Path.of("..");
    return root.toAbsolutePath().normalize();
  }

  public static Path chartTemplates() {
    return repoRoot().resolve("chart-templates");
  }

  public static Path golden() {
    return repoRoot().resolve("plugin/src/test/resources/golden");
  }

  /** True when the run should rewrite golden files instead of comparing (-Daibrix.updateGolden). */
  public static boolean updateGolden() {
    return Boolean.getBoolean("aibrix.updateGolden");
  }
}
