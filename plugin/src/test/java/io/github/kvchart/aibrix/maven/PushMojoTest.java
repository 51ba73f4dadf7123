package io.github.kvchart.aibrix.maven;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.settings.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * push: SNAPSHOT versions are skipped unless asked; a missing server id or archive is a clear
 * error.
 */
class PushMojoTest {
  @TempDir Path temp;

  private final List<String> infos = new ArrayList<>();

  private PushMojo mojo(String version) throws Exception {
    Path chart = Files.createDirectories(temp.resolve("chart"));
    Files.writeString(
        chart.resolve("Chart.yaml"),
        "apiVersion: v2\nname: aibrix-model\nversion: " + version + "\n");
    PushMojo mojo = new PushMojo();
    mojo.setLog(
        new SystemStreamLog() {
          @Override
          public void info(CharSequence content) {
            infos.add(content.toString());
          }
        });
    mojo.chartDirectory = chart.toFile();
    mojo.chartsDirectory = temp.resolve("charts").toFile();
    mojo.repository = "oci://127.0.0.1:1/charts";
    mojo.settings = new Settings();
    return mojo;
  }

  @Test
  void snapshotsAreSkippedUnlessAsked() throws Exception {
    mojo("1.0.0-SNAPSHOT").execute();
    assertTrue(
        infos.get(0).contains("is a SNAPSHOT (set aibrix-chart.push.snapshots=true"),
        infos.toString());
  }

  @Test
  void aMissingServerIdNamesTheSettingsFix() throws Exception {
    PushMojo mojo = mojo("1.0.0");
    mojo.serverId = "nowhere";
    MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
    assertTrue(
        e.getMessage().contains("settings.xml has no <server> with id 'nowhere'"), e.getMessage());
  }

  @Test
  void aMissingArchiveSaysToPackageFirst() throws Exception {
    MojoFailureException e = assertThrows(MojoFailureException.class, mojo("1.0.0")::execute);
    assertTrue(e.getMessage().contains("Run the package goal first"), e.getMessage());
  }
}
