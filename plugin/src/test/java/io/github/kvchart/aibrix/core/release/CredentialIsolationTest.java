package io.github.kvchart.aibrix.core.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A push with credentials, in a JVM whose HOME and XDG_* folders are empty temporary folders,
 * leaves no file in any of them (but Helm's native library in the cache folder) and never prints
 * the password: Helm's registry credentials stay in the plugin's private Helm home, which is
 * removed when the JVM ends.
 */
class CredentialIsolationTest {
  @TempDir Path temp;

  @Test
  void pushLeavesNothingInTheUsersHomeAndPrintsNoSecret() throws Exception {
    Path home = Files.createDirectories(temp.resolve("home"));
    Path config = Files.createDirectories(temp.resolve("xdg-config"));
    Path cache = Files.createDirectories(temp.resolve("xdg-cache"));
    Path data = Files.createDirectories(temp.resolve("xdg-data"));
    Path tmp = Files.createDirectories(temp.resolve("tmp"));
    Path work = Files.createDirectories(temp.resolve("work"));
    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Djava.io.tmpdir=" + tmp,
            "-cp",
            System.getProperty("java.class.path"),
            IsolatedPushProbe.class.getName(),
            work.toString());
    builder.environment().put("HOME", home.toString());
    builder.environment().put("XDG_CONFIG_HOME", config.toString());
    builder.environment().put("XDG_CACHE_HOME", cache.toString());
    builder.environment().put("XDG_DATA_HOME", data.toString());
    builder.redirectErrorStream(true);
    Process process = builder.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(5, TimeUnit.MINUTES), output);
    assertEquals(0, process.exitValue(), output);
    assertTrue(output.contains("PUSHED sha256:"), output);
    assertFalse(output.contains("probe-secret-42"), output);
    for (Path folder : List.of(home, config, cache, data, tmp)) {
      try (Stream<Path> files = Files.walk(folder)) {
        assertEquals(
            List.of(),
            files
                .filter(Files::isRegularFile)
                .filter(file -> !isCachedHelmLibrary(cache, file))
                .map(Path::toString)
                .toList(),
            "files left in " + folder);
      }
    }
  }

  /**
   * Helm's native library, which the plugin keeps in the user's cache folder (CachedHelmLibrary):
   * extracted from the plugin before any login, it holds no credential.
   */
  private static boolean isCachedHelmLibrary(Path cache, Path file) {
    return cache
        .relativize(file)
        .toString()
        .matches("aibrix-chart/helm/[0-9a-f]{8}-[0-9]+/helm-[a-z0-9-]+\\.(so|dylib|dll)");
  }
}
