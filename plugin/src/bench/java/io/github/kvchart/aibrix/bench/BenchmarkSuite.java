package io.github.kvchart.aibrix.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.kvchart.aibrix.core.BuildLog;
import io.github.kvchart.aibrix.core.contract.rules.ContractChecker;
import io.github.kvchart.aibrix.core.render.ChartGenerator;
import io.github.kvchart.aibrix.core.render.GenerateRequest;
import io.github.kvchart.aibrix.core.validate.ManifestValidator;
import io.github.kvchart.aibrix.core.validate.ValidateRequest;
import io.github.kvchart.aibrix.core.validate.ValidationResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The benchmark (profile bench): one JVM, one run, warm-up then medians, so the ratios hold on a
 * noisy machine. Writes target/bench/results.json. Run: ./mvnw -B -ntp -Pbench -pl plugin verify
 */
class BenchmarkSuite {
  private static final int WARMUP = 5;
  private static final int PASSES = 7;

  private final Path work = Path.of(System.getProperty("bench.dir", "target/bench"));
  private final ObjectNode results = new ObjectMapper().createObjectNode();

  @Test
  void run() throws Exception {
    Files.createDirectories(work);
    Path corpusDir = work.resolve("corpus");
    List<Path> corpus = Corpus.write(corpusDir, 500, 10);
    int documents = 5000;

    // Whole processes first, while this JVM is quiet: later, its own JIT and GC threads (after
    // the peer's and the fleet's work) compete with the measured process for the two cores.
    coldStart(corpus.get(0));
    cli(corpusDir);
    buildOverhead();

    // Parse floor vs. parse + schemas + contract, single thread, warm.
    ObjectReader reader = new ObjectMapper(new YAMLFactory()).readerFor(JsonNode.class);
    Callable<Object> parse =
        () -> {
          int count = 0;
          for (Path file : corpus) {
            try (MappingIterator<JsonNode> values = reader.readValues(Files.readString(file))) {
              while (values.hasNextValue()) {
                values.nextValue();
                count++;
              }
            }
          }
          return count;
        };
    io.github.kvchart.aibrix.core.validate.ManifestParser ourParser =
        new io.github.kvchart.aibrix.core.validate.ManifestParser();
    Callable<Object> strictParse =
        () -> {
          int count = 0;
          for (Path file : corpus) {
            count += ourParser.parse(file.toString(), Files.readString(file)).documents().size();
          }
          return count;
        };
    ValidateRequest full = request(corpusDir, 1, null);
    ValidateRequest schemaOnly = request(corpusDir, 1, contractOff());
    Callable<Object> validate = () -> new ManifestValidator().validate(full, BuildLog.SILENT);
    Callable<Object> validateSchemaOnly =
        () -> new ManifestValidator().validate(schemaOnly, BuildLog.SILENT);
    double[] medians = interleaved(parse, validate, validateSchemaOnly, strictParse);
    double parseMs = medians[0];
    double validateMs = medians[1];
    double schemaOnlyMs = medians[2];
    double strictParseMs = medians[3];
    ValidationResult check = new ManifestValidator().validate(full, BuildLog.SILENT);
    results.put("validate_over_parse", round(validateMs / parseMs));
    results.put("corpus_documents", check.documents().size());
    results.put(
        "validate_peak_heap_mb",
        peakHeapMb(() -> new ManifestValidator().validate(full, BuildLog.SILENT)));
    results.put("corpus_files", corpus.size());
    results.put("corpus_errors_found", check.errors());
    results.put("parse_ms", round(parseMs));
    results.put("validate_ms", round(validateMs));
    ObjectNode breakdown = results.putObject("breakdown_us_per_document");
    breakdown.put("parse", round(parseMs * 1000 / documents));
    breakdown.put("strict_parse_extra", round((strictParseMs - parseMs) * 1000 / documents));
    breakdown.put("schemas", round((schemaOnlyMs - strictParseMs) * 1000 / documents));
    breakdown.put("contract", round((validateMs - schemaOnlyMs) * 1000 / documents));

    // Throughput, single thread and all cores.
    int cores = Runtime.getRuntime().availableProcessors();
    ValidateRequest parallel = request(corpusDir, cores, null);
    double parallelMs = median(() -> new ManifestValidator().validate(parallel, BuildLog.SILENT));
    ObjectNode throughput = results.putObject("resources_per_second");
    throughput.put("single_thread", Math.round(documents / (validateMs / 1000)));
    throughput.put("all_cores", Math.round(documents / (parallelMs / 1000)));
    throughput.put("cores", cores);

    peer();
    fleet();
    probeRate();

    Path out = work.resolve("results.json");
    Files.writeString(
        out,
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(results)
            + "\n");
    System.out.println("BENCH RESULTS " + out.toAbsolutePath() + "\n" + Files.readString(out));
  }

  /**
   * JKube as shipped and cached, against ours, on the same single-document files. For the cached
   * peer and for ours the cost is marginal (800 files minus 400, per document), so neither side's
   * one-off set-up (schema compilation, class loading) counts; JKube as shipped pays its set-up per
   * file by design, so it is timed per file.
   */
  private void peer() throws Exception {
    Path singlesDir = work.resolve("singles");
    List<Path> singles = Corpus.writeSingles(singlesDir, 800);
    List<Path> half = singles.subList(0, 400);
    List<Path> shippedSample = singles.subList(0, 40);
    Path halfDir = work.resolve("singles-half");
    Files.createDirectories(halfDir);
    for (Path file : half) {
      Files.copy(
          file,
          halfDir.resolve(file.getFileName()),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    ValidateRequest all =
        new ValidateRequest(
            singlesDir, List.of(singlesDir), List.of(), List.of(), "1.32", List.of(), 1);
    ValidateRequest halfRequest =
        new ValidateRequest(halfDir, List.of(halfDir), List.of(), List.of(), "1.32", List.of(), 1);
    double[] ours =
        interleaved(
            () -> new ManifestValidator().validate(all, BuildLog.SILENT),
            () -> new ManifestValidator().validate(halfRequest, BuildLog.SILENT));
    double oursPerDoc = (ours[0] - ours[1]) / 400;
    String classpath = System.getProperty("bench.peer.classpath");
    if (classpath == null || !Files.isRegularFile(Path.of(classpath))) {
      results.put("peer_over_validate", (String) null);
      results.put("peer_note", "bench.peer.classpath not set: run through the bench profile");
      return;
    }
    try (JkubePeer peer = new JkubePeer(Path.of(classpath))) {
      peer.validateAsShipped(singles.subList(500, 505));
      long start = System.nanoTime();
      peer.validateAsShipped(shippedSample);
      double peerPerDoc = (System.nanoTime() - start) / 1e6 / shippedSample.size();
      JkubePeer.Cached cached = peer.new Cached(singles.get(0));
      double[] cachedMs =
          interleaved(
              () -> {
                cached.validate(singles);
                return null;
              },
              () -> {
                cached.validate(half);
                return null;
              });
      double cachedPerDoc = (cachedMs[0] - cachedMs[1]) / 400;
      results.put("peer_over_validate", round(peerPerDoc / oursPerDoc));
      results.put("cached_peer_over_validate", round(cachedPerDoc / oursPerDoc));
      ObjectNode detail = results.putObject("peer_ms_per_document");
      detail.put("jkube_as_shipped", round(peerPerDoc));
      detail.put("jkube_schemas_cached_marginal", round(cachedPerDoc));
      detail.put("ours_marginal", round(oursPerDoc));
      detail.put("documents_as_shipped", shippedSample.size());
      detail.put("documents_marginal", "800 - 400");
      detail.put(
          "peer", "org.eclipse.jkube:jkube-kit-common:1.19.0 ResourceValidator (networknt 1.5.9)");
    }
  }

  /** generate + validate for 100 and 1,000 models. */
  private void fleet() throws Exception {
    double hundred = fleetRun(100);
    double thousand = fleetRun(1000);
    results.put("fleet_scaling_1000_over_100", round(thousand / hundred));
    results.put("ms_per_model_at_1000", round(thousand / 1000));
    results.put("fleet_ms_100", round(hundred));
    results.put("fleet_ms_1000", round(thousand));
  }

  private double fleetRun(int models) throws Exception {
    Path dir = work.resolve("fleet-" + models);
    Files.createDirectories(dir);
    StringBuilder yaml = new StringBuilder("models:\n");
    for (int i = 0; i < models; i++) {
      yaml.append("  - name: model-")
          .append(i)
          .append("\n    hfModel: org/model-")
          .append(i)
          .append('\n')
          .append("    configMode: ")
          .append(i % 2 == 0 ? "args" : "env")
          .append('\n');
      if (i % 3 == 0) {
        yaml.append("    autoscaling:\n      enabled: true\n");
      }
    }
    Path modelsFile = dir.resolve("models.yaml");
    Files.writeString(modelsFile, yaml);
    Path out = dir.resolve("out");
    Callable<Object> run =
        () -> {
          new ChartGenerator()
              .generate(
                  new GenerateRequest(out, null, modelsFile, null, "1.0.0", null), BuildLog.SILENT);
          ValidationResult result =
              new ManifestValidator()
                  .validate(
                      new ValidateRequest(
                          dir, List.of(out), List.of(), List.of(), "1.32", List.of(), 1),
                      BuildLog.SILENT);
          if (result.errors() > 0) {
            throw new IllegalStateException(
                "fleet output has errors: " + result.violations().get(0));
          }
          return result;
        };
    for (int i = 0; i < 2; i++) {
      run.call();
    }
    double[] times = new double[3];
    for (int i = 0; i < times.length; i++) {
      long start = System.nanoTime();
      run.call();
      times[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(times);
    return times[1];
  }

  /**
   * A fresh JVM, from its start to its first validated file (schemas read from the shipped files).
   */
  private void coldStart(Path file) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    double[] runs = new double[3];
    for (int i = 0; i < runs.length; i++) {
      Process process =
          new ProcessBuilder(
                  java,
                  "-cp",
                  System.getProperty("java.class.path"),
                  ColdStart.class.getName(),
                  file.toString())
              .redirectErrorStream(true)
              .start();
      String output = new String(process.getInputStream().readAllBytes());
      process.waitFor();
      String line =
          output
              .lines()
              .filter(l -> l.startsWith("COLD_START_MS="))
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("cold start run failed: " + output));
      runs[i] = Double.parseDouble(line.substring("COLD_START_MS=".length()));
    }
    Arrays.sort(runs);
    results.put("cold_start_ms", runs[1]);
  }

  /**
   * The command-line validator as a whole process (JVM start to exit), one document and the
   * 5,000-document corpus: plain {@code java -jar}, and with a class-data-sharing archive made once
   * and C1 only (the README's recipe). Then one file of 1,000 documents with a violation each, and
   * one kind: List of 1,000 items with a violation each (locating them must stay linear in the
   * file's size). Medians of 5 runs.
   */
  private void cli(Path corpusDir) throws Exception {
    String jar = System.getProperty("bench.cli.jar");
    if (jar == null || !Files.exists(Path.of(jar))) {
      results.put("cli", "skipped: no cli jar at " + jar);
      return;
    }
    Path one = Files.createDirectories(work.resolve("cli-one"));
    Files.writeString(
        one.resolve("namespace.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path archive = work.resolve("cli.jsa");
    Files.deleteIfExists(archive);
    process(
        List.of(
            java, "-XX:ArchiveClassesAtExit=" + archive, "-jar", jar, "validate", one.toString()));
    List<String> cds = List.of("-XX:SharedArchiveFile=" + archive, "-XX:TieredStopAtLevel=1");
    results.put("cli_fixed_s", cliMedian(java, List.of(), jar, one));
    results.put("cli_5000_docs_s", cliMedian(java, List.of(), jar, corpusDir));
    results.put("cli_fixed_cds_s", cliMedian(java, cds, jar, one));
    results.put("cli_5000_docs_cds_s", cliMedian(java, cds, jar, corpusDir));
    Path broken = Corpus.writeAllBroken(work.resolve("cli-broken"), 1000);
    results.put("cli_1000_violations_one_file_s", cliMedian(java, List.of(), jar, broken));
    Path list = Corpus.writeBrokenList(work.resolve("cli-list"), 1000);
    results.put("cli_1000_item_list_s", cliMedian(java, List.of(), jar, list));
  }

  private static double cliMedian(String java, List<String> flags, String jar, Path dir)
      throws Exception {
    List<String> command = new java.util.ArrayList<>();
    command.add(java);
    command.addAll(flags);
    command.addAll(List.of("-jar", jar, "validate", dir.toString()));
    double[] runs = new double[5];
    for (int i = 0; i < runs.length; i++) {
      long start = System.nanoTime();
      process(command);
      runs[i] = (System.nanoTime() - start) / 1e9;
    }
    Arrays.sort(runs);
    return Math.round(runs[2] * 1000) / 1000.0;
  }

  private static void process(List<String> command) throws Exception {
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    int code = process.waitFor();
    if (code > 1) {
      throw new IllegalStateException(String.join(" ", command) + " exited " + code);
    }
  }

  private static ValidateRequest request(Path dir, int threads, String rules) {
    return new ValidateRequest(
        dir, List.of(dir), List.of(), List.of(), "1.32", List.of(), threads, null, rules, null);
  }

  private static String contractOff() {
    return ContractChecker.rules(null).stream()
        .map(r -> r.id() + "=off")
        .collect(Collectors.joining(","));
  }

  /** Medians (ms) of several tasks measured in turn, pass by pass, after a shared warm-up. */
  private static double[] interleaved(Callable<?>... tasks) throws Exception {
    for (int i = 0; i < WARMUP; i++) {
      for (Callable<?> task : tasks) {
        task.call();
      }
    }
    double[][] times = new double[tasks.length][PASSES];
    for (int pass = 0; pass < PASSES; pass++) {
      for (int t = 0; t < tasks.length; t++) {
        long start = System.nanoTime();
        tasks[t].call();
        times[t][pass] = (System.nanoTime() - start) / 1e6;
      }
    }
    double[] medians = new double[tasks.length];
    for (int t = 0; t < tasks.length; t++) {
      Arrays.sort(times[t]);
      medians[t] = times[t][PASSES / 2];
    }
    return medians;
  }

  /**
   * The probe's intake from a local publisher (loopback, batches of 10 events, no pacing): one
   * warm-up run, then the median of 3 runs of 20,000 batches, and the gaps seen in all of them.
   */
  private void probeRate() throws Exception {
    io.github.kvchart.aibrix.core.probe.ProbeRate.measure(5_000);
    double[] rates = new double[3];
    long gaps = 0;
    long events = 0;
    for (int i = 0; i < rates.length; i++) {
      var rate = io.github.kvchart.aibrix.core.probe.ProbeRate.measure(20_000);
      rates[i] = rate.eventsPerSecond();
      gaps += rate.gaps();
      events += rate.events();
    }
    Arrays.sort(rates);
    ObjectNode probe = results.putObject("probe");
    probe.put("events_per_s", Math.round(rates[1]));
    probe.put("events", events);
    probe.put("gaps", gaps);
  }

  /**
   * What the plugin adds to a real {@code mvn verify} of a small user project with generate,
   * validate and package, against the same project without the plugin: fresh (no target/) and
   * rebuilt with nothing changed. Medians of 5 interleaved runs. The plugin under test is installed
   * into the local repository first (install-file, as {@code mvn install} would), so the user
   * project resolves exactly the jar this build made.
   */
  private void buildOverhead() throws Exception {
    String mvn = System.getProperty("bench.mvn");
    String jar = System.getProperty("bench.plugin.jar");
    if (mvn == null || jar == null || !Files.exists(Path.of(jar))) {
      results.put("build_overhead", "skipped: no maven or plugin jar (" + mvn + ", " + jar + ")");
      return;
    }
    String version = System.getProperty("bench.plugin.version");
    String install = "org.apache.maven.plugins:maven-install-plugin:3.1.4:install-file";
    Path parentPom = Path.of(System.getProperty("bench.parent.pom"));
    Path pluginPom = Path.of(System.getProperty("bench.plugin.pom"));
    for (String[] file :
        new String[][] {
          {parentPom.toString(), parentPom.toString()}, {jar, pluginPom.toString()}
        }) {
      process(
          List.of(
              mvn,
              "-B",
              "-q",
              "-o",
              "-f",
              parentPom.toString(),
              "-N",
              install,
              "-Dfile=" + file[0],
              "-DpomFile=" + file[1]));
    }
    Path with = userProject("with-plugin", version);
    Path without = userProject("without-plugin", null);
    List<String> verify = List.of(mvn, "-B", "-q", "-o", "verify");
    double[][] fresh = new double[2][5];
    double[][] noop = new double[2][5];
    Path[] projects = {with, without};
    for (int run = 0; run < 5; run++) {
      for (int p = 0; p < 2; p++) {
        deleteTree(projects[p].resolve("target"));
        fresh[p][run] = timed(verify, projects[p]);
        noop[p][run] = timed(verify, projects[p]);
      }
    }
    double freshWith = medianOf(fresh[0]);
    double freshWithout = medianOf(fresh[1]);
    double noopWith = medianOf(noop[0]);
    double noopWithout = medianOf(noop[1]);
    results.put("build_overhead_s", round(freshWith - freshWithout));
    results.put("noop_rebuild_overhead_s", round(noopWith - noopWithout));
    ObjectNode raw = results.putObject("build_s");
    raw.put("fresh_with_plugin", round(freshWith));
    raw.put("fresh_without_plugin", round(freshWithout));
    raw.put("noop_with_plugin", round(noopWith));
    raw.put("noop_without_plugin", round(noopWithout));
  }

  private Path userProject(String name, String pluginVersion) throws Exception {
    Path dir = Files.createDirectories(work.resolve("build-overhead").resolve(name));
    String plugin =
        pluginVersion == null
            ? ""
            : "  <build><plugins><plugin>\n"
                + "    <groupId>io.github.kvchart</groupId>\n"
                + "    <artifactId>aibrix-chart-maven-plugin</artifactId>\n"
                + "    <version>"
                + pluginVersion
                + "</version>\n"
                + "    <executions><execution><goals>\n"
                + "      <goal>generate</goal><goal>validate</goal><goal>package</goal>\n"
                + "    </goals></execution></executions>\n"
                + "  </plugin></plugins></build>\n";
    Files.writeString(
        dir.resolve("pom.xml"),
        "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n"
            + "  <modelVersion>4.0.0</modelVersion>\n"
            + "  <groupId>bench.user</groupId><artifactId>"
            + name
            + "</artifactId>\n"
            + "  <version>1.0.0</version><packaging>pom</packaging>\n"
            + "  <properties><project.build.outputTimestamp>2026-01-01T00:00:00Z"
            + "</project.build.outputTimestamp></properties>\n"
            + plugin
            + "</project>\n");
    return dir;
  }

  private static double timed(List<String> command, Path dir) throws Exception {
    long start = System.nanoTime();
    Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (process.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed in " + dir);
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static double medianOf(double[] runs) {
    double[] sorted = runs.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  private static double median(Callable<?> task) throws Exception {
    return interleaved(task)[0];
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }

  /** The heap's peak use (MB) while {@code work} runs once, after a GC and a reset of the peaks. */
  static long peakHeapMb(Callable<Object> work) throws Exception {
    var pools = java.lang.management.ManagementFactory.getMemoryPoolMXBeans();
    System.gc();
    pools.forEach(java.lang.management.MemoryPoolMXBean::resetPeakUsage);
    work.call();
    long peak = 0;
    for (var pool : pools) {
      if (pool.getType() == java.lang.management.MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak / (1024 * 1024);
  }
}
