package io.github.kvchart.aibrix.core.manifest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Finds the line and column of a node in a YAML file, by JSON pointer, with a second scan of the
 * file's tokens. It runs only for documents that have a violation, so a clean file costs nothing. A
 * member is located at its key, an array element at its first token.
 */
public final class PositionFinder {
  private final Supplier<YAMLFactory> factory;
  private final String text;
  private final int firstDocument;
  private final int lineOffset;
  private int[] documentLines;

  /**
   * A finder that already knows each document's first line (1-based), as a parse found them; the
   * factory is asked for only when a position is looked up.
   */
  public PositionFinder(Supplier<YAMLFactory> factory, String text, int[] documentLines) {
    this(factory, text, 0, 0);
    this.documentLines = documentLines.clone();
  }

  private PositionFinder(
      Supplier<YAMLFactory> factory, String text, int firstDocument, int lineOffset) {
    this.factory = factory;
    this.text = text;
    this.firstDocument = firstDocument;
    this.lineOffset = lineOffset;
  }

  /**
   * A finder for document {@code document} alone, holding only that document's lines (so a kept
   * document does not keep its whole file in memory); positions stay those of the file.
   */
  public synchronized PositionFinder only(int document) {
    int[] lines = documentLines();
    int local = document - firstDocument;
    if (local < 0 || local >= lines.length) {
      return this;
    }
    int start = lineStart(lines[local]);
    int end = local + 1 < lines.length ? lineStart(lines[local + 1]) : text.length();
    if (start < 0 || end < start) {
      return this;
    }
    return new PositionFinder(
        factory, text.substring(start, end), document, lineOffset + lines[local] - 1);
  }

  /** The line (1-based) of each document's first token, found in one scan. */
  private int[] documentLines() {
    if (documentLines == null) {
      List<Integer> found = new ArrayList<>();
      try (JsonParser parser = factory.get().createParser(text)) {
        while (parser.nextToken() != null) {
          found.add(parser.currentTokenLocation().getLineNr());
          parser.skipChildren();
        }
      } catch (IOException | RuntimeException e) {
        // positions of what was read so far still hold
      }
      documentLines = found.stream().mapToInt(Integer::intValue).toArray();
    }
    return documentLines;
  }

  private int[] lineStarts;

  /** The char index where 1-based {@code line} starts, or -1 (line offsets found once). */
  private int lineStart(int line) {
    if (lineStarts == null) {
      List<Integer> starts = new ArrayList<>();
      starts.add(0);
      for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
        starts.add(i + 1);
      }
      lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }
    return line >= 1 && line <= lineStarts.length ? lineStarts[line - 1] : -1;
  }

  /**
   * {line, column} (1-based) of {@code pointer} in document {@code document}; {0, 0} if unknown.
   */
  public int[] locate(int document, String pointer) {
    List<String> path = segments(pointer);
    try (JsonParser parser = factory.get().createParser(text)) {
      int current = -1;
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        current++;
        if (current < document - firstDocument) {
          parser.skipChildren();
          continue;
        }
        JsonLocation best = parser.currentTokenLocation();
        int[] found = position(descend(parser, token, path, 0, best));
        if (found[0] > 0) {
          found[0] += lineOffset;
        }
        return found;
      }
    } catch (IOException | RuntimeException e) {
      // fall through: the position is unknown, the violation still stands
    }
    return new int[] {0, 0};
  }

  /** The deepest location along {@code path} reachable from the value at the parser. */
  private static JsonLocation descend(
      JsonParser parser, JsonToken token, List<String> path, int depth, JsonLocation best)
      throws IOException {
    if (depth == path.size()) {
      return best;
    }
    String segment = path.get(depth);
    if (token == JsonToken.START_OBJECT) {
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonLocation keyLocation = parser.currentTokenLocation();
        JsonToken value = parser.nextToken();
        if (name.equals(segment)) {
          return descend(parser, value, path, depth + 1, keyLocation);
        }
        parser.skipChildren();
      }
    } else if (token == JsonToken.START_ARRAY) {
      int wanted = segment.matches("[0-9]{1,9}") ? Integer.parseInt(segment) : -1;
      int index = 0;
      JsonToken element;
      while ((element = parser.nextToken()) != JsonToken.END_ARRAY && element != null) {
        if (index++ == wanted) {
          return descend(parser, element, path, depth + 1, parser.currentTokenLocation());
        }
        parser.skipChildren();
      }
    }
    return best;
  }

  private static int[] position(JsonLocation location) {
    return new int[] {Math.max(location.getLineNr(), 0), Math.max(location.getColumnNr(), 0)};
  }

  static List<String> segments(String pointer) {
    List<String> parts = new ArrayList<>();
    if (pointer == null || pointer.isEmpty()) {
      return parts;
    }
    for (String part : pointer.substring(1).split("/", -1)) {
      parts.add(part.replace("~1", "/").replace("~0", "~"));
    }
    return parts;
  }
}
