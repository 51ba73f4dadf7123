package io.github.kvchart.aibrix.cli;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** What every command-line test class has: a temporary folder and one in-process run. */
abstract class CommandLineTest {
  @TempDir Path temp;
  final CliRun cli = new CliRun();

  /** Runs one command; returns its exit code. */
  int run(String... args) {
    return cli.run(args);
  }

  /** What the runs printed on standard output. */
  String out() {
    return cli.out();
  }
}
