package io.github.kvchart.aibrix.maven;

import io.github.kvchart.aibrix.core.InvalidInputException;
import io.github.kvchart.aibrix.core.helm.ChartPackager;
import io.github.kvchart.aibrix.core.helm.HelmException;
import io.github.kvchart.aibrix.core.release.ChartPusher;
import io.github.kvchart.aibrix.core.release.PushRequest;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * Publishes the packaged chart to an OCI registry ({@code oci://host/path}, through embedded Helm)
 * or a ChartMuseum-style HTTP repository ({@code POST /api/charts}). Credentials come from a
 * settings.xml {@code <server>} by id, never from the POM or the log. SNAPSHOT versions are skipped
 * unless asked.
 *
 * @since 0.1.0
 */
@Mojo(name = "push", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class PushMojo extends ChartArchiveMojo {

  /**
   * Where to publish: {@code oci://registry.example.com/charts} or {@code
   * https://charts.example.com}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.REPOSITORY, required = true)
  String repository;

  /**
   * The id of a settings.xml {@code <server>} holding the username and password (may be encrypted
   * with Maven's password encryption). Unset: no credentials.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.SERVER_ID)
  String serverId;

  /**
   * Talk plain HTTP to the OCI registry, for login and push (local registries only). It is also
   * what allows credentials to go to an {@code http://} repository; without it that is refused.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.PLAIN_HTTP, defaultValue = "false")
  boolean plainHttp;

  /**
   * Skip TLS certificate checks for the OCI registry (local registries only).
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.INSECURE, defaultValue = "false")
  boolean insecure;

  /**
   * The limit, in seconds, for connecting to the repository and for each of its answers (login,
   * upload, push). A registry that does not answer in time fails the build instead of hanging it.
   *
   * @since 0.2.0
   */
  @Parameter(property = PropertyNames.PUSH_TIMEOUT, defaultValue = "60")
  int timeout;

  /**
   * Push SNAPSHOT (pre-release -SNAPSHOT) chart versions too.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.PUSH_SNAPSHOTS, defaultValue = "false")
  boolean pushSnapshots;

  /**
   * Skips this goal.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.PUSH_SKIP, defaultValue = "false")
  boolean skip;

  @Parameter(defaultValue = "${settings}", readonly = true)
  Settings settings;

  @Component SettingsDecrypter decrypter;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Skipping aibrix-chart:push (" + PropertyNames.PUSH_SKIP + "=true).");
      return;
    }
    try {
      Map<String, Object> chart = ChartPackager.chartMetadata(chartDirectory.toPath());
      String version = String.valueOf(chart.get("version"));
      String name = String.valueOf(chart.get("name"));
      if (version.endsWith("-SNAPSHOT") && !pushSnapshots) {
        getLog()
            .info(
                "Skipping aibrix-chart:push: chart "
                    + name
                    + " "
                    + version
                    + " is a SNAPSHOT (set "
                    + PropertyNames.PUSH_SNAPSHOTS
                    + "=true to push it).");
        return;
      }
      File archive = new File(chartsDirectory, name + "-" + version + ".tgz");
      String[] credentials = credentials();
      ChartPusher.Pushed pushed =
          ChartPusher.push(
              new PushRequest(
                  archive.toPath(),
                  repository,
                  credentials[0],
                  credentials[1],
                  plainHttp,
                  insecure,
                  java.time.Duration.ofSeconds(Math.max(1, timeout))),
              new MavenBuildLog(getLog()));
      String sha = Files.exists(archive.toPath()) ? ChartPackager.sha256(archive.toPath()) : "?";
      getLog()
          .info(
              "Pushed chart "
                  + name
                  + " "
                  + version
                  + " (archive sha256 "
                  + sha
                  + ") to "
                  + pushed.target()
                  + "; digest "
                  + pushed.digest()
                  + (credentials[0] == null ? " (no credentials)" : " as " + credentials[0]));
    } catch (InvalidInputException | HelmException e) {
      throw new MojoFailureException(e.getMessage(), e);
    } catch (IOException e) {
      throw new MojoExecutionException("Cannot push " + chartsDirectory + ": " + e.getMessage(), e);
    }
  }

  /** Username and password of the configured server, decrypted; {null, null} without one. */
  private String[] credentials() throws MojoFailureException {
    if (serverId == null || serverId.isBlank()) {
      return new String[] {null, null};
    }
    Server server = settings == null ? null : settings.getServer(serverId);
    if (server == null) {
      throw new MojoFailureException(
          "settings.xml has no <server> with id '"
              + serverId
              + "'. Fix: add"
              + " <server><id>"
              + serverId
              + "</id><username>..</username><password>..</password></server> to"
              + " ~/.m2/settings.xml, or unset "
              + PropertyNames.SERVER_ID
              + ".");
    }
    if (decrypter != null) {
      SettingsDecryptionResult result =
          decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
      for (SettingsProblem problem : result.getProblems()) {
        getLog().warn("settings.xml server '" + serverId + "': " + problem.getMessage());
      }
      if (result.getServer() != null) {
        server = result.getServer();
      }
    }
    return new String[] {server.getUsername(), server.getPassword()};
  }
}
