package io.github.kvchart.aibrix.core.manifest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the line and column of a node in a YAML file, by JSON pointer, with a second scan of the
 * file's tokens. It runs only for documents that have a violation, so a clean file costs nothing. A
 * member is located at its key, an array element at its first token.
 */
public final class PositionFinder {
  private final YAMLFactory factory;
  private final String text;

  public PositionFinder(YAMLFactory factory, String text) {
    this.factory = factory;
    this.text = text;
  }

  /**
   * {line, column} (1-based) of {@code pointer} in document {@code document}; {0, 0} if unknown.
   */
  public int[] locate(int document, String pointer) {
    List<String> path = segments(pointer);
    try (JsonParser parser = factory.createParser(text)) {
      int current = -1;
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        current++;
        if (current < document) {
          parser.skipChildren();
          continue;
        }
        JsonLocation best = parser.currentTokenLocation();
        return position(descend(parser, token, path, 0, best));
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
