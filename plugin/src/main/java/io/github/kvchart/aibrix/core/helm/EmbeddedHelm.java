package io.github.kvchart.aibrix.core.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Real Helm (3.x, embedded through helm-java) for lint and template. Calls take turns: Helm's Go
 * code keeps process-wide state, and parallel module builds ({@code mvn -T}) share one process. The
 * native library must come from the plugin's class path: helm-java's fallback would download it, so
 * we refuse to start Helm without it instead.
 */
public final class EmbeddedHelm {
  private static volatile boolean checked;
  private static final java.util.concurrent.atomic.AtomicBoolean WARMING =
      new java.util.concurrent.atomic.AtomicBoolean();

  private EmbeddedHelm() {}

  /**
   * Renders {@code chart} like {@code helm template}, with {@code --set} pairs and values files.
   */
  public static synchronized String template(
      Path chart, String release, String namespace, Map<String, String> set, List<Path> valuesFiles)
      throws HelmException {
    requireBundledLibrary();
    try {
      TemplateCommand command =
          new Helm(chart).template().withName(release).withNamespace(namespace);
      for (Path values : valuesFiles) {
        command = command.withValuesFile(values);
      }
      for (Map.Entry<String, String> entry : set.entrySet()) {
        command = command.set(entry.getKey(), entry.getValue());
      }
      return command.call();
    } catch (RuntimeException e) {
      throw new HelmException("helm template failed: " + oneLine(e.getMessage()), e);
    }
  }

  /** Runs {@code helm lint} (strict when asked); returns Helm's messages and verdict. */
  public static synchronized LintResult lint(Path chart, boolean strict) throws HelmException {
    requireBundledLibrary();
    try {
      var command = new Helm(chart).lint();
      return strict ? command.strict().call() : command.call();
    } catch (RuntimeException e) {
      throw new HelmException("helm lint failed: " + oneLine(e.getMessage()), e);
    }
  }

  /**
   * Loads Helm's native library on a background thread (once per process), so that the first real
   * call does not wait for it. It holds Helm's lock while it loads, so calls simply wait for it; a
   * failure is left to the first real call to report.
   */
  public static void warmUpInBackground() {
    if (checked || !WARMING.compareAndSet(false, true)) {
      return;
    }
    Thread thread =
        new Thread(
            () -> {
              synchronized (EmbeddedHelm.class) {
                try {
                  requireBundledLibrary();
                  Helm.version().call();
                } catch (HelmException | RuntimeException | LinkageError e) {
                  // the first real call reports it
                }
              }
            },
            "aibrix-chart-helm-warm-up");
    thread.setDaemon(true);
    thread.start();
  }

  static void requireBundledLibrary() throws HelmException {
    if (checked) {
      return;
    }
    try {
      HelmEnvironment.isolate();
    } catch (java.io.IOException e) {
      throw new HelmException("cannot create a private Helm home: " + e.getMessage(), e);
    }
    ClassLoader loader = EmbeddedHelm.class.getClassLoader();
    if (CachedHelmLibrary.platform(loader).isEmpty()) {
      throw new HelmException(
          "the embedded Helm library for "
              + System.getProperty("os.name")
              + "/"
              + System.getProperty("os.arch")
              + " is not on the plugin's class path, and this plugin"
              + " never downloads it. Use a platform helm-java ships (linux-amd64, linux-arm64,"
              + " darwin-amd64, darwin-arm64, windows-amd64).",
          null);
    }
    checked = true;
  }

  /**
   * Logs in to an OCI registry with the given credentials (kept in the private Helm home only, and
   * dropped again by {@link #forgetRegistryCredentials()}). Plain HTTP needs no TLS options, so
   * {@code insecure} only applies to TLS registries (helm-java would otherwise try TLS).
   */
  public static synchronized void login(
      String host,
      String username,
      String password,
      boolean plainHttp,
      boolean insecure,
      java.time.Duration timeout)
      throws HelmException {
    requireBundledLibrary();
    var command =
        Helm.registry().login().withHost(host).withUsername(username).withPassword(password);
    if (plainHttp) {
      command = command.plainHttp();
    } else if (insecure) {
      command = command.insecureSkipTlsVerify();
    }
    var login = command;
    try {
      io.github.kvchart.aibrix.core.Deadline.run(
          login::call, timeout, "helm registry login to " + host);
    } catch (io.github.kvchart.aibrix.core.Deadline.Failure e) {
      throw new HelmException(e.getMessage(), e.getCause());
    }
  }

  /**
   * Pushes a chart archive to {@code oci://host/path}; returns Helm's output (it names the digest).
   */
  public static synchronized String push(
      Path archive,
      java.net.URI remote,
      boolean plainHttp,
      boolean insecure,
      java.time.Duration timeout)
      throws HelmException {
    requireBundledLibrary();
    var command = Helm.push().withChart(archive).withRemote(remote);
    if (plainHttp) {
      command = command.plainHttp();
    } else if (insecure) {
      command = command.insecureSkipTlsVerify();
    }
    var push = command;
    try {
      return io.github.kvchart.aibrix.core.Deadline.run(
          push::call, timeout, "helm push to " + remote);
    } catch (io.github.kvchart.aibrix.core.Deadline.Failure e) {
      throw new HelmException(e.getMessage(), e.getCause());
    }
  }

  /** Removes the registry credentials a login stored in the private Helm home. */
  public static void forgetRegistryCredentials() {
    Path home = HelmEnvironment.home();
    if (home != null) {
      try {
        java.nio.file.Files.deleteIfExists(home.resolve("config/registry/config.json"));
      } catch (java.io.IOException e) {
        // the whole private home is removed when the JVM ends
      }
    }
  }

  private static String oneLine(String message) {
    return message == null ? "unknown error" : message.replaceAll("\\s+", " ").trim();
  }
}
