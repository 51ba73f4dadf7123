package io.github.kvchart.aibrix.core.validate;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads multi-document YAML into JSON trees with hard limits (aliases, nesting, size), reporting
 * syntax errors and duplicate keys with their line and column instead of failing. Thread-safe.
 */
public final class ManifestParser {
  /** Largest manifest file accepted, in characters. */
  public static final int MAX_CHARS = 16 * 1024 * 1024;

  static final int MAX_ALIASES = 100;
  static final int MAX_DEPTH = 200;

  private final YAMLFactory strict;
  private final YAMLFactory lenient;
  private final ObjectReader strictReader;
  private final ObjectReader lenientReader;

  public ManifestParser() {
    this.strict = factory(true);
    this.lenient = factory(false);
    this.strictReader = new ObjectMapper(strict).readerFor(JsonNode.class);
    this.lenientReader = new ObjectMapper(lenient).readerFor(JsonNode.class);
  }

  private static YAMLFactory factory(boolean duplicateDetection) {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setNestingDepthLimit(MAX_DEPTH);
    options.setCodePointLimit(MAX_CHARS);
    options.setAllowRecursiveKeys(false);
    YAMLFactory factory =
        YAMLFactory.builder()
            .loaderOptions(options)
            .streamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).maxStringLength(MAX_CHARS).build())
            .build();
    if (duplicateDetection) {
      factory.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }
    return factory;
  }

  /** Parses {@code text}; {@code file} is how violations name it. */
  public ParsedFile parse(String file, String text) {
    List<Violation> violations = new ArrayList<>();
    List<JsonNode> roots = new ArrayList<>();
    try {
      read(strictReader, strict, text, roots);
    } catch (JsonProcessingException e) {
      boolean duplicate = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field");
      violations.add(fileViolation(file, roots.size(), e, duplicate));
      if (!duplicate) {
        return new ParsedFile(file, List.of(), violations);
      }
      roots.clear();
      try {
        read(lenientReader, lenient, text, roots);
      } catch (IOException | RuntimeException again) {
        return new ParsedFile(file, List.of(), violations);
      }
    } catch (IOException | RuntimeException | StackOverflowError e) {
      violations.add(new Violation(file, 0, 0, -1, "", "", "", RuleIds.YAML_SYNTAX, Severity.ERROR,
          "cannot be read as YAML: " + oneLine(e.getMessage()),
          "Simplify the file: at most " + MAX_ALIASES + " aliases, " + MAX_DEPTH
              + " levels of nesting and " + MAX_CHARS + " characters."));
      return new ParsedFile(file, List.of(), violations);
    }
    PositionFinder positions = new PositionFinder(lenient, text);
    List<ManifestDocument> documents = new ArrayList<>(roots.size());
    for (int i = 0; i < roots.size(); i++) {
      documents.add(new ManifestDocument(file, i, roots.get(i), positions));
    }
    return new ParsedFile(file, documents, violations);
  }

  private static void read(ObjectReader reader, YAMLFactory factory, String text, List<JsonNode> roots)
      throws IOException {
    try (JsonParser parser = factory.createParser(text);
        MappingIterator<JsonNode> values = reader.readValues(parser)) {
      while (values.hasNextValue()) {
        JsonNode node = values.nextValue();
        roots.add(node == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : node);
      }
    } catch (com.fasterxml.jackson.databind.RuntimeJsonMappingException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw e;
    }
  }

  private static Violation fileViolation(
      String file, int document, JsonProcessingException e, boolean duplicate) {
    JsonLocation location = e.getLocation();
    int line = location == null ? 0 : Math.max(location.getLineNr(), 0);
    int column = location == null ? 0 : Math.max(location.getColumnNr(), 0);
    if (duplicate) {
      return new Violation(file, line, column, document, "", "", "", RuleIds.YAML_DUPLICATE_KEY,
          Severity.ERROR, oneLine(e.getOriginalMessage()).replace("Duplicate field", "duplicate key"),
          "Keep one of the two entries: Kubernetes silently uses the last one.");
    }
    return new Violation(file, line, column, document, "", "", "", RuleIds.YAML_SYNTAX, Severity.ERROR,
        "invalid YAML: " + oneLine(e.getOriginalMessage()), "Correct the YAML syntax at this position.");
  }

  private static String oneLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    String first = message.split("\n", 2)[0].trim();
    return first.length() > 300 ? first.substring(0, 300) + "..." : first;
  }
}
