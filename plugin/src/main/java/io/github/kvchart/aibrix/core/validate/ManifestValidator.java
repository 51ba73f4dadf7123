package io.github.kvchart.aibrix.core.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.BuildLog;
import io.github.kvchart.aibrix.core.InvalidInputException;
import io.github.kvchart.aibrix.core.Json;
import io.github.kvchart.aibrix.core.Parallel;
import io.github.kvchart.aibrix.core.SourceLocation;
import io.github.kvchart.aibrix.core.contract.KvContract;
import io.github.kvchart.aibrix.core.contract.RuleSettings;
import io.github.kvchart.aibrix.core.contract.rules.ContractChecker;
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import io.github.kvchart.aibrix.core.manifest.RuleIds;
import io.github.kvchart.aibrix.core.manifest.Severity;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole {@code validate} job: expand the sources, read each file once, check every document
 * against its schema (files in parallel), and return the violations in a deterministic order.
 */
public final class ManifestValidator {
  private final ManifestParser parser = new ManifestParser();

  /** The outcome of one file: its violations and documents. */
  record FileOutcome(
      List<Violation> violations,
      List<DocumentSummary> documents,
      List<ManifestDocument> parsed,
      boolean skipped) {

    FileOutcome(
        List<Violation> violations,
        List<DocumentSummary> documents,
        List<ManifestDocument> parsed) {
      this(violations, documents, parsed, false);
    }

    /** A file (or rendering) that could not be looked into: one violation, no documents. */
    static FileOutcome failed(Violation violation) {
      return new FileOutcome(List.of(violation), List.of(), List.of());
    }
  }

  public ValidationResult validate(ValidateRequest request, BuildLog log)
      throws InvalidInputException {
    long start = System.nanoTime();
    List<CrdSchema> crds = new ArrayList<>();
    SourceSet crdFiles =
        SourceSet.expand(request.baseDir(), request.crds(), List.of(), request.excludes());
    for (Path crd : crdFiles.files()) {
      crds.addAll(
          CrdSchemaReader.read(
              parser.parse(crdFiles.display(crd), readText(crd, crdFiles.display(crd)))));
    }
    if (!crdFiles.files().isEmpty() && crds.isEmpty()) {
      throw new InvalidInputException(
          null,
          "aibrix-chart.crds names "
              + crdFiles.files().size()
              + " file(s) but none holds a CustomResourceDefinition with an openAPIV3Schema.",
          "Pass CRD files (kind: CustomResourceDefinition, apiextensions.k8s.io/v1) or their"
              + " folder to aibrix-chart.crds.");
    }
    SchemaCatalog catalog = SchemaCatalog.of(request.kubernetesVersion(), crds);
    KvContract contract =
        request.contractFile() == null
            ? KvContract.builtIn()
            : KvContract.load(request.contractFile());
    RuleSettings settings = RuleSettings.parse(request.rules(), knownRules());
    ContractChecker contractChecker =
        new ContractChecker(
            contract,
            settings,
            KvContract.aibrixRelease(request.aibrixVersion()),
            installation(contract, request.aibrixInstallation()),
            request.threads());
    SourceSet sources =
        SourceSet.expand(
            request.baseDir(), request.sources(), request.includes(), request.excludes());
    for (SourceSet.EmptyFolder empty : sources.emptyFolders()) {
      log.warn(
          empty.display()
              + ": no file in it matches the includes ("
              + String.join(",", sources.includes())
              + "), so nothing there is validated."
              + (empty.jsonFiles() > 0
                  ? " It holds "
                      + empty.jsonFiles()
                      + " .json file(s): add **/*.json to aibrix-chart.includes (--includes) to"
                      + " validate them."
                  : ""));
    }
    java.util.Map<String, String> hints = new java.util.LinkedHashMap<>();
    contract
        .podAutoscalerFields()
        .forEach((field, fix) -> hints.put("PodAutoscaler." + field, fix));
    SchemaCheck schemaCheck = new SchemaCheck(catalog, hints);
    String crdDigest =
        crds.stream()
            .map(c -> c.apiVersion() + c.kind() + Json.compact(c.schema()))
            .toList()
            .toString();
    // Kept verdicts first: a chart that needs Helm starts Helm's native load now, in the
    // background, so that it overlaps the plain files' parsing and checking.
    java.util.Map<Path, String> keys = new java.util.HashMap<>();
    java.util.Map<Path, ChartVerdicts.Verdict> keptVerdicts = new java.util.HashMap<>();
    for (Path chart : sources.charts()) {
      String key = null;
      if (request.verdictCache() != null) {
        try {
          key =
              ChartVerdicts.key(
                  chart, sources.display(chart), request, catalog.kubernetesVersion(), crdDigest);
        } catch (IOException | InvalidInputException e) {
          key = null; // the chart check reports what is wrong with the chart
        }
      }
      keys.put(chart, key);
      java.util.Optional<ChartVerdicts.Verdict> kept =
          key == null
              ? java.util.Optional.empty()
              : ChartVerdicts.load(request.verdictCache(), key);
      if (kept.isPresent()) {
        keptVerdicts.put(chart, kept.get());
      } else {
        io.github.kvchart.aibrix.core.helm.EmbeddedHelm.warmUpInBackground();
      }
    }
    java.util.Set<Path> patches = NotManifests.kustomizePatches(parser, sources.files());
    List<FileOutcome> outcomes = checkFiles(sources, schemaCheck, request.threads(), patches);

    List<Violation> violations = new ArrayList<>();
    List<String> files = new ArrayList<>();
    List<DocumentSummary> documents = new ArrayList<>();
    List<ManifestDocument> plain = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    List<Path> sourceFiles = sources.files();
    for (int i = 0; i < outcomes.size(); i++) {
      files.add(sources.display(sourceFiles.get(i)));
      if (outcomes.get(i).skipped()) {
        skipped.add(sources.display(sourceFiles.get(i)));
      }
      violations.addAll(outcomes.get(i).violations());
      documents.addAll(outcomes.get(i).documents());
      plain.addAll(outcomes.get(i).parsed());
    }
    violations.addAll(contractChecker.check(plain));
    for (Path chart : sources.charts()) {
      String display = sources.display(chart);
      files.add(display);
      String key = keys.get(chart);
      java.util.Optional<ChartVerdicts.Verdict> kept =
          java.util.Optional.ofNullable(keptVerdicts.get(chart));
      if (kept.isPresent()) {
        log.info(
            "Chart "
                + display
                + ": verdict reused (chart, plugin, contract, rules and Kubernetes version unchanged).");
        violations.addAll(kept.get().violations());
        documents.addAll(kept.get().documents());
        continue;
      }
      List<Violation> chartViolations = new ArrayList<>();
      List<DocumentSummary> chartDocuments = new ArrayList<>();
      for (List<FileOutcome> rendering : new ChartCheck(this, schemaCheck).check(chart, display)) {
        List<ManifestDocument> rendered = new ArrayList<>();
        for (FileOutcome outcome : rendering) {
          chartViolations.addAll(outcome.violations());
          chartDocuments.addAll(outcome.documents());
          rendered.addAll(outcome.parsed());
        }
        chartViolations.addAll(contractChecker.check(rendered));
      }
      violations.addAll(chartViolations);
      documents.addAll(chartDocuments);
      if (key != null) {
        ChartVerdicts.store(
            request.verdictCache(),
            key,
            new ChartVerdicts.Verdict(chartViolations, chartDocuments));
      }
    }
    violations = applyLevels(violations, settings);
    violations.sort(Violation.ORDER);
    String notice = io.github.kvchart.aibrix.core.helm.HelmEnvironment.takeNotice();
    if (notice != null) {
      log.info(notice);
    }
    log.debug(
        "Schemas compiled: "
            + catalog.compilations()
            + " (Kubernetes "
            + catalog.kubernetesVersion()
            + ")");
    return new ValidationResult(
        List.copyOf(violations),
        files,
        documents,
        (System.nanoTime() - start) / 1_000_000,
        catalog.compilations(),
        List.copyOf(skipped));
  }

  /** Every rule id users can configure: the schema rules and the contract rules. */
  public static java.util.Set<String> knownRules() {
    return new java.util.TreeSet<>(RuleRegistry.all().keySet());
  }

  private static List<Violation> applyLevels(List<Violation> violations, RuleSettings settings) {
    List<Violation> kept = new ArrayList<>(violations.size());
    for (Violation violation : violations) {
      Severity severity = settings.severity(violation.rule(), violation.severity());
      if (severity != null) {
        kept.add(severity == violation.severity() ? violation : violation.withSeverity(severity));
      }
    }
    return kept;
  }

  private static String installation(KvContract contract, String id) throws InvalidInputException {
    if (id == null || id.isBlank() || id.equals("any")) {
      return null;
    }
    if (contract.installation(id) == null) {
      throw new InvalidInputException(
          null,
          "aibrix-chart.aibrixInstallation '" + id + "' is not an installation the contract knows.",
          "Use any, or one of: "
              + String.join(", ", contract.aibrix().installations().keySet())
              + ".");
    }
    return id;
  }

  private List<FileOutcome> checkFiles(
      SourceSet sources, SchemaCheck check, int threads, java.util.Set<Path> patches)
      throws InvalidInputException {
    List<Path> files = sources.files();
    java.util.function.Predicate<Path> partial =
        file -> patches.contains(file.toAbsolutePath().normalize());
    return Parallel.map(
        files,
        threads,
        "aibrix-chart-validate",
        file -> checkFile(file, sources.display(file), check, partial.test(file)));
  }

  /** Reads, parses and schema-checks one file ({@code partial}: a patch, see kustomizePatches). */
  FileOutcome checkFile(Path file, String display, SchemaCheck check, boolean partial) {
    String text;
    try {
      text = readText(file, display);
    } catch (InvalidInputException e) {
      Violation unreadable =
          Violation.inFile(display, 0, 0, RuleIds.YAML_SYNTAX, e.problem(), e.fix());
      return FileOutcome.failed(unreadable);
    }
    if (text.isBlank()) {
      return new FileOutcome(List.of(), List.of(), List.of(), true);
    }
    return checkText(display, text, check, partial, NotManifests.byName(file));
  }

  /** Parses and schema-checks YAML text that {@code display} names. */
  FileOutcome checkText(String display, String text, SchemaCheck check) {
    return checkText(display, text, check, false, false);
  }

  /**
   * Parses YAML text and schema-checks its Kubernetes objects. A document with neither apiVersion
   * nor kind (a values file, a Chart.yaml) and every document of {@code notManifest} are only
   * parsed: a syntax error or duplicate key is still an error. A file none of whose documents is an
   * object to check is skipped.
   */
  private FileOutcome checkText(
      String display, String text, SchemaCheck check, boolean partial, boolean notManifest) {
    ParsedFile parsed = parser.parse(display, text);
    List<Violation> violations = new ArrayList<>(parsed.violations());
    List<DocumentSummary> documents = new ArrayList<>();
    for (ManifestDocument document : parsed.documents()) {
      JsonNode root = document.root();
      if (root.isNull()
          || notManifest
          || NotManifests.isJsonPatch(root)
          || (root.isObject() && !root.has("apiVersion") && !root.has("kind"))
          || document.apiVersion().startsWith("kustomize.config.k8s.io/")) {
        continue;
      }
      documents.add(
          new DocumentSummary(display, document.index(), document.kind(), document.name()));
      violations.addAll(check.check(document, partial));
    }
    if (documents.isEmpty()) {
      return new FileOutcome(violations, documents, List.of(), true);
    }
    List<ManifestDocument> kept = new ArrayList<>();
    for (ManifestDocument document : parsed.documents()) {
      if (check.isList(document)) {
        // The items the API server would create (kubectl get -o yaml writes a List), sharing one
        // copy of the List's lines.
        for (ManifestDocument item : check.objects(document.compact())) {
          if (io.github.kvchart.aibrix.core.contract.ManifestSet.needs(item)) {
            kept.add(item);
          }
        }
      } else if (io.github.kvchart.aibrix.core.contract.ManifestSet.needs(document)) {
        kept.add(document.compact());
      }
    }
    return new FileOutcome(violations, documents, kept);
  }

  /** A file's text: at most {@link ManifestParser#MAX_CHARS} bytes of valid UTF-8. */
  static String readText(Path file, String display) throws InvalidInputException {
    try {
      long size = Files.size(file);
      if (size > ManifestParser.MAX_CHARS) {
        throw new InvalidInputException(
            SourceLocation.ofFile(display),
            "is "
                + size
                + " bytes; the limit for one manifest file is "
                + ManifestParser.MAX_CHARS
                + ".",
            "Split the file, or exclude it with aibrix-chart excludes.");
      }
      return io.github.kvchart.aibrix.core.Utf8.decode(Files.readAllBytes(file));
    } catch (CharacterCodingException e) {
      throw new InvalidInputException(
          SourceLocation.ofFile(display),
          "is not valid UTF-8 text.",
          "Save it as UTF-8, or exclude it.",
          e);
    } catch (IOException e) {
      throw new InvalidInputException(
          SourceLocation.ofFile(display),
          "cannot be read: " + e.getMessage(),
          "Check its permissions.",
          e);
    }
  }
}
