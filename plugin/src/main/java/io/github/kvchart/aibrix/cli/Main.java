package io.github.kvchart.aibrix.cli;

import io.github.kvchart.aibrix.core.BuildLog;
import io.github.kvchart.aibrix.core.InvalidInputException;
import io.github.kvchart.aibrix.core.manifest.Violation;
import io.github.kvchart.aibrix.core.report.JsonReport;
import io.github.kvchart.aibrix.core.report.JunitXmlReport;
import io.github.kvchart.aibrix.core.report.ReportFiles;
import io.github.kvchart.aibrix.core.report.SarifReport;
import io.github.kvchart.aibrix.core.validate.ManifestValidator;
import io.github.kvchart.aibrix.core.validate.ValidateRequest;
import io.github.kvchart.aibrix.core.validate.ValidationResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line: {@code java -jar aibrix-chart-maven-plugin-VERSION-cli.jar validate [options]
 * PATH...}, the same core as the {@code validate} goal, with no Maven (exit codes: 0 clean, 1
 * violations, 2 bad usage or input), and {@code probe [options]}, the probe goal's ({@link
 * ProbeCommand}).
 */
public final class Main {
  static final int CLEAN = 0;
  static final int VIOLATIONS = 1;
  static final int USAGE = 2;

  static final String HELP =
      """
      Usage: java -jar aibrix-chart-maven-plugin-cli.jar validate [options] PATH...

      Validates Kubernetes manifests, Helm charts (folders with Chart.yaml, linted and rendered
      with embedded Helm) and the AIBrix KV-event contract, offline. PATH: files or folders.

      Options (each mirrors the validate goal's aibrix-chart.* property):
        --kubernetes-version V   minor whose API schemas apply: 1.28 or 1.30-1.36 (default 1.35)
        --crds PATH              CRD files or folders whose schemas apply (repeatable)
        --rules LIST             rule levels, e.g. kv-replay-disabled=off,kv-image-version=warning
        --contract FILE          a KV-event contract file instead of the built-in one
        --aibrix-version V       the AIBrix release the gateway runs (default: newest known)
        --aibrix-installation I  any, kustomize, helm or helm-envoy-sidecar (default any)
        --includes GLOBS         files to read under folders (default **/*.yaml,**/*.yml)
        --excludes GLOBS         files to leave out
        --threads N              files (and, on 500+ documents, contract rules) checked in
                                 parallel (default: the number of cores)
        --reports-dir DIR        also write validation.json, validation.sarif, TEST-aibrix-chart.xml
        --format F               text (default), json, sarif or junit, on standard output
        --fail-on-warning        exit 1 on warnings too
        -h, --help               this text

      Exit codes: 0 clean, 1 violations found, 2 bad usage or unreadable input.

      On 1 MiB of input or more the JVM is asked to compile with C1 only (faster for runs this
      short); java -Daibrix.cli.fullJit=true -jar ... keeps both compilers.

      The other command, probe, checks a live model pod's KV events: probe --help.
      """;

  private Main() {}

  public static void main(String[] args) {
    int code =
        run(
            args,
            new PrintStream(System.out, true, StandardCharsets.UTF_8),
            new PrintStream(System.err, true, StandardCharsets.UTF_8));
    System.exit(code);
  }

  /** Runs one command; returns the exit code. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length > 0 && args[0].equals("probe")) {
      return ProbeCommand.run(args, out, err);
    }
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      err.println("Run with --help for the options.");
      return USAGE;
    }
    if (options.help) {
      out.print(HELP);
      return CLEAN;
    }
    QuickCompiler.forLargeInput(options.paths);
    ValidationResult result;
    try {
      result = new ManifestValidator().validate(options.request(), log(err));
    } catch (InvalidInputException e) {
      err.println("error: " + e.getMessage());
      return USAGE;
    } catch (RuntimeException e) {
      // a defect of ours: one line that names it and where, not a stack trace
      StackTraceElement[] trace = e.getStackTrace();
      err.println(
          "error: internal error, please report it with the input: "
              + e
              + (trace.length > 0 ? " at " + trace[0] : ""));
      return USAGE;
    }
    if (options.reportsDir != null) {
      try {
        ReportFiles.write(options.reportsDir, result);
      } catch (IOException e) {
        err.println("error: cannot write reports to " + options.reportsDir + ": " + e.getMessage());
        return USAGE;
      }
    }
    switch (options.format) {
      case "json" -> out.print(JsonReport.render(result));
      case "sarif" -> out.print(SarifReport.render(result));
      case "junit" -> out.print(JunitXmlReport.render(result));
      default -> {
        for (Violation violation : result.violations()) {
          out.println(violation.toConsoleLine());
        }
        out.println(result.summary());
      }
    }
    boolean failed = result.errors() > 0 || (options.failOnWarning && result.warnings() > 0);
    return failed ? VIOLATIONS : CLEAN;
  }

  private static BuildLog log(PrintStream err) {
    return new BuildLog() {
      @Override
      public void info(String message) {
        err.println(message);
      }

      @Override
      public void warn(String message) {
        err.println("warning: " + message);
      }

      @Override
      public void debug(String message) {}
    };
  }

  /** The parsed command line. */
  static final class Options {
    private static final java.util.Set<String> VALUED =
        java.util.Set.of(
            "--kubernetes-version",
            "--crds",
            "--rules",
            "--contract",
            "--aibrix-version",
            "--aibrix-installation",
            "--includes",
            "--excludes",
            "--threads",
            "--reports-dir",
            "--format");

    boolean help;
    String kubernetesVersion = null;
    final List<Path> crds = new ArrayList<>();
    String rules;
    Path contract;
    String aibrixVersion;
    String aibrixInstallation;
    final List<String> includes = new ArrayList<>();
    final List<String> excludes = new ArrayList<>();
    int threads = Runtime.getRuntime().availableProcessors();
    Path reportsDir;
    String format = "text";
    boolean failOnWarning;
    final List<Path> paths = new ArrayList<>();

    static Options parse(String[] args) {
      Options o = new Options();
      if (args.length == 0) {
        throw new IllegalArgumentException(
            "no command; the command is: validate [options] PATH...");
      }
      if (args[0].equals("-h") || args[0].equals("--help")) {
        o.help = true;
        return o;
      }
      if (!args[0].equals("validate")) {
        throw new IllegalArgumentException(
            "unknown command '"
                + args[0]
                + "'; the commands are: validate [options] PATH..., probe [options]");
      }
      Args.read(
          args,
          VALUED,
          (arg, value) -> {
            switch (arg) {
              case "-h", "--help" -> o.help = true;
              case "--fail-on-warning" -> o.failOnWarning = true;
              case "--kubernetes-version" -> o.kubernetesVersion = value;
              case "--crds" -> split(value).forEach(c -> o.crds.add(Path.of(c)));
              case "--rules" -> o.rules = value;
              case "--contract" -> o.contract = Path.of(value);
              case "--aibrix-version" -> o.aibrixVersion = value;
              case "--aibrix-installation" -> o.aibrixInstallation = value;
              case "--includes" -> o.includes.addAll(split(value));
              case "--excludes" -> o.excludes.addAll(split(value));
              case "--reports-dir" -> o.reportsDir = Path.of(value);
              case "--threads" -> o.threads = Args.number("--threads", value, 1, 1024);
              case "--format" -> {
                o.format = value;
                if (!List.of("text", "json", "sarif", "junit").contains(o.format)) {
                  throw new IllegalArgumentException(
                      "--format is text, json, sarif or junit, not '" + o.format + "'");
                }
              }
              default -> {
                if (arg.startsWith("-")) {
                  throw new IllegalArgumentException("unknown option '" + arg + "'");
                }
                o.paths.add(Path.of(arg));
              }
            }
          });
      if (!o.help && o.paths.isEmpty()) {
        throw new IllegalArgumentException("no PATH to validate");
      }
      return o;
    }

    ValidateRequest request() {
      return new ValidateRequest(
          Path.of("").toAbsolutePath(),
          paths,
          includes,
          excludes,
          kubernetesVersion,
          crds,
          threads,
          contract,
          rules,
          aibrixVersion,
          aibrixInstallation);
    }

    private static List<String> split(String value) {
      List<String> parts = new ArrayList<>();
      for (String part : value.split(",")) {
        if (!part.isBlank()) {
          parts.add(part.trim());
        }
      }
      return parts;
    }
  }
}
