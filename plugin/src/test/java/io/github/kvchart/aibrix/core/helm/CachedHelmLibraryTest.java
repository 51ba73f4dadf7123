package io.github.kvchart.aibrix.core.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.jni.NativeLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Helm's native library is extracted once into a private cache folder and reused from there. */
class CachedHelmLibraryTest {
  @TempDir Path temp;

  private static NativeLibrary platform() {
    return CachedHelmLibrary.platform(CachedHelmLibraryTest.class.getClassLoader()).orElseThrow();
  }

  @Test
  void helmJavaFindsTheCacheFirstAndItDelegatesToThePlatformLibrary() {
    NativeLibrary first = NativeLibrary.getInstance();
    assertInstanceOf(CachedHelmLibrary.class, first);
    assertFalse(platform() instanceof CachedHelmLibrary);
    assertEquals(platform().getBinaryName(), first.getBinaryName());
  }

  @Test
  void extractsOnceWholeAndPrivateThenReusesTheFile() throws Exception {
    Path cache = temp.resolve("cache");
    Path library = CachedHelmLibrary.cached(cache, platform());
    assertNotNull(library);
    byte[] bytes = Files.readAllBytes(library);
    try (var in = platform().getClass().getResourceAsStream("/" + platform().getBinaryName())) {
      assertTrue(java.util.Arrays.equals(in.readAllBytes(), bytes), "the cached file is the jar's");
    }
    CRC32 crc = new CRC32();
    crc.update(bytes);
    assertEquals(
        String.format("%08x-%d", crc.getValue(), bytes.length),
        library.getParent().getFileName().toString());
    assertEquals(
        "rwx------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(library.getParent())));
    assertEquals(
        "rwx------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.resolve("helm"))));
    try (var files = Files.list(library.getParent())) {
      assertEquals(1, files.count(), "no partial file is left");
    }

    FileTime written = FileTime.fromMillis(1_000_000L);
    Files.setLastModifiedTime(library, written);
    assertEquals(library, CachedHelmLibrary.cached(cache, platform()));
    assertEquals(written, Files.getLastModifiedTime(library), "a whole library is not rewritten");
  }

  @Test
  void replacesAFileCutShort() throws Exception {
    Path cache = temp.resolve("cache");
    Path library = CachedHelmLibrary.cached(cache, platform());
    long size = Files.size(library);
    Files.write(library, new byte[] {1, 2, 3});
    assertEquals(library, CachedHelmLibrary.cached(cache, platform()));
    assertEquals(size, Files.size(library));
  }

  @Test
  void removesWhatAKilledExtractionLeftButNotOneUnderWay() throws Exception {
    Path cache = temp.resolve("cache");
    Path library = CachedHelmLibrary.cached(cache, platform());
    Path abandoned = Files.writeString(library.resolveSibling("x.so123.part"), "half");
    Files.setLastModifiedTime(
        abandoned, FileTime.fromMillis(System.currentTimeMillis() - 7_200_000L));
    Path underWay = Files.writeString(library.resolveSibling("y.so456.part"), "half");
    Files.write(library, new byte[] {1}); // cut short: extracted again
    assertEquals(library, CachedHelmLibrary.cached(cache, platform()));
    assertFalse(Files.exists(abandoned));
    assertTrue(Files.exists(underWay));
  }

  @Test
  void refusesAFolderOthersMayWriteTo() throws Exception {
    Path cache = temp.resolve("cache");
    Path library = CachedHelmLibrary.cached(cache, platform());
    Files.setPosixFilePermissions(
        library.getParent(), PosixFilePermissions.fromString("rwxrwxrwx"));
    assertNull(CachedHelmLibrary.cached(cache, platform()));
    Files.setPosixFilePermissions(
        library.getParent(), PosixFilePermissions.fromString("rwx------"));
    Files.setPosixFilePermissions(
        cache.resolve("helm"), PosixFilePermissions.fromString("rwxrwx---"));
    assertNull(CachedHelmLibrary.cached(cache, platform()));
  }

  @Test
  void removesTheLibrariesOfOtherVersionsUnusedFor30Days() throws Exception {
    Path cache = temp.resolve("cache");
    Path library = CachedHelmLibrary.cached(cache, platform());
    Path helm = library.getParent().getParent();
    long now = System.currentTimeMillis();
    Path stale = Files.createDirectory(helm.resolve("0123abcd-42"));
    Files.writeString(stale.resolve(platform().getBinaryName()), "old version");
    Files.setLastModifiedTime(stale, FileTime.fromMillis(now - 40L * 86_400_000L));
    Path recent = Files.createDirectory(helm.resolve("0123abce-43"));
    Files.writeString(recent.resolve(platform().getBinaryName()), "another version");
    Files.setLastModifiedTime(recent, FileTime.fromMillis(now - 10L * 86_400_000L));
    Path foreign = Files.createDirectory(helm.resolve("notes"));
    Files.setLastModifiedTime(foreign, FileTime.fromMillis(now - 40L * 86_400_000L));
    // This version's own folder, last used long ago: kept, and marked used.
    Files.setLastModifiedTime(library.getParent(), FileTime.fromMillis(now - 40L * 86_400_000L));

    assertEquals(library, CachedHelmLibrary.cached(cache, platform()));
    assertFalse(Files.exists(stale), "unused for 40 days: removed");
    assertTrue(Files.exists(recent.resolve(platform().getBinaryName())), "used 10 days ago");
    assertTrue(Files.exists(foreign), "not a folder this class names");
    assertTrue(
        Files.getLastModifiedTime(library.getParent()).toMillis() >= now - 60_000L,
        "the folder in use is marked");
  }

  @Test
  void thePropertyNamesTheFolderOrTurnsTheCacheOff() {
    String before = System.getProperty(CachedHelmLibrary.PROPERTY);
    try {
      System.setProperty(CachedHelmLibrary.PROPERTY, temp.toString());
      assertEquals(temp, CachedHelmLibrary.directory());
      System.setProperty(CachedHelmLibrary.PROPERTY, "off");
      assertNull(CachedHelmLibrary.directory());
      System.clearProperty(CachedHelmLibrary.PROPERTY);
      assertTrue(CachedHelmLibrary.directory().endsWith("aibrix-chart"));
    } finally {
      if (before == null) {
        System.clearProperty(CachedHelmLibrary.PROPERTY);
      } else {
        System.setProperty(CachedHelmLibrary.PROPERTY, before);
      }
    }
  }
}
