package io.github.kvchart.aibrix.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * The one way the plugin reads and writes JSON: trees built and written straight from Jackson's
 * streaming parser and generator. No ObjectMapper: setting one up costs about 0.2 s in a cold JVM
 * (its serializer and deserializer factories), which every command-line run and every build paid.
 * Reading behaves as {@code ObjectMapper.readTree}: the first value is read (nothing after it is
 * looked at), empty input is the missing node, a repeated key keeps its first place and its last
 * value, integers are int, long or BigInteger nodes by size and other numbers double nodes. Writing
 * is key-order preserving; {@link #pretty} indents as Jackson's default pretty printer.
 */
public final class Json {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {}

  /** A new, empty object node. */
  public static ObjectNode object() {
    return NODES.objectNode();
  }

  /**
   * {@code node} when it is an array, else a node with no items: what a loop over the items of a
   * manifest's list reads, as a list written as a mapping (which the schema reports) has no items
   * ({@code get(i)} of a mapping is null).
   */
  public static JsonNode items(JsonNode node) {
    return node.isArray() ? node : MissingNode.getInstance();
  }

  /** The tree of a JSON text; malformed JSON is an exception that names the place. */
  public static JsonNode read(String text) throws JsonProcessingException {
    try (JsonParser parser = FACTORY.createParser(text)) {
      return readFirst(parser);
    } catch (JsonProcessingException e) {
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a String has no I/O to fail
    }
  }

  /**
   * The tree of a JSON text that is one value and nothing after it, as Go's {@code json.Unmarshal}
   * wants it; anything else is an exception that names the place.
   */
  public static JsonNode readWhole(String text) throws JsonProcessingException {
    try (JsonParser parser = FACTORY.createParser(text)) {
      JsonNode value = readFirst(parser);
      if (value.isMissingNode() || parser.nextToken() != null) {
        throw new com.fasterxml.jackson.core.JsonParseException(
            parser, value.isMissingNode() ? "no value" : "text after the value");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a String has no I/O to fail
    }
  }

  /** The tree of a JSON stream (read, not closed). */
  public static JsonNode read(InputStream in) throws IOException {
    try (JsonParser parser = FACTORY.createParser(in)) {
      return readFirst(parser);
    }
  }

  private static JsonNode readFirst(JsonParser parser) throws IOException {
    return parser.nextToken() == null ? MissingNode.getInstance() : value(parser);
  }

  private static JsonNode value(JsonParser parser) throws IOException {
    switch (parser.currentToken()) {
      case START_OBJECT:
        ObjectNode object = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          parser.nextToken();
          object.set(name, value(parser));
        }
        return object;
      case START_ARRAY:
        ArrayNode array = NODES.arrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          array.add(value(parser));
        }
        return array;
      case VALUE_STRING:
        return NODES.textNode(parser.getText());
      case VALUE_NUMBER_INT:
        switch (parser.getNumberType()) {
          case INT:
            return NODES.numberNode(parser.getIntValue());
          case LONG:
            return NODES.numberNode(parser.getLongValue());
          default:
            return NODES.numberNode(parser.getBigIntegerValue());
        }
      case VALUE_NUMBER_FLOAT:
        return NODES.numberNode(parser.getDoubleValue());
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        throw new IOException("unexpected " + parser.currentToken() + " in JSON");
    }
  }

  /**
   * The tree of plain values: maps (string keys, in their order), lists, strings, numbers,
   * booleans, null and trees. Anything else is a programming error.
   */
  public static JsonNode tree(Object value) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (value instanceof JsonNode node) {
      return node;
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode object = NODES.objectNode();
      map.forEach((key, child) -> object.set(String.valueOf(key), tree(child)));
      return object;
    }
    if (value instanceof Iterable<?> list) {
      ArrayNode array = NODES.arrayNode();
      list.forEach(child -> array.add(tree(child)));
      return array;
    }
    if (value instanceof String text) {
      return NODES.textNode(text);
    }
    if (value instanceof Boolean bool) {
      return NODES.booleanNode(bool);
    }
    if (value instanceof Integer number) {
      return NODES.numberNode(number);
    }
    if (value instanceof Long number) {
      return NODES.numberNode(number);
    }
    if (value instanceof Double number) {
      return NODES.numberNode(number);
    }
    if (value instanceof Float number) {
      return NODES.numberNode(number);
    }
    if (value instanceof java.math.BigInteger number) {
      return NODES.numberNode(number);
    }
    if (value instanceof java.math.BigDecimal number) {
      return NODES.numberNode(number);
    }
    if (value instanceof Number number) {
      return NODES.numberNode(number.longValue());
    }
    if (value instanceof java.util.Date date) {
      return NODES.numberNode(date.getTime());
    }
    throw new IllegalArgumentException("no JSON for " + value.getClass().getName());
  }

  /** Compact JSON of plain values or a tree (see {@link #tree}). */
  public static String compact(Object value) {
    return write(tree(value), false);
  }

  /** Indented JSON of a tree, as Jackson's default pretty printer writes it, without a newline. */
  public static String pretty(JsonNode tree) {
    return write(tree, true);
  }

  private static String write(JsonNode tree, boolean pretty) {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      if (pretty) {
        generator.useDefaultPrettyPrinter();
      }
      write(tree, generator);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void write(JsonNode node, JsonGenerator out) throws IOException {
    switch (node.getNodeType()) {
      case OBJECT:
        out.writeStartObject();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
          Map.Entry<String, JsonNode> field = fields.next();
          out.writeFieldName(field.getKey());
          write(field.getValue(), out);
        }
        out.writeEndObject();
        return;
      case ARRAY:
        out.writeStartArray();
        for (JsonNode element : node) {
          write(element, out);
        }
        out.writeEndArray();
        return;
      case STRING:
        out.writeString(node.textValue());
        return;
      case BOOLEAN:
        out.writeBoolean(node.booleanValue());
        return;
      case NUMBER:
        switch (node.numberType()) {
          case INT:
            out.writeNumber(node.intValue());
            return;
          case LONG:
            out.writeNumber(node.longValue());
            return;
          case BIG_INTEGER:
            out.writeNumber(node.bigIntegerValue());
            return;
          case FLOAT:
            out.writeNumber(node.floatValue());
            return;
          case BIG_DECIMAL:
            out.writeNumber(node.decimalValue());
            return;
          default:
            out.writeNumber(node.doubleValue());
            return;
        }
      case NULL:
        out.writeNull();
        return;
      default:
        throw new IllegalArgumentException("no JSON for a " + node.getNodeType() + " node");
    }
  }
}
