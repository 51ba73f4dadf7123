package io.github.kvchart.aibrix.core.render;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import io.github.kvchart.aibrix.core.Json;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The filters that turn values into text for one target language, so a value is always data and
 * never markup: {@code yaml} (a YAML scalar, quoted when needed), {@code shq} (a POSIX shell word),
 * {@code json} (a JSON value) and {@code code} (Markdown inline code).
 */
public final class ValueFilters {
  private static final Pattern PLAIN_YAML =
      Pattern.compile("(?:--?[A-Za-z]|[A-Za-z_/])[A-Za-z0-9_./:@-]*");
  private static final Set<String> YAML_WORDS =
      Set.of("true", "false", "yes", "no", "on", "off", "y", "n", "null", "~");

  private ValueFilters() {}

  /** The filters to register with Jinjava. */
  public static List<Filter> all() {
    return List.of(
        filter("yaml", ValueFilters::yamlScalar),
        new Filter() {
          @Override
          public String getName() {
            return "yamlblock";
          }

          @Override
          public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
            int indent = args.length == 0 ? 0 : Integer.parseInt(args[0].trim());
            return yamlValue(var, indent);
          }
        },
        filter("shq", value -> shellWord(text(value))),
        filter("json", Json::compact),
        filter("code", value -> markdownCode(text(value))));
  }

  /**
   * A YAML scalar for {@code value}: plain when unambiguous, single-quoted when the text is
   * printable on one line, double-quoted with escapes otherwise.
   */
  public static String yamlScalar(Object value) {
    if (value instanceof Boolean || value instanceof Long || value instanceof Integer) {
      return value.toString();
    }
    String text = text(value);
    if (PLAIN_YAML.matcher(text).matches()
        && !text.endsWith(":")
        && !YAML_WORDS.contains(text.toLowerCase(Locale.ROOT))) {
      return text;
    }
    if (text.chars()
        .allMatch(c -> c >= 0x20 && c != 0x7f && c < 0x80 || Character.isLetterOrDigit(c))) {
      return "'" + text.replace("'", "''") + "'";
    }
    return doubleQuoted(text);
  }

  /**
   * The text after a key's colon for {@code value}, which may be a map, a list or a scalar: " {}"
   * and " []" for empty ones, " scalar" for a scalar, else a newline and the block, each line
   * indented by {@code indent} spaces. Keys and scalars go through {@link #yamlScalar}, so nothing
   * in the data can change the document's structure.
   */
  public static String yamlValue(Object value, int indent) {
    if (value instanceof Map<?, ?> map && !map.isEmpty()
        || value instanceof List<?> list && !list.isEmpty()) {
      StringBuilder out = new StringBuilder();
      block(value, indent, out);
      return out.toString();
    }
    return " " + inline(value);
  }

  private static void block(Object value, int indent, StringBuilder out) {
    String pad = " ".repeat(indent);
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        out.append('\n').append(pad).append(yamlScalar(String.valueOf(entry.getKey()))).append(':');
        out.append(yamlValue(entry.getValue(), indent + 2));
      }
      return;
    }
    for (Object item : (List<?>) value) {
      if (item instanceof Map<?, ?> map && !map.isEmpty()) {
        StringBuilder nested = new StringBuilder();
        block(item, indent + 2, nested);
        // The first entry goes on the dash's line.
        out.append('\n').append(pad).append("- ").append(nested.substring(indent + 3));
      } else if (item instanceof List<?> list && !list.isEmpty()) {
        out.append('\n').append(pad).append('-');
        block(item, indent + 2, out);
      } else {
        out.append('\n').append(pad).append("- ").append(inline(item));
      }
    }
  }

  private static String inline(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Map) {
      return "{}";
    }
    if (value instanceof List) {
      return "[]";
    }
    if (value instanceof java.math.BigDecimal decimal) {
      return decimal.toString();
    }
    return yamlScalar(value);
  }

  /** A YAML double-quoted string; every character that could end or bend it is escaped. */
  public static String doubleQuoted(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029 || c == 0xfeff) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** One POSIX shell word: single-quoted, with embedded single quotes spliced in. */
  public static String shellWord(String text) {
    return "'" + text.replace("'", "'\"'\"'") + "'";
  }

  /** Markdown inline code that survives backticks in the value. */
  public static String markdownCode(String text) {
    String flat = text.replace('\n', ' ').replace('\r', ' ');
    if (!flat.contains("`")) {
      return "`" + flat + "`";
    }
    return "`` " + flat + " ``";
  }

  private static String text(Object value) {
    if (value == null) {
      throw new IllegalArgumentException("a template filtered an undefined value");
    }
    return value.toString();
  }

  private static Filter filter(String name, java.util.function.Function<Object, String> body) {
    return new Filter() {
      @Override
      public String getName() {
        return name;
      }

      @Override
      public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
        return body.apply(var);
      }
    };
  }
}
