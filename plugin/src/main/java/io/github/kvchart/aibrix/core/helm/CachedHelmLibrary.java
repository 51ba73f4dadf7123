package io.github.kvchart.aibrix.core.helm;

import com.marcnuri.helm.jni.HelmLib;
import com.marcnuri.helm.jni.NativeLibrary;
import com.sun.jna.Native;
import com.sun.jna.platform.unix.LibC;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.jar.JarEntry;

/**
 * Helm's native library (about 100 MB, 28 MB compressed in helm-java's platform jar), extracted
 * once into a cache folder of the user's and loaded from there by every later build. helm-java
 * itself inflates it into a new temporary folder on every run, which costs a build about 0.4 s of
 * CPU and 100 MB of disk writes. This class is registered as helm-java's {@link NativeLibrary}
 * ahead of the platform's own, and delegates everything but the extraction to it.
 *
 * <p>The cache is {@code $XDG_CACHE_HOME/aibrix-chart} (else {@code ~/.cache/aibrix-chart}), or the
 * folder the system property {@value #PROPERTY} names; {@code off} there keeps helm-java's own
 * behaviour. A library is kept under the CRC-32 and size its jar records for it, so another
 * helm-java version gets its own file. It is written to a temporary file and renamed into place, so
 * a library under its final name is always whole. The library of another helm-java version is
 * removed once no build has used it for 30 days. Folders are created private (owner only), and a
 * cache folder that others may write to is not used: loading a library from it would run their
 * code.
 */
public final class CachedHelmLibrary implements NativeLibrary {
  /** The system (and Maven user) property naming the cache folder, or {@code off}. */
  public static final String PROPERTY = "aibrix-chart.helmLibraryCache";

  private static final Set<PosixFilePermission> PRIVATE =
      PosixFilePermissions.fromString("rwx------");

  /** helm-java's platform library this one caches, found on the same class loader. */
  static Optional<NativeLibrary> platform(ClassLoader loader) {
    for (NativeLibrary library : ServiceLoader.load(NativeLibrary.class, loader)) {
      if (!(library instanceof CachedHelmLibrary)) {
        return Optional.of(library);
      }
    }
    return Optional.empty();
  }

  private NativeLibrary platform() {
    return platform(CachedHelmLibrary.class.getClassLoader())
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no helm-java platform library on the class path for "
                        + System.getProperty("os.name")
                        + "/"
                        + System.getProperty("os.arch")));
  }

  @Override
  public String getBinaryName() {
    return platform().getBinaryName();
  }

  @Override
  public HelmLib load() {
    NativeLibrary platform = platform();
    Path cache = directory();
    Path library = null;
    if (cache != null) {
      try {
        library = cached(cache, platform);
      } catch (IOException | RuntimeException e) {
        library = null; // helm-java extracts it to a temporary folder instead
      }
    }
    if (library == null) {
      return platform.load();
    }
    HelmLib helm;
    try {
      helm = Native.load(library.toString(), HelmLib.class);
    } catch (UnsatisfiedLinkError e) {
      // e.g. a home mounted noexec: helm-java's own extraction to the temporary folder may work
      return platform.load();
    }
    // As helm-java's own load does: stop any repository servers Helm started when the JVM ends.
    Runtime.getRuntime().addShutdownHook(new Thread(helm::RepoServerStopAll));
    return helm;
  }

  /** The cache folder in use, or null when the property turns it off. */
  static Path directory() {
    String configured = System.getProperty(PROPERTY);
    if (configured != null && !configured.isBlank()) {
      String value = configured.trim();
      return value.equalsIgnoreCase("off") || value.equalsIgnoreCase("false")
          ? null
          : Path.of(value);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("aibrix-chart");
  }

  /**
   * The platform library in {@code cache}, extracted first if it is not there whole; null when the
   * library is not in a jar (then there is nothing to key it by).
   */
  static Path cached(Path cache, NativeLibrary platform) throws IOException {
    String binary = platform.getBinaryName();
    URL resource = platform.getClass().getResource("/" + binary);
    if (resource == null) {
      return null;
    }
    URLConnection connection = resource.openConnection();
    if (!(connection instanceof JarURLConnection jar)) {
      return null;
    }
    connection.setUseCaches(false);
    JarEntry entry = jar.getJarEntry();
    if (entry == null || entry.getSize() <= 0 || entry.getCrc() < 0) {
      return null;
    }
    Path folder =
        cache
            .resolve("helm")
            .resolve(String.format(Locale.ROOT, "%08x-%d", entry.getCrc(), entry.getSize()));
    Path library = folder.resolve(binary);
    if (Files.isRegularFile(library) && Files.size(library) == entry.getSize()) {
      if (!privateFolder(folder)) {
        return null;
      }
      markUsed(folder);
      return library;
    }
    createPrivate(folder);
    if (!privateFolder(folder)) {
      return null;
    }
    removeAbandoned(folder);
    Path partial = Files.createTempFile(folder, binary, ".part");
    try {
      try (InputStream in = jar.getInputStream()) {
        Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
      }
      if (Files.size(partial) != entry.getSize()) {
        throw new IOException(binary + " was cut short while it was extracted");
      }
      Files.move(partial, library, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(partial);
    }
    markUsed(folder);
    return library;
  }

  /** How long the library of another helm-java version is kept without a build using it. */
  static final long KEPT_UNUSED_MILLIS = 30L * 24 * 3_600_000L;

  private static final java.util.regex.Pattern VERSION_FOLDER =
      java.util.regex.Pattern.compile("[0-9a-f]{8}-[0-9]+");

  /**
   * Marks {@code folder} as used (its modification time, at most once a day) and removes the
   * folders of other helm-java versions that no build has used for {@link #KEPT_UNUSED_MILLIS}: a
   * plugin upgrade would otherwise leave 100 MB behind for good. Only folders named as this class
   * names them are touched, their files (no links followed) then the folder; anything that cannot
   * be removed stays.
   */
  private static void markUsed(Path folder) {
    long now = System.currentTimeMillis();
    try {
      if (Files.getLastModifiedTime(folder).toMillis() < now - 86_400_000L) {
        Files.setLastModifiedTime(folder, java.nio.file.attribute.FileTime.fromMillis(now));
      }
    } catch (IOException e) {
      return; // an unmarked folder is only pruned late
    }
    try (var siblings = Files.newDirectoryStream(folder.getParent())) {
      for (Path sibling : siblings) {
        if (!sibling.equals(folder)
            && VERSION_FOLDER.matcher(sibling.getFileName().toString()).matches()
            && Files.isDirectory(sibling, java.nio.file.LinkOption.NOFOLLOW_LINKS)
            && Files.getLastModifiedTime(sibling, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                    .toMillis()
                < now - KEPT_UNUSED_MILLIS) {
          remove(sibling);
        }
      }
    } catch (IOException | RuntimeException e) {
      // pruning is housekeeping: a build never fails on it
    }
  }

  private static void remove(Path folder) {
    try (var files = Files.newDirectoryStream(folder)) {
      for (Path file : files) {
        if (!Files.isDirectory(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          Files.deleteIfExists(file);
        }
      }
      Files.deleteIfExists(folder);
    } catch (IOException e) {
      // left for the next build
    }
  }

  /**
   * Removes partial extractions a killed run left (older than an hour: a running extraction takes
   * seconds), so that a cache folder holds at most one library and what is being written.
   */
  private static void removeAbandoned(Path folder) throws IOException {
    long anHourAgo = System.currentTimeMillis() - 3_600_000L;
    try (var files = Files.newDirectoryStream(folder, "*.part")) {
      for (Path file : files) {
        if (Files.getLastModifiedTime(file).toMillis() < anHourAgo) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  /** Creates {@code folder} and its missing parents readable and writable by the owner only. */
  private static void createPrivate(Path folder) throws IOException {
    if (Files.isDirectory(folder)) {
      return;
    }
    Path parent = folder.getParent();
    if (parent != null) {
      createPrivate(parent);
    }
    if (posix()) {
      Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PRIVATE));
    } else {
      Files.createDirectories(folder);
    }
  }

  /**
   * Whether {@code folder} and its parent (the helm folder of the cache) belong to this user and no
   * one else may write to them.
   */
  private static boolean privateFolder(Path folder) throws IOException {
    if (!posix()) {
      return true;
    }
    int me = LibC.INSTANCE.geteuid();
    for (Path checked : new Path[] {folder, folder.getParent()}) {
      if (!Integer.valueOf(me).equals(Files.getAttribute(checked, "unix:uid"))) {
        return false;
      }
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(checked);
      if (permissions.contains(PosixFilePermission.GROUP_WRITE)
          || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
        return false;
      }
    }
    return true;
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("unix");
  }
}
