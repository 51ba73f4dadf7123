package io.github.kvchart.aibrix.core.helm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a gzip-compressed ustar archive that depends on nothing but its content: entries sorted,
 * one fixed modification time, mode 0644 (0755 for .sh), uid and gid 0, no user or group names, and
 * a gzip header without a time stamp. Same input, same bytes, on any machine, time zone or umask.
 */
public final class ReproducibleTarGz {
  private static final int BLOCK = 512;

  private ReproducibleTarGz() {}

  /**
   * Streams the archive of {@code files} (relative name to file), each under {@code root}/, to
   * {@code out}: one file at a time, never the whole chart in memory.
   */
  public static void write(
      String root, SortedMap<String, Path> files, long mtimeSeconds, OutputStream out)
      throws IOException {
    GZIPOutputStream gzip =
        new GZIPOutputStream(out, 64 * 1024) {
          {
            def.setLevel(java.util.zip.Deflater.BEST_COMPRESSION);
          }
        };
    for (Map.Entry<String, Path> file : files.entrySet()) {
      String name = root + "/" + file.getKey();
      int mode = file.getKey().endsWith(".sh") ? 0755 : 0644;
      long size = Files.size(file.getValue());
      gzip.write(header(name, size, mode, mtimeSeconds));
      long copied;
      try (InputStream in = Files.newInputStream(file.getValue(), LinkOption.NOFOLLOW_LINKS)) {
        copied = in.transferTo(gzip);
      }
      if (copied != size) {
        throw new IOException(file.getValue() + " changed while it was archived");
      }
      pad(gzip, size);
    }
    gzip.write(new byte[BLOCK * 2]);
    gzip.finish();
  }

  private static byte[] header(String name, long size, int mode, long mtime) throws IOException {
    byte[] header = new byte[BLOCK];
    byte[] path = name.getBytes(StandardCharsets.UTF_8);
    if (path.length <= 100) {
      System.arraycopy(path, 0, header, 0, path.length);
    } else {
      int split = name.lastIndexOf('/', Math.min(name.length() - 1, 155));
      byte[] prefix = name.substring(0, Math.max(split, 0)).getBytes(StandardCharsets.UTF_8);
      byte[] rest = name.substring(split + 1).getBytes(StandardCharsets.UTF_8);
      if (split <= 0 || prefix.length > 155 || rest.length > 100) {
        throw new IOException("path too long for a chart archive: " + name);
      }
      System.arraycopy(rest, 0, header, 0, rest.length);
      System.arraycopy(prefix, 0, header, 345, prefix.length);
    }
    octal(header, 100, 8, mode);
    octal(header, 108, 8, 0);
    octal(header, 116, 8, 0);
    octal(header, 124, 12, size);
    octal(header, 136, 12, mtime);
    header[156] = '0';
    byte[] magic = "ustar\u000000".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(magic, 0, header, 257, magic.length);
    for (int i = 148; i < 156; i++) {
      header[i] = ' ';
    }
    long checksum = 0;
    for (byte b : header) {
      checksum += b & 0xff;
    }
    octal(header, 148, 7, checksum);
    header[155] = ' ';
    return header;
  }

  private static void octal(byte[] header, int offset, int length, long value) {
    String digits = Long.toOctalString(value);
    int width = length - 1;
    String padded = "0".repeat(Math.max(0, width - digits.length())) + digits;
    byte[] text = padded.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(text, 0, header, offset, width);
    header[offset + width] = 0;
  }

  private static void pad(OutputStream out, long size) throws IOException {
    int remainder = (int) (size % BLOCK);
    if (remainder != 0) {
      out.write(new byte[BLOCK - remainder]);
    }
  }
}
