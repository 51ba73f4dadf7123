import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Build step (run with {@code java StoreHotClasses.java JAR...} after the shade plugin): rewrites
 * each jar with the classes a build or a command-line run loads stored instead of deflated, so that
 * loading them costs no inflating. Every other entry is copied as it is, and every time is kept, so
 * the same jar in gives the same jar out. The result is checked against the original (names, times,
 * sizes and checksums of all entries, bytes of the stored ones) before it replaces it.
 *
 * <p>Only the packages a run loads from are stored, which keeps the growth small: stored, every
 * class of these jars would add 16 MB; these packages add about 8 MB to the plugin jar and 5 MB to
 * the command-line jar (docs/performance.md has the figures).
 */
public final class StoreHotClasses {
  /** Folders whose classes are stored: {@code **} spans folders, {@code *} stays in one. */
  static final List<String> HOT =
      List.of(
          "io/github/kvchart/**",
          "com/hubspot/jinjava/**",
          "jinjava/de/odysseus/**",
          "jinjava/javax/el/*",
          "com/fasterxml/jackson/core/**",
          "com/fasterxml/jackson/databind/**",
          "org/yaml/snakeyaml/**",
          "com/google/common/base/*",
          "com/google/common/collect/*",
          "com/sun/jna/*",
          "com/sun/jna/platform/unix/*",
          "com/marcnuri/helm/**");

  private StoreHotClasses() {}

  public static void main(String[] args) throws IOException {
    if (args.length == 0) {
      System.err.println("usage: java StoreHotClasses.java JAR...");
      System.exit(2);
    }
    List<Pattern> hot = HOT.stream().map(StoreHotClasses::pattern).toList();
    for (String jar : args) {
      rewrite(Path.of(jar), hot);
    }
  }

  static Pattern pattern(String glob) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      if (glob.startsWith("**", i)) {
        regex.append(".*");
        i++;
      } else if (glob.charAt(i) == '*') {
        regex.append("[^/]*");
      } else {
        regex.append(Pattern.quote(String.valueOf(glob.charAt(i))));
      }
    }
    return Pattern.compile(regex + "\\.class");
  }

  static boolean isHot(String name, List<Pattern> hot) {
    return name.endsWith(".class") && hot.stream().anyMatch(p -> p.matcher(name).matches());
  }

  static void rewrite(Path jar, List<Pattern> hot) throws IOException {
    Path temp = Files.createTempFile(jar.getParent(), jar.getFileName().toString(), ".tmp");
    try {
      Files.copy(jar, temp, StandardCopyOption.REPLACE_EXISTING);
      int stored = 0;
      // The zip file system copies untouched entries as they are (no inflating and deflating
      // again) and writes what is written anew without compression.
      try (FileSystem zip = FileSystems.newFileSystem(temp, Map.of("noCompression", "true"))) {
        List<Path> classes;
        try (Stream<Path> walk = Files.walk(zip.getPath("/"))) {
          classes =
              walk.filter(Files::isRegularFile)
                  .filter(path -> isHot(path.toString().substring(1), hot))
                  .sorted()
                  .toList();
        }
        for (Path path : classes) {
          FileTime time = Files.getLastModifiedTime(path);
          Files.write(path, Files.readAllBytes(path));
          Files.setLastModifiedTime(path, time);
          stored++;
        }
      }
      verifySame(jar, temp);
      Files.move(temp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      System.out.printf(
          "%s: %d classes stored uncompressed, %d bytes%n",
          jar.getFileName(), stored, Files.size(jar));
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Fails unless both jars hold the same entries with the same times, sizes and checksums, and the
   * stored classes with the same bytes.
   */
  static void verifySame(Path original, Path rewritten) throws IOException {
    try (ZipFile a = new ZipFile(original.toFile());
        ZipFile b = new ZipFile(rewritten.toFile())) {
      if (a.size() != b.size()) {
        throw new IOException(rewritten + ": " + b.size() + " entries, not " + a.size());
      }
      for (ZipEntry x : entries(a)) {
        ZipEntry y = b.getEntry(x.getName());
        if (y == null
            || x.getTime() != y.getTime()
            || x.getSize() != y.getSize()
            || x.getCrc() != y.getCrc()
            || (y.getMethod() == ZipEntry.STORED && !Arrays.equals(read(a, x), read(b, y)))) {
          throw new IOException(rewritten + ": entry " + x.getName() + " differs");
        }
      }
    }
  }

  private static List<ZipEntry> entries(ZipFile zip) {
    List<ZipEntry> list = new ArrayList<>();
    zip.entries().asIterator().forEachRemaining(list::add);
    return list;
  }

  private static byte[] read(ZipFile zip, ZipEntry entry) throws IOException {
    try (InputStream in = zip.getInputStream(entry)) {
      return in.readAllBytes();
    }
  }
}
