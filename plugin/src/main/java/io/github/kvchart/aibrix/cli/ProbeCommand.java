package io.github.kvchart.aibrix.cli;

import io.github.kvchart.aibrix.core.InvalidInputException;
import io.github.kvchart.aibrix.core.probe.ProbeJob;
import io.github.kvchart.aibrix.core.probe.ProbeReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code probe}: the probe goal without Maven, for a CI job or a pod inside the cluster (which,
 * unlike a port-forward, meets the model pod's NetworkPolicy). Exit codes: 0 events flow and the
 * gateway can read them, 1 the probe failed, 2 bad usage.
 */
final class ProbeCommand {
  static final String HELP =
      """
      Usage: java -jar aibrix-chart-maven-plugin-cli.jar probe [options]

      Connects to a model pod's KV-event sockets as the AIBrix gateway does (SUB to the event
      endpoint, every topic; DEALER to the replay endpoint), waits for batches and checks the
      sequence, the wire format the gateway can decode and the replay.

      Options (each mirrors the probe goal's aibrix-chart.* property):
        --endpoint E             the event endpoint (default tcp://127.0.0.1:5557)
        --replay-endpoint E      the replay endpoint (default: the same host on 5558; none: skip)
        --timeout S              seconds to wait for batches (default 30)
        --batches N              stop after N batches (default 20)
        --aibrix-version V       the AIBrix release the gateway runs (default: newest known)
        --contract FILE          a KV-event contract file instead of the built-in one
        --reports-dir DIR        also write probe.json there
        --format F               text (default) or json, on standard output
        -h, --help               this text

      Exit codes: 0 events flow and the gateway can decode them, 1 the probe failed, 2 bad usage.
      """;

  private static final Set<String> VALUED =
      Set.of(
          "--endpoint",
          "--replay-endpoint",
          "--timeout",
          "--batches",
          "--aibrix-version",
          "--contract",
          "--reports-dir",
          "--format");

  private ProbeCommand() {}

  static int run(String[] args, PrintStream out, PrintStream err) {
    String[] endpoint = {"tcp://127.0.0.1:5557"};
    String[] replay = {null};
    int[] numbers = {30, 20};
    String[] text = {null, "text"};
    Path[] paths = {null, null};
    boolean[] help = {false};
    try {
      Args.read(
          args,
          VALUED,
          (arg, value) -> {
            switch (arg) {
              case "-h", "--help" -> help[0] = true;
              case "--endpoint" -> endpoint[0] = value;
              case "--replay-endpoint" -> replay[0] = value;
              case "--timeout" -> numbers[0] = Args.number("--timeout", value, 1, 86_400);
              case "--batches" -> numbers[1] = Args.number("--batches", value, 1, 10_000_000);
              case "--aibrix-version" -> text[0] = value;
              case "--contract" -> paths[0] = Path.of(value);
              case "--reports-dir" -> paths[1] = Path.of(value);
              case "--format" -> {
                if (!Set.of("text", "json").contains(value)) {
                  throw new IllegalArgumentException(
                      "--format is text or json, not '" + value + "'");
                }
                text[1] = value;
              }
              default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
          });
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      err.println("Run probe --help for the options.");
      return Main.USAGE;
    }
    if (help[0]) {
      out.print(HELP);
      return Main.CLEAN;
    }
    ProbeReport report;
    try {
      ProbeJob job = ProbeJob.of(endpoint[0], replay[0], numbers[0], numbers[1], text[0], paths[0]);
      err.println(job.describe());
      report = job.run();
    } catch (InvalidInputException e) {
      err.println("error: " + e.getMessage());
      return Main.USAGE;
    }
    if (paths[1] != null) {
      try {
        ProbeJob.write(report, paths[1]);
      } catch (IOException e) {
        err.println(
            "error: cannot write " + ProbeJob.REPORT + " to " + paths[1] + ": " + e.getMessage());
        return Main.USAGE;
      }
    }
    if (text[1].equals("json")) {
      out.print(report.json());
    } else {
      out.println(report.summary());
      for (ProbeReport.Failure failure : report.failures()) {
        out.println(failure.id() + ": " + failure.problem());
        out.println("  hint: " + failure.hint());
      }
    }
    return report.passed() ? Main.CLEAN : Main.VIOLATIONS;
  }
}
