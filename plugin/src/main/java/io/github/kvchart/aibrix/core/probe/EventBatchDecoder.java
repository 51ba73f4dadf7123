package io.github.kvchart.aibrix.core.probe;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * Reads a vLLM KV-event batch payload in either wire format (facts section 1) without building it
 * in memory: it streams through the msgpack, counts events by kind, and notes block sizes, the
 * block-hash encoding and the data-parallel rank.
 *
 * <p>For the array format it also applies the checks the AIBrix gateway's decoder applies
 * (pkg/cache/kvcache/msgpack_decoder.go): a batch of 2 or 3 elements, a float64 timestamp, an
 * integer rank, events as arrays led by a known type name, BlockStored with at least 5 fields and
 * token ids in whole blocks. A batch that fails one is dropped by the gateway whole.
 */
public final class EventBatchDecoder {
  static final String BLOCK_STORED = "BlockStored";
  static final String BLOCK_REMOVED = "BlockRemoved";
  static final String ALL_BLOCKS_CLEARED = "AllBlocksCleared";

  private EventBatchDecoder() {}

  /** Decodes one payload, or says why it is not an event batch. */
  public static DecodedBatch decode(byte[] payload) throws MalformedBatchException {
    try (MessageUnpacker in = MessagePack.newDefaultUnpacker(payload)) {
      if (!in.hasNext()) {
        throw new MalformedBatchException("empty payload");
      }
      Batch batch = new Batch();
      ValueType top = in.getNextFormat().getValueType();
      if (top == ValueType.ARRAY) {
        readArrayBatch(in, batch);
      } else if (top == ValueType.MAP) {
        readMapBatch(in, batch);
      } else {
        throw new MalformedBatchException(
            "the batch is a msgpack " + name(top) + ", not an array or a map");
      }
      if (in.hasNext()) {
        throw new MalformedBatchException(
            "trailing bytes after the batch (" + (payload.length - in.getTotalReadBytes()) + ")");
      }
      return batch.done();
    } catch (MessagePackException | IOException e) {
      throw new MalformedBatchException("truncated or invalid msgpack: " + e.getMessage());
    }
  }

  private static void readArrayBatch(MessageUnpacker in, Batch batch)
      throws IOException, MalformedBatchException {
    batch.format = WireFormat.ARRAYS;
    int size = in.unpackArrayHeader();
    if (size < 2) {
      throw new MalformedBatchException(
          "the batch array has " + size + " elements, not ts, events");
    }
    if (size > 3) {
      batch.problem("the batch array has " + size + " elements; the gateway reads 2 or 3");
    }
    MessageFormat ts = in.getNextFormat();
    if (ts != MessageFormat.FLOAT64) {
      batch.problem("the timestamp is a msgpack " + ts + "; the gateway reads only float64");
    }
    if (ts.getValueType() != ValueType.FLOAT && ts.getValueType() != ValueType.INTEGER) {
      throw new MalformedBatchException("the timestamp is a msgpack " + name(ts.getValueType()));
    }
    in.skipValue();
    if (in.getNextFormat().getValueType() != ValueType.ARRAY) {
      throw new MalformedBatchException(
          "events is a msgpack " + name(in.getNextFormat().getValueType()) + ", not an array");
    }
    int events = in.unpackArrayHeader();
    for (int i = 0; i < events; i++) {
      ValueType type = in.getNextFormat().getValueType();
      if (type == ValueType.ARRAY) {
        readArrayEvent(in, batch, i);
      } else if (type == ValueType.MAP) {
        batch.problem("event " + i + " is a map inside an array batch");
        readMapEvent(in, batch, i);
      } else {
        throw new MalformedBatchException("event " + i + " is a msgpack " + name(type));
      }
    }
    if (size >= 3) {
      ValueType rank = in.getNextFormat().getValueType();
      if (rank == ValueType.INTEGER) {
        batch.rank = in.unpackLong();
      } else {
        if (rank != ValueType.NIL) {
          throw new MalformedBatchException("data_parallel_rank is a msgpack " + name(rank));
        }
        in.skipValue();
        batch.problem("data_parallel_rank is nil; the gateway reads only an integer there");
      }
      for (int i = 3; i < size; i++) {
        in.skipValue();
      }
    }
  }

  private static void readArrayEvent(MessageUnpacker in, Batch batch, int index)
      throws IOException, MalformedBatchException {
    int fields = in.unpackArrayHeader();
    if (fields == 0) {
      throw new MalformedBatchException("event " + index + " is an empty array");
    }
    if (in.getNextFormat().getValueType() != ValueType.STRING) {
      throw new MalformedBatchException("event " + index + " does not start with its type name");
    }
    String kind = in.unpackString();
    batch.count(kind);
    int read = 1;
    switch (kind) {
      case BLOCK_STORED -> {
        if (fields < 5) {
          throw new MalformedBatchException(
              "BlockStored event " + index + " has " + fields + " fields, fewer than 5");
        }
        readHashes(in, batch, index);
        readParent(in, batch, index);
        long tokens = readTokens(in, index);
        long blockSize = readBlockSize(in, batch, index);
        if (blockSize > 0 && tokens % blockSize != 0) {
          batch.problem(
              "BlockStored event "
                  + index
                  + " has "
                  + tokens
                  + " token ids, not whole blocks of "
                  + blockSize);
        }
        read = 5;
        // lora_id, medium, lora_name, extra_keys, group_idx: the gateway reads them by position
        for (; read < fields && read < 10; read++) {
          ValueType type = in.getNextFormat().getValueType();
          boolean fits =
              type == ValueType.NIL
                  || switch (read) {
                    case 5, 9 -> type == ValueType.INTEGER;
                    case 6, 7 -> type == ValueType.STRING || type == ValueType.BINARY;
                    default -> true;
                  };
          if (!fits) {
            batch.problem(
                "BlockStored event " + index + " field " + read + " is a msgpack " + name(type));
          }
          in.skipValue();
        }
      }
      case BLOCK_REMOVED -> {
        if (fields < 2) {
          throw new MalformedBatchException("BlockRemoved event " + index + " has no block hashes");
        }
        readHashes(in, batch, index);
        read = 2;
      }
      case ALL_BLOCKS_CLEARED -> {
        // no fields
      }
      default ->
          batch.problem("event " + index + " has the type '" + kind + "', unknown to the gateway");
    }
    for (; read < fields; read++) {
      in.skipValue();
    }
  }

  private static void readMapBatch(MessageUnpacker in, Batch batch)
      throws IOException, MalformedBatchException {
    batch.format = WireFormat.MAPS;
    int entries = in.unpackMapHeader();
    boolean sawEvents = false;
    for (int e = 0; e < entries; e++) {
      String key = key(in, "batch");
      switch (key) {
        case "events" -> {
          if (in.getNextFormat().getValueType() != ValueType.ARRAY) {
            throw new MalformedBatchException("events is not an array");
          }
          int events = in.unpackArrayHeader();
          for (int i = 0; i < events; i++) {
            if (in.getNextFormat().getValueType() != ValueType.MAP) {
              throw new MalformedBatchException(
                  "event "
                      + i
                      + " is a msgpack "
                      + name(in.getNextFormat().getValueType())
                      + " inside a map batch");
            }
            readMapEvent(in, batch, i);
          }
          sawEvents = true;
        }
        case "data_parallel_rank" -> {
          if (in.getNextFormat().getValueType() == ValueType.INTEGER) {
            batch.rank = in.unpackLong();
          } else {
            in.skipValue();
          }
        }
        default -> in.skipValue();
      }
    }
    if (!sawEvents) {
      throw new MalformedBatchException("the batch map has no 'events'");
    }
  }

  private static void readMapEvent(MessageUnpacker in, Batch batch, int index)
      throws IOException, MalformedBatchException {
    int entries = in.unpackMapHeader();
    String kind = null;
    for (int e = 0; e < entries; e++) {
      String key = key(in, "event " + index);
      switch (key) {
        case "type" -> {
          if (in.getNextFormat().getValueType() != ValueType.STRING) {
            throw new MalformedBatchException("event " + index + " has a type that is no string");
          }
          kind = in.unpackString();
        }
        case "block_hashes" -> readHashes(in, batch, index);
        case "parent_block_hash" -> readParent(in, batch, index);
        case "block_size" -> readBlockSize(in, batch, index);
        default -> in.skipValue();
      }
    }
    if (kind == null) {
      throw new MalformedBatchException("event " + index + " has no 'type'");
    }
    batch.count(kind);
  }

  private static String key(MessageUnpacker in, String where)
      throws IOException, MalformedBatchException {
    if (in.getNextFormat().getValueType() != ValueType.STRING) {
      throw new MalformedBatchException(where + " has a key that is no string");
    }
    return in.unpackString();
  }

  private static void readHashes(MessageUnpacker in, Batch batch, int index)
      throws IOException, MalformedBatchException {
    if (in.getNextFormat().getValueType() != ValueType.ARRAY) {
      throw new MalformedBatchException("event " + index + ": block_hashes is not an array");
    }
    int hashes = in.unpackArrayHeader();
    for (int i = 0; i < hashes; i++) {
      readHash(in, batch, index);
    }
  }

  private static void readParent(MessageUnpacker in, Batch batch, int index)
      throws IOException, MalformedBatchException {
    if (in.getNextFormat().getValueType() == ValueType.NIL) {
      in.skipValue();
    } else {
      readHash(in, batch, index);
    }
  }

  private static void readHash(MessageUnpacker in, Batch batch, int index)
      throws IOException, MalformedBatchException {
    ValueType type = in.getNextFormat().getValueType();
    switch (type) {
      case INTEGER -> batch.intHashes++;
      case BINARY, STRING -> batch.byteHashes++;
      default ->
          throw new MalformedBatchException(
              "event " + index + ": a block hash is a msgpack " + name(type));
    }
    in.skipValue();
  }

  private static long readTokens(MessageUnpacker in, int index)
      throws IOException, MalformedBatchException {
    if (in.getNextFormat().getValueType() != ValueType.ARRAY) {
      throw new MalformedBatchException("event " + index + ": token_ids is not an array");
    }
    int tokens = in.unpackArrayHeader();
    for (int i = 0; i < tokens; i++) {
      if (in.getNextFormat().getValueType() != ValueType.INTEGER) {
        throw new MalformedBatchException("event " + index + ": a token id is not an integer");
      }
      in.skipValue();
    }
    return tokens;
  }

  private static long readBlockSize(MessageUnpacker in, Batch batch, int index)
      throws IOException, MalformedBatchException {
    if (in.getNextFormat().getValueType() != ValueType.INTEGER) {
      throw new MalformedBatchException("event " + index + ": block_size is not an integer");
    }
    long size = in.unpackLong();
    if (size <= 0) {
      batch.problem("event " + index + ": block_size " + size + " is not positive");
    }
    batch.blockSizes.add(size);
    return size;
  }

  private static String name(ValueType type) {
    return type.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The counts of one batch while it is read. */
  private static final class Batch {
    WireFormat format;
    Long rank;
    final Map<String, Integer> kinds = new LinkedHashMap<>();
    final TreeSet<Long> blockSizes = new TreeSet<>();
    int intHashes;
    int byteHashes;
    final List<String> problems = new ArrayList<>();

    void count(String kind) {
      // a bounded number of distinct names: a flood of made-up types must not grow the map
      if (kinds.size() < 16 || kinds.containsKey(kind)) {
        kinds.merge(kind, 1, Integer::sum);
      } else {
        kinds.merge("(other)", 1, Integer::sum);
      }
    }

    void problem(String problem) {
      if (problems.size() < 8) {
        problems.add(problem);
      }
    }

    DecodedBatch done() {
      return new DecodedBatch(
          format,
          rank,
          Map.copyOf(kinds),
          List.copyOf(blockSizes),
          intHashes,
          byteHashes,
          List.copyOf(problems));
    }
  }
}
