package io.github.kvchart.aibrix.core.probe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * Event batches as vLLM encodes them (facts section 1), in either wire format, for the in-test
 * publisher. The Python publisher in it/probe-python encodes independently, so the two cannot share
 * a mistake unnoticed.
 */
public final class Batches {
  /** One event: a type name and its fields in vLLM's order (name, value). */
  public record Event(String type, List<Object[]> fields) {}

  private Batches() {}

  public static Event stored(List<Object> hashes, Object parent, int tokens, int blockSize) {
    List<Integer> ids = new java.util.ArrayList<>();
    for (int i = 0; i < tokens; i++) {
      ids.add(1000 + i);
    }
    return new Event(
        "BlockStored",
        List.of(
            new Object[] {"block_hashes", hashes},
            new Object[] {"parent_block_hash", parent},
            new Object[] {"token_ids", ids},
            new Object[] {"block_size", blockSize},
            new Object[] {"lora_id", null},
            new Object[] {"medium", "GPU"},
            new Object[] {"lora_name", null}));
  }

  public static Event removed(List<Object> hashes) {
    return new Event(
        "BlockRemoved",
        List.of(new Object[] {"block_hashes", hashes}, new Object[] {"medium", "GPU"}));
  }

  public static Event cleared() {
    return new Event("AllBlocksCleared", List.of());
  }

  public static byte[] batch(WireFormat format, Long rank, List<Event> events) {
    try (MessageBufferPacker out = MessagePack.newDefaultBufferPacker()) {
      if (format == WireFormat.ARRAYS) {
        out.packArrayHeader(rank == null ? 2 : 3);
        out.packDouble(1_767_225_600.25);
        out.packArrayHeader(events.size());
        for (Event event : events) {
          out.packArrayHeader(1 + event.fields().size());
          out.packString(event.type());
          for (Object[] field : event.fields()) {
            value(out, field[1]);
          }
        }
        if (rank != null) {
          out.packLong(rank);
        }
      } else {
        out.packMapHeader(rank == null ? 2 : 3);
        out.packString("ts");
        out.packDouble(1_767_225_600.25);
        out.packString("events");
        out.packArrayHeader(events.size());
        for (Event event : events) {
          out.packMapHeader(1 + event.fields().size());
          out.packString("type");
          out.packString(event.type());
          for (Object[] field : event.fields()) {
            out.packString((String) field[0]);
            value(out, field[1]);
          }
        }
        if (rank != null) {
          out.packString("data_parallel_rank");
          out.packLong(rank);
        }
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void value(MessageBufferPacker out, Object value) throws IOException {
    if (value == null) {
      out.packNil();
    } else if (value instanceof String s) {
      out.packString(s);
    } else if (value instanceof Integer i) {
      out.packInt(i);
    } else if (value instanceof Long l) {
      out.packLong(l);
    } else if (value instanceof byte[] b) {
      out.packBinaryHeader(b.length);
      out.writePayload(b);
    } else if (value instanceof List<?> list) {
      out.packArrayHeader(list.size());
      for (Object item : list) {
        value(out, item);
      }
    } else {
      throw new IllegalArgumentException(value.getClass().toString());
    }
  }
}
