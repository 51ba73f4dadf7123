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
 * extraction directory goes to the same private place unless jna.tmpdir is already set. The folder
 * is named with this process id and removed when the JVM ends; a later run removes those of killed
 * runs.
 */
public final class HelmEnvironment {
  private static volatile Path home;
  private static volatile String notice;

  private HelmEnvironment() {}

  /** A one-line notice about removed leftovers of killed runs (once), or null. */
  public static synchronized String takeNotice() {
    String taken = notice;
    notice = null;
    return taken;
  }

  /** The private directory Helm uses in this JVM, or null before the first Helm call. */
  public static Path home() {
    return home;
  }

  /** The private directory Helm uses in this JVM (created on first call). */
  public static synchronized Path isolate() throws IOException {
    if (home != null) {
      return home;
    }
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    int removed =
        io.github.kvchart.aibrix.core.Leftovers.clean(tmp, "aibrix-chart-helm-")
            + io.github.kvchart.aibrix.core.Leftovers.cleanHelmLibraries(tmp);
    if (removed > 0) {
      notice =
          "Removed " + removed + " private Helm folder(s) that killed runs left in " + tmp + ".";
    }
    Path root =
        Files.createTempDirectory(io.github.kvchart.aibrix.core.Leftovers.tag("aibrix-chart-helm"));
    Runtime.getRuntime()
        .addShutdownHook(new Thread(new Cleanup(root), "aibrix-chart-helm-cleanup"));
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

  /**
   * Deletes the private Helm home when the JVM ends. It runs after Maven has closed the plugin's
   * class loader, so it may use only classes loaded before (this one, made at registration) and the
   * JDK's: no lambda, no helper class of ours.
   */
  private static final class Cleanup implements Runnable {
    private final Path root;

    Cleanup(Path root) {
      this.root = root;
    }

    @Override
    public void run() {
      try (java.util.stream.Stream<Path> walk = Files.walk(root)) {
        java.util.List<Path> paths = new java.util.ArrayList<>();
        java.util.Iterator<Path> iterator = walk.iterator();
        while (iterator.hasNext()) {
          paths.add(iterator.next());
        }
        java.util.Collections.reverse(paths);
        for (Path path : paths) {
          path.toFile().delete();
        }
      } catch (IOException | RuntimeException e) {
        // a later run removes it: its owner process is gone then
      }
    }
  }
}
