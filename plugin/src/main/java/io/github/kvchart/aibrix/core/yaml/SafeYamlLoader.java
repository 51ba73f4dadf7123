package io.github.kvchart.aibrix.core.yaml;

import io.github.kvchart.aibrix.core.InvalidInputException;
import io.github.kvchart.aibrix.core.SourceLocation;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads one YAML document into a SnakeYAML node tree (which keeps line numbers) with hard limits on
 * size, aliases and nesting, so hostile input gives a clear error instead of a crash.
 */
public final class SafeYamlLoader {
  /** Largest input accepted, in bytes. */
  public static final long MAX_BYTES = 8L * 1024 * 1024;

  private static final int MAX_ALIASES = 50;
  private static final int MAX_NESTING = 64;

  private SafeYamlLoader() {}

  /** Reads {@code file}; {@code displayName} is how errors name it. */
  public static Node load(Path file, String displayName) throws InvalidInputException {
    return parse(readText(file, displayName), displayName);
  }

  /**
   * Reads {@code file} as plain data (maps, lists, strings, numbers), within the same limits; for
   * files such as Chart.yaml and index.yaml.
   */
  public static Object loadData(Path file, String displayName) throws InvalidInputException {
    return loadText(readText(file, displayName), displayName);
  }

  /**
   * {@link #loadData} for text already in memory: SnakeYAML's safe constructor over the nodes
   * {@link #parse} reads (the short way when it can), so data and node trees come from one reader.
   */
  public static Object loadText(String text, String displayName) throws InvalidInputException {
    try {
      return new DataConstructor(options()).data(singleNode(text));
    } catch (MarkedYAMLException e) {
      throw syntaxError(e, displayName);
    } catch (YAMLException | StackOverflowError e) {
      throw tooComplex(e, displayName);
    }
  }

  /** SnakeYAML's safe constructor, given a node tree instead of a composer. */
  private static final class DataConstructor
      extends org.yaml.snakeyaml.constructor.SafeConstructor {
    DataConstructor(LoaderOptions options) {
      super(options);
      // What a Yaml instance sets on its constructor from the options.
      setAllowDuplicateKeys(options.isAllowDuplicateKeys());
      setWarnOnDuplicateKeys(options.isWarnOnDuplicateKeys());
      setWrappedToRootException(options.isWrappedToRootException());
    }

    /** What {@code Yaml.load} returns for a document read as {@code node} (null: empty). */
    Object data(Node node) {
      return node == null || Tag.NULL.equals(node.getTag()) ? null : constructDocument(node);
    }
  }

  /** A syntax error, located where SnakeYAML found it. */
  private static InvalidInputException syntaxError(MarkedYAMLException e, String displayName) {
    Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
    SourceLocation at =
        mark == null
            ? SourceLocation.ofFile(displayName)
            : new SourceLocation(displayName, mark.getLine() + 1, mark.getColumn() + 1);
    return new InvalidInputException(
        at, "is not valid YAML: " + firstLine(e.getProblem()) + ".", "Correct the YAML syntax.", e);
  }

  /** A file that hit a limit (aliases, nesting, size), with how to simplify it. */
  private static InvalidInputException tooComplex(Throwable e, String displayName) {
    return new InvalidInputException(
        SourceLocation.ofFile(displayName),
        "cannot be read as YAML: " + firstLine(e.getMessage()) + ".",
        "Simplify the file: no more than "
            + MAX_ALIASES
            + " aliases and "
            + MAX_NESTING
            + " levels of nesting.",
        e);
  }

  private static LoaderOptions options() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setNestingDepthLimit(MAX_NESTING);
    options.setCodePointLimit((int) MAX_BYTES);
    options.setAllowRecursiveKeys(false);
    return options;
  }

  private static String readText(Path file, String displayName) throws InvalidInputException {
    SourceLocation where = SourceLocation.ofFile(displayName);
    byte[] bytes;
    try {
      if (Files.isDirectory(file)) {
        throw new InvalidInputException(
            where, "is a directory, not a YAML file.", "Point the parameter at a file.");
      }
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new InvalidInputException(
            where,
            "is " + size + " bytes; the limit is " + MAX_BYTES + " bytes.",
            "Split the file or remove what is not a model description.");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(
          where, "does not exist.", "Check the path, or leave the parameter unset.", e);
    } catch (IOException e) {
      throw new InvalidInputException(
          where, "cannot be read: " + e.getMessage() + ".", "Check its permissions.", e);
    }
    return decode(bytes, where);
  }

  /**
   * SnakeYAML's composer over {@code text}: the node trees {@code Yaml.compose} and {@code
   * Yaml.composeAll} return, without setting up the constructor and representer a {@code Yaml}
   * instance builds (they cost a cold run tens of milliseconds, and a node tree needs neither).
   */
  public static Composer composer(String text, LoaderOptions options) {
    return new Composer(
        new ParserImpl(new StreamReader(new StringReader(text)), options),
        new WordResolver(),
        options);
  }

  /**
   * Every document of {@code text} as the composer would read it with {@code options} (with
   * positions), or null when the short way ({@link BlockYaml}) cannot read the text and the
   * composer must.
   */
  public static List<Node> shortWay(String text, LoaderOptions options) {
    return NodeTrees.all(text, options.getNestingDepthLimit(), options.getCodePointLimit());
  }

  /** Read-only once built (its tables are filled by the constructor), so threads share it. */
  private static final WordResolver RESOLVER = new WordResolver();

  /** The tag SnakeYAML's composer gives a plain scalar written as {@code value}. */
  public static Tag resolve(String value) {
    return RESOLVER.resolve(NodeId.scalar, value, true);
  }

  /**
   * SnakeYAML's YAML 1.1 resolver with its answer for most scalars found without a regular
   * expression. SnakeYAML picks its patterns by the first character, and no pattern applies to a
   * non-empty value whose first character none of them starts with, so:
   *
   * <ul>
   *   <li>a value that starts with an ASCII letter is a string unless it may be one of the words
   *       for booleans (yes, no, true, false, on, off, in their three spellings) or null, which
   *       start with y, n, t, f or o and have at most five letters;
   *   <li>a value that starts with a character no pattern starts with (a slash, a quote, a
   *       non-ASCII letter, ...; not a space, which null's pattern takes alone) is a string;
   *   <li>a sign not followed by a digit or a point ({@code --kv-events-config}) is a string: the
   *       numbers' patterns need one of them after the sign;
   *   <li>digits without a leading zero (a port, a count) are an integer, as the integer pattern,
   *       tried first, says for up to 1,024 characters.
   * </ul>
   *
   * Every other value goes to SnakeYAML's patterns. The resolver runs for every key and value, and
   * its patterns were a fifth of parsing; {@code WordResolverTest} compares the two on every kind
   * of value.
   */
  static final class WordResolver extends Resolver {
    private static final String MAY_BE_WORD = "yYnNtTfFoO";
    private static final int LONGEST_WORD = 5;

    /**
     * The non-letters SnakeYAML's patterns start with; a space too, as null's pattern (which also
     * takes a lone space) is tried for every first character.
     */
    private static final String PATTERN_STARTS = "-+.0123456789<~!&* \0";

    /** SnakeYAML's length limit for its integer and float patterns. */
    private static final int NUMBER_LIMIT = 1024;

    @Override
    public Tag resolve(NodeId kind, String value, boolean implicit) {
      if (kind == NodeId.scalar && implicit && !value.isEmpty()) {
        char first = value.charAt(0);
        boolean letter = (first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z');
        if (letter) {
          if (value.length() > LONGEST_WORD || MAY_BE_WORD.indexOf(first) < 0) {
            return Tag.STR;
          }
        } else if (PATTERN_STARTS.indexOf(first) < 0) {
          return Tag.STR;
        } else if (first == '-' || first == '+') {
          if (value.length() == 1 || !digitOrPoint(value.charAt(1))) {
            return Tag.STR;
          }
        } else if (first >= '1' && first <= '9' && allDigits(value)) {
          return value.length() <= NUMBER_LIMIT ? Tag.INT : Tag.STR;
        }
      }
      return super.resolve(kind, value, implicit);
    }

    private static boolean digitOrPoint(char c) {
      return (c >= '0' && c <= '9') || c == '.';
    }

    private static boolean allDigits(String value) {
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c < '0' || c > '9') {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * Parses YAML text; {@code displayName} is how errors name it. Plain block YAML takes the short
   * way ({@link BlockYaml}), everything else SnakeYAML's composer.
   */
  public static Node parse(String text, String displayName) throws InvalidInputException {
    try {
      Node node = singleNode(text);
      if (node == null) {
        throw new InvalidInputException(
            SourceLocation.ofFile(displayName),
            "is empty.",
            "Describe at least one model under 'models:' (see README, 'Models file').");
      }
      return node;
    } catch (MarkedYAMLException e) {
      throw syntaxError(e, displayName);
    } catch (YAMLException e) {
      throw tooComplex(e, displayName);
    } catch (StackOverflowError e) {
      throw new InvalidInputException(
          SourceLocation.ofFile(displayName),
          "is nested too deeply to read.",
          "Keep the nesting under " + MAX_NESTING + " levels.");
    }
  }

  /**
   * The one document of {@code text} (null: none), read the short way when it can be, else by
   * SnakeYAML's composer, which also reports what is wrong with it.
   */
  private static Node singleNode(String text) {
    Node shortWay = NodeTrees.single(text, MAX_NESTING, (int) MAX_BYTES);
    return shortWay != null ? shortWay : composer(text, options()).getSingleNode();
  }

  private static String decode(byte[] bytes, SourceLocation where) throws InvalidInputException {
    try {
      return io.github.kvchart.aibrix.core.Utf8.decode(bytes);
    } catch (CharacterCodingException e) {
      throw new InvalidInputException(
          where, "is not valid UTF-8 text.", "Save the file as UTF-8.", e);
    }
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "unknown error";
    }
    int newline = text.indexOf('\n');
    return (newline < 0 ? text : text.substring(0, newline)).trim();
  }
}
