package io.github.kvchart.aibrix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered for every test class (META-INF/services, autodetection on): java.io.tmpdir holds the
 * same entries after the class as before it. The one allowed newcomer is this JVM's private Helm
 * home, which is removed when the JVM ends; JUnit's own @TempDir folders are gone by then.
 */
public final class TempDirUnchanged implements BeforeAllCallback, AfterAllCallback {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(TempDirUnchanged.class);

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    Path probe = Files.createTempFile("probe", "");
    Files.delete(probe);
    if (!probe.getParent().equals(tmp())) {
      throw new AssertionError("temporary files go to " + probe.getParent() + ", not " + tmp());
    }
    context.getStore(NAMESPACE).put("before", entries());
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    @SuppressWarnings("unchecked")
    Set<String> before = (Set<String>) context.getStore(NAMESPACE).get("before");
    Set<String> added = entries();
    added.removeAll(before);
    String ownHelm = "aibrix-chart-helm-" + ProcessHandle.current().pid() + "-";
    Path maps = Path.of("/proc/self/maps");
    String ownMaps = Files.isRegularFile(maps) ? Files.readString(maps) : "";
    added.removeIf(
        name ->
            name.startsWith(ownHelm)
                // helm-java's native library, extracted once per JVM and mapped by this one
                || (name.startsWith("helm-java") && ownMaps.contains(tmp().resolve(name) + "/"))
                // JUnit's @TempDir folders (removed after this callback) and the test tools'
                // own files: Mockito's agent and attach file, the plugin-testing harness's
                // repository root
                || name.startsWith("junit")
                || name.startsWith("mockitoboot")
                || name.startsWith(".java_pid")
                || name.equals("surefire-root"));
    if (!added.isEmpty()) {
      throw new AssertionError(
          context.getDisplayName() + " left " + added + " in " + tmp() + " (java.io.tmpdir)");
    }
  }

  private static Path tmp() {
    return Path.of(System.getProperty("java.io.tmpdir"));
  }

  private static Set<String> entries() throws IOException {
    try (Stream<Path> files = Files.list(tmp())) {
      return new TreeSet<>(files.map(p -> p.getFileName().toString()).toList());
    }
  }
}
