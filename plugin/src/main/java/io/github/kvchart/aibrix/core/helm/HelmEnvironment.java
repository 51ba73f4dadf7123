package io.github.kvchart.aibrix.core.helm;

import com.sun.jna.Platform;
import com.sun.jna.platform.unix.LibC;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gives embedded Helm private config, cache, data and registry-credential locations, so a build
 * never reads or writes the user's ~/.config/helm or ~/.cache/helm. Helm (Go) copies the process
 * environment when its library loads, so this runs once, before the first Helm call. JNA's own
 * extraction directory goes to the same private place unless jna.tmpdir is already set.
 */
public final class HelmEnvironment {
  private static volatile Path home;

  private HelmEnvironment() {}

  /** The private directory Helm uses in this JVM (created on first call). */
  public static synchronized Path isolate() throws IOException {
    if (home != null) {
      return home;
    }
    Path root = Files.createTempDirectory("aibrix-chart-helm-");
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put("HELM_CONFIG_HOME", root.resolve("config").toString());
    variables.put("HELM_CACHE_HOME", root.resolve("cache").toString());
    variables.put("HELM_DATA_HOME", root.resolve("data").toString());
    variables.put("HELM_REGISTRY_CONFIG", root.resolve("config/registry/config.json").toString());
    variables.put("HELM_REPOSITORY_CONFIG", root.resolve("config/repositories.yaml").toString());
    variables.put("HELM_REPOSITORY_CACHE", root.resolve("cache/repository").toString());
    for (String directory : new String[] {"config/registry", "cache/repository", "data"}) {
      Files.createDirectories(root.resolve(directory));
    }
    if (!Platform.isWindows()) {
      for (Map.Entry<String, String> variable : variables.entrySet()) {
        LibC.INSTANCE.setenv(variable.getKey(), variable.getValue(), 1);
      }
    }
    if (System.getProperty("jna.tmpdir") == null) {
      Path jna = Files.createDirectories(root.resolve("jna"));
      System.setProperty("jna.tmpdir", jna.toString());
    }
    home = root;
    return root;
  }
}
