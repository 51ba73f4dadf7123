package io.github.kvchart.aibrix.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import javax.management.ObjectName;

/**
 * Lets a command-line run on a large input compile with the JVM's quick compiler (C1) only, as
 * {@code -XX:TieredStopAtLevel=1} would, which a jar cannot set for itself.
 *
 * <p>Why: a run is a few seconds at most, too short for the optimising compiler (C2) to pay for
 * itself. On a 2-core machine C2 holds one core for most of a 5,000-document run while two threads
 * validate; with C1 only the run took 1.2-1.4 s instead of 1.8-2.1 s, and 5.2-5.4 s instead of
 * 6.7-7.5 s on 50,000 documents (docs/performance.md). The JVM takes the request through its
 * documented diagnostic command {@code Compiler.directives_add} (what {@code jcmd PID
 * Compiler.directives_add} sends), reached through the platform MBean server. Starting that server
 * costs 0.15-0.25 s of CPU, so it runs on a background thread, and only when the input holds at
 * least {@link #LARGE_INPUT} bytes: a run on a few files never pays for it. Anything that fails
 * here (no {@code jdk.management} module, a JVM without compiler directives) leaves the JVM as it
 * was, and a JVM told how to compile ({@code -XX:TieredStopAtLevel}, {@code
 * -XX:-TieredCompilation}) is not asked. {@code -Daibrix.cli.fullJit=true} turns it off.
 */
final class QuickCompiler {
  /** Input size from which the request is made: about 1,400 documents of the bench corpus. */
  static final long LARGE_INPUT = 1L << 20;

  /** Every method: compiled by C1, never by C2. */
  static final String DIRECTIVE = "[{ match: \"*.*\", c2: { Exclude: true } }]";

  private QuickCompiler() {}

  /**
   * Asks for C1-only compilation on a background thread when {@code paths} hold a large input;
   * returns whether it asked.
   */
  static boolean forLargeInput(List<Path> paths) {
    if (Boolean.getBoolean("aibrix.cli.fullJit") || !holdAtLeast(paths, LARGE_INPUT)) {
      return false;
    }
    Path temp = Path.of(System.getProperty("java.io.tmpdir"));
    Thread thread = new Thread(() -> quicken(temp), "aibrix-chart-quick-compiler");
    thread.setDaemon(true);
    thread.start();
    return true;
  }

  /**
   * Makes the request, unless this JVM was told how to compile; returns the JVM's answer, or null
   * when it was not asked or could not be.
   */
  static String quicken(Path temp) {
    return compilesQuicklyAlready() ? null : request(DIRECTIVE, temp);
  }

  /**
   * Whether this JVM already stops at C1 ({@code -XX:TieredStopAtLevel=1}, the README's recipe), or
   * compiles with C2 alone ({@code -XX:-TieredCompilation}), where leaving C2 out would leave the
   * interpreter: either way the request is not made.
   */
  static boolean compilesQuicklyAlready() {
    try {
      HotSpotDiagnosticMXBean vm =
          ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      return Integer.parseInt(vm.getVMOption("TieredStopAtLevel").getValue()) < 4
          || !Boolean.parseBoolean(vm.getVMOption("TieredCompilation").getValue());
    } catch (RuntimeException | LinkageError e) {
      return true;
    }
  }

  /**
   * Whether the regular files under {@code paths} hold at least {@code bytes} (stops there). A
   * visitor, not {@code Files.walk}: the stream pipeline alone cost a one-file run 5-10 ms.
   */
  static boolean holdAtLeast(List<Path> paths, long bytes) {
    long[] total = {0};
    FileVisitor<Path> counter =
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            if (attributes.isRegularFile()) {
              total[0] += attributes.size();
            }
            return total[0] >= bytes ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            // unreadable: validation reports it; here it only counts as small
            return FileVisitResult.CONTINUE;
          }
        };
    for (Path path : paths) {
      try {
        Files.walkFileTree(path, counter);
      } catch (IOException | UncheckedIOException e) {
        // as above
      }
      if (total[0] >= bytes) {
        return true;
      }
    }
    return false;
  }

  /**
   * Adds {@code directive} to this JVM's compiler directives, through a file in {@code temp} that
   * is gone afterwards; returns the JVM's answer, or null when it could not be asked.
   */
  static String request(String directive, Path temp) {
    Path file = null;
    try {
      file = Files.createTempFile(temp, "aibrix-chart-compiler-", ".json");
      // if the run ends before the JVM has read it, the exit removes it
      file.toFile().deleteOnExit();
      Files.writeString(file, directive);
      return command("compilerDirectivesAdd", file.toString());
    } catch (Exception | LinkageError e) {
      return null;
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          // deleteOnExit removes it
        }
      }
    }
  }

  /** Runs one diagnostic command (its MBean operation name) and returns the JVM's answer. */
  static String command(String operation, String... arguments) throws Exception {
    Object answer =
        ManagementFactory.getPlatformMBeanServer()
            .invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"),
                operation,
                new Object[] {arguments},
                new String[] {String[].class.getName()});
    return String.valueOf(answer).trim();
  }
}
