package io.github.kvchart.aibrix.core.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kvchart.aibrix.core.AtomicFiles;
import io.github.kvchart.aibrix.core.Fingerprint;
import io.github.kvchart.aibrix.core.InvalidInputException;
import io.github.kvchart.aibrix.core.Json;
import io.github.kvchart.aibrix.core.helm.ChartFiles;
import io.github.kvchart.aibrix.core.manifest.Violation;
import io.github.kvchart.aibrix.core.manifest.ViolationJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The verdict on a chart (lint, every rendering, schemas and contract), kept under a directory and
 * reused while nothing it depends on changed: {@code package} and {@code validate} check the same
 * chart in one build, and a rebuild with nothing changed checks it again. The key is a SHA-256 over
 * the chart's files (paths and bytes), how the chart is named in reports, the plugin's code, the
 * contract, the rule levels, the Kubernetes minor, the AIBrix release and installation. A verdict
 * that cannot be read is not used.
 */
final class ChartVerdicts {
  /** Verdicts kept; older ones are removed when a new one is stored. */
  static final int KEPT = 32;

  /** A stored verdict: the chart's raw violations (before rule levels) and its documents. */
  record Verdict(List<Violation> violations, List<DocumentSummary> documents) {}

  private ChartVerdicts() {}

  static String key(Path chart, String display, ValidateRequest request, String minor, String crds)
      throws IOException, InvalidInputException {
    Fingerprint key =
        Fingerprint.of()
            .value("display", display)
            .value("minor", minor)
            // Unset and the default mean the same: the newest release, any installation.
            .value(
                "aibrixVersion",
                blank(request.aibrixVersion()) ? "" : request.aibrixVersion().trim())
            .value(
                "installation",
                blank(request.aibrixInstallation()) ? "any" : request.aibrixInstallation().trim())
            .value("rules", blank(request.rules()) ? "" : request.rules().trim())
            .file("contract", request.contractFile())
            .value("crds", crds);
    for (Map.Entry<String, Path> file : ChartFiles.of(chart).files().entrySet()) {
      key.file(file.getKey(), file.getValue());
    }
    return key.hex();
  }

  static Optional<Verdict> load(Path directory, String key) {
    Path file = directory.resolve(key + ".json");
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(read(Json.read(Files.readString(file, StandardCharsets.UTF_8))));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  static void store(Path directory, String key, Verdict verdict) {
    try {
      Files.createDirectories(directory);
      AtomicFiles.write(
          directory.resolve(key + ".json"),
          Json.compact(tree(verdict)).getBytes(StandardCharsets.UTF_8));
      List<Path> all = new ArrayList<>();
      try (var files = Files.list(directory)) {
        files.filter(f -> f.getFileName().toString().endsWith(".json")).forEach(all::add);
      }
      all.sort(Comparator.comparing(ChartVerdicts::modified).reversed());
      for (Path old : all.subList(Math.min(KEPT, all.size()), all.size())) {
        Files.deleteIfExists(old);
      }
    } catch (IOException | RuntimeException e) {
      // a verdict that is not kept is checked again next time
    }
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }

  private static long modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }

  private static JsonNode tree(Verdict verdict) {
    ObjectNode root = Json.object();
    ArrayNode violations = root.putArray("violations");
    for (Violation v : verdict.violations()) {
      ViolationJson.write(violations.addObject(), v);
    }
    ArrayNode documents = root.putArray("documents");
    for (DocumentSummary d : verdict.documents()) {
      documents
          .addObject()
          .put("file", d.file())
          .put("index", d.index())
          .put("kind", d.kind())
          .put("name", d.name());
    }
    return root;
  }

  /** The verdict a {@link #tree} wrote; anything else is an IllegalArgumentException. */
  private static Verdict read(JsonNode root) {
    List<Violation> violations = new ArrayList<>();
    for (JsonNode v : array(root, "violations")) {
      violations.add(ViolationJson.read(v));
    }
    List<DocumentSummary> documents = new ArrayList<>();
    for (JsonNode d : array(root, "documents")) {
      documents.add(
          new DocumentSummary(
              ViolationJson.text(d, "file"),
              ViolationJson.number(d, "index"),
              ViolationJson.text(d, "kind"),
              ViolationJson.text(d, "name")));
    }
    return new Verdict(List.copyOf(violations), List.copyOf(documents));
  }

  private static JsonNode array(JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (!value.isArray()) {
      throw new IllegalArgumentException("no array " + field);
    }
    return value;
  }
}
