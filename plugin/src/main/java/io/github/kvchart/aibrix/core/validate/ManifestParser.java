package io.github.kvchart.aibrix.core.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvchart.aibrix.core.manifest.ManifestDocument;
import io.github.kvchart.aibrix.core.manifest.PositionFinder;
import io.github.kvchart.aibrix.core.manifest.RuleIds;
import io.github.kvchart.aibrix.core.manifest.Severity;
import io.github.kvchart.aibrix.core.manifest.Violation;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads multi-document YAML into JSON trees through the one front end ({@link YamlTreeReader}),
 * with hard limits (aliases, nesting, size), reporting syntax errors and every duplicate key with
 * its line and column instead of failing. Thread-safe.
 */
public final class ManifestParser {
  /** Largest manifest file accepted, in characters. */
  public static final int MAX_CHARS = 16 * 1024 * 1024;

  static final int MAX_ALIASES = 100;
  static final int MAX_DEPTH = 200;

  private final LoaderOptions options = loaderOptions();
  private final YamlTreeReader reader = new YamlTreeReader(options);

  static LoaderOptions loaderOptions() {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setNestingDepthLimit(MAX_DEPTH);
    options.setCodePointLimit(MAX_CHARS);
    options.setAllowRecursiveKeys(false);
    options.setAllowDuplicateKeys(true);
    return options;
  }

  /** Parses {@code text}; {@code file} is how violations name it. */
  public ParsedFile parse(String file, String text) {
    List<Violation> violations = new ArrayList<>();
    List<YamlTreeReader.Duplicate> duplicates = new ArrayList<>();
    List<Integer> startLines = new ArrayList<>();
    List<JsonNode> roots;
    try {
      roots = reader.read(text, duplicates, startLines);
    } catch (org.yaml.snakeyaml.error.MarkedYAMLException e) {
      org.yaml.snakeyaml.error.Mark mark =
          e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String problem = oneLine(e.getProblem());
      if (e.getContext() != null && e.getContextMark() != null && e.getProblemMark() != null) {
        problem +=
            " ("
                + oneLine(e.getContext())
                + " that starts at line "
                + (e.getContextMark().getLine() + 1)
                + ", column "
                + (e.getContextMark().getColumn() + 1)
                + ")";
      }
      violations.add(
          Violation.inFile(
              file,
              mark == null ? 0 : mark.getLine() + 1,
              mark == null ? 0 : mark.getColumn() + 1,
              RuleIds.YAML_SYNTAX,
              "invalid YAML: " + problem + ".",
              "Correct the YAML syntax at this position."));
      return new ParsedFile(file, List.of(), violations);
    } catch (YamlTreeReader.BadKey e) {
      violations.add(
          Violation.inFile(
              file,
              e.line,
              e.column,
              RuleIds.YAML_SYNTAX,
              "invalid YAML for Kubernetes: " + e.getMessage() + ", which JSON cannot hold.",
              text.contains("{{")
                  ? "This looks like a Helm template: validate the chart (its folder) instead."
                  : "Write the key as a plain string, quoted if needed."));
      return new ParsedFile(file, List.of(), violations);
    } catch (RuntimeException | StackOverflowError e) {
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
    for (YamlTreeReader.Duplicate duplicate : duplicates) {
      violations.add(
          duplicateKey(
              file, duplicate.line(), duplicate.column(), duplicate.document(), duplicate.key()));
    }
    return new ParsedFile(file, documents(file, text, roots, startLines), violations);
  }

  /**
   * The documents of a file, sharing one position finder over its text and each document's first
   * line as the parse found it.
   */
  private List<ManifestDocument> documents(
      String file, String text, List<JsonNode> roots, List<Integer> startLines) {
    PositionFinder finder =
        new PositionFinder(
            options, text, startLines.stream().mapToInt(Integer::intValue).toArray());
    List<ManifestDocument> documents = new ArrayList<>(roots.size());
    for (int i = 0; i < roots.size(); i++) {
      JsonNode root = roots.get(i);
      boolean empty = root == null || (root.isTextual() && root.asText().isEmpty());
      documents.add(
          new ManifestDocument(
              file,
              i,
              empty ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : root,
              finder));
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

  private static String oneLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    String first = message.split("\n", 2)[0].trim();
    return first.length() > 300 ? first.substring(0, 300) + "..." : first;
  }
}
