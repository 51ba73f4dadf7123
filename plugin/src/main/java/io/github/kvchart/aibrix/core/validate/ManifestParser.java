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
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import io.github.kvchart.aibrix.core.manifest.PositionFinder;
import io.github.kvchart.aibrix.core.manifest.RuleIds;
import io.github.kvchart.aibrix.core.manifest.Severity;
import io.github.kvchart.aibrix.core.manifest.Violation;
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
  private final AnchoredYamlReader anchored;

  public ManifestParser() {
    this.anchored = new AnchoredYamlReader(loaderOptions());
    this.strict = factory(true);
    this.lenient = factory(false);
    this.strictReader = new ObjectMapper(strict).readerFor(JsonNode.class);
  }

  private static LoaderOptions loaderOptions() {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setNestingDepthLimit(MAX_DEPTH);
    options.setCodePointLimit(MAX_CHARS);
    options.setAllowRecursiveKeys(false);
    options.setAllowDuplicateKeys(true);
    return options;
  }

  private static YAMLFactory factory(boolean duplicateDetection) {
    YAMLFactory factory =
        YAMLFactory.builder()
            .loaderOptions(loaderOptions())
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(MAX_CHARS)
                    .build())
            // An empty plain value ("args:") is null, as in YAML and for the API server; a quoted
            // '' stays an empty string.
            .enable(com.fasterxml.jackson.dataformat.yaml.YAMLParser.Feature.EMPTY_STRING_AS_NULL)
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
    List<Integer> startLines = new ArrayList<>();
    if (AnchoredYamlReader.hasAnchors(text)) {
      return parseAnchored(file, text);
    }
    try {
      read(strictReader, strict, text, roots, startLines);
    } catch (JsonProcessingException e) {
      boolean duplicate =
          e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field");
      if (duplicate) {
        // The node-level reader reports every duplicate key of every document, not only the first.
        return parseAnchored(file, text);
      }
      violations.add(fileViolation(file, roots.size(), e));
      return new ParsedFile(file, List.of(), violations);
    } catch (IOException | RuntimeException | StackOverflowError e) {
      violations.add(
          unreadable(
              file,
              e,
              MAX_ALIASES
                  + " aliases, "
                  + MAX_DEPTH
                  + " levels of nesting and "
                  + MAX_CHARS
                  + " characters"));
      return new ParsedFile(file, List.of(), violations);
    }
    return new ParsedFile(file, documents(file, text, roots, startLines), violations);
  }

  /** The slower path for files with anchors: SnakeYAML resolves aliases and merge keys. */
  private ParsedFile parseAnchored(String file, String text) {
    List<Violation> violations = new ArrayList<>();
    List<AnchoredYamlReader.Duplicate> duplicates = new ArrayList<>();
    List<JsonNode> roots;
    try {
      roots = anchored.read(text, duplicates);
    } catch (org.yaml.snakeyaml.error.MarkedYAMLException e) {
      org.yaml.snakeyaml.error.Mark mark =
          e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      violations.add(
          Violation.inFile(
              file,
              mark == null ? 0 : mark.getLine() + 1,
              mark == null ? 0 : mark.getColumn() + 1,
              RuleIds.YAML_SYNTAX,
              "invalid YAML: " + oneLine(e.getProblem()) + ".",
              "Correct the YAML syntax at this position."));
      return new ParsedFile(file, List.of(), violations);
    } catch (RuntimeException | StackOverflowError e) {
      violations.add(
          unreadable(file, e, MAX_ALIASES + " aliases, " + MAX_DEPTH + " levels of nesting"));
      return new ParsedFile(file, List.of(), violations);
    }
    for (AnchoredYamlReader.Duplicate duplicate : duplicates) {
      violations.add(
          duplicateKey(
              file, duplicate.line(), duplicate.column(), duplicate.document(), duplicate.key()));
    }
    return new ParsedFile(file, documents(file, text, roots, null), violations);
  }

  /**
   * The documents of a file, sharing one position finder over its text; {@code startLines} (each
   * document's first line, as the parse found them) or null to find them when needed.
   */
  private List<ManifestDocument> documents(
      String file, String text, List<JsonNode> roots, List<Integer> startLines) {
    PositionFinder positions =
        startLines == null || startLines.size() != roots.size()
            ? new PositionFinder(lenient, text)
            : new PositionFinder(
                lenient, text, startLines.stream().mapToInt(Integer::intValue).toArray());
    List<ManifestDocument> documents = new ArrayList<>(roots.size());
    for (int i = 0; i < roots.size(); i++) {
      documents.add(new ManifestDocument(file, i, roots.get(i), positions));
    }
    return documents;
  }

  private static Violation duplicateKey(
      String file, int line, int column, int document, String key) {
    return new Violation(
        file,
        line,
        column,
        document,
        "",
        "",
        "",
        RuleIds.YAML_DUPLICATE_KEY,
        Severity.ERROR,
        "duplicate key '" + key + "'.",
        "Keep one of the two entries: kubectl apply (strict field validation) and kustomize refuse a"
            + " duplicate key, and other tools silently keep the last one.");
  }

  /** A file the parser gave up on (a limit was hit), with how to simplify it. */
  private static Violation unreadable(String file, Throwable e, String limits) {
    return Violation.inFile(
        file,
        0,
        0,
        RuleIds.YAML_SYNTAX,
        "cannot be read as YAML: " + oneLine(e.getMessage()),
        "Simplify the file: at most " + limits + ".");
  }

  private static void read(
      ObjectReader reader,
      YAMLFactory factory,
      String text,
      List<JsonNode> roots,
      List<Integer> startLines)
      throws IOException {
    try (JsonParser parser = factory.createParser(text);
        MappingIterator<JsonNode> values = reader.readValues(parser)) {
      while (values.hasNextValue()) {
        startLines.add(parser.currentTokenLocation().getLineNr());
        JsonNode node = values.nextValue();
        boolean empty =
            node == null || node.isMissingNode() || (node.isTextual() && node.asText().isEmpty());
        roots.add(empty ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : node);
      }
    } catch (com.fasterxml.jackson.databind.RuntimeJsonMappingException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw e;
    }
  }

  private static Violation fileViolation(String file, int document, JsonProcessingException e) {
    JsonLocation location = e.getLocation();
    int line = location == null ? 0 : Math.max(location.getLineNr(), 0);
    int column = location == null ? 0 : Math.max(location.getColumnNr(), 0);
    String problem = oneLine(e.getOriginalMessage());
    if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked) {
      problem = oneLine(marked.getProblem());
      if (marked.getContext() != null && marked.getContextMark() != null) {
        problem +=
            " ("
                + oneLine(marked.getContext())
                + " that starts at line "
                + (marked.getContextMark().getLine() + 1)
                + ", column "
                + (marked.getContextMark().getColumn() + 1)
                + ")";
      }
    }
    return new Violation(
        file,
        line,
        column,
        document,
        "",
        "",
        "",
        RuleIds.YAML_SYNTAX,
        Severity.ERROR,
        "invalid YAML: " + problem + ".",
        "Correct the YAML syntax at this position.");
  }

  private static String oneLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    String first = message.split("\n", 2)[0].trim();
    return first.length() > 300 ? first.substring(0, 300) + "..." : first;
  }
}
