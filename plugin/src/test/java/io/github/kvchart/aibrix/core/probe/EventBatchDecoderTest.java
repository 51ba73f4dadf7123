package io.github.kvchart.aibrix.core.probe;

import static io.github.kvchart.aibrix.core.probe.Batches.cleared;
import static io.github.kvchart.aibrix.core.probe.Batches.removed;
import static io.github.kvchart.aibrix.core.probe.Batches.stored;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * Both wire formats of facts section 1, the gateway's array checks, and payloads that are not
 * batches.
 */
class EventBatchDecoderTest {

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void bothFormatsAreCountedAlike(WireFormat format) throws Exception {
    byte[] payload =
        Batches.batch(
            format,
            1L,
            List.of(
                stored(List.of(1L, 2L), null, 32, 16),
                stored(List.of(new byte[32]), new byte[8], 16, 16),
                removed(List.of(1L, 2L, 3L)),
                cleared()));
    DecodedBatch batch = EventBatchDecoder.decode(payload);
    assertEquals(format, batch.format());
    assertEquals(Long.valueOf(1), batch.dataParallelRank());
    assertEquals(
        Map.of("BlockStored", 2, "BlockRemoved", 1, "AllBlocksCleared", 1), batch.eventsByKind());
    assertEquals(4, batch.events());
    assertEquals(List.of(16L), batch.blockSizes());
    assertEquals(5, batch.intHashes());
    assertEquals(2, batch.byteHashes());
    assertEquals(List.of(), batch.gatewayProblems());
  }

  @Test
  void aBatchWithoutRankAndTheNewerOptionalFieldsIsRead() throws Exception {
    Batches.Event newer =
        new Batches.Event(
            "BlockStored",
            List.of(
                new Object[] {"block_hashes", List.of(7L)},
                new Object[] {"parent_block_hash", null},
                new Object[] {"token_ids", List.of(1, 2, 3, 4)},
                new Object[] {"block_size", 4},
                new Object[] {"lora_id", null},
                new Object[] {"medium", "GPU"},
                new Object[] {"lora_name", null},
                new Object[] {"extra_keys", null},
                new Object[] {"group_idx", 0},
                new Object[] {"kv_cache_spec_kind", "full_attention"},
                new Object[] {"kv_cache_spec_sliding_window", null}));
    for (WireFormat format : WireFormat.values()) {
      DecodedBatch batch = EventBatchDecoder.decode(Batches.batch(format, null, List.of(newer)));
      assertEquals(null, batch.dataParallelRank());
      assertEquals(List.of(4L), batch.blockSizes());
      assertEquals(List.of(), batch.gatewayProblems(), format.label());
    }
  }

  @Test
  void whatTheGatewayDecoderDropsIsNamed() throws Exception {
    assertProblem(
        Batches.batch(WireFormat.ARRAYS, 0L, List.of(new Batches.Event("BlockMoved", List.of()))),
        "unknown to the gateway");
    assertProblem(
        Batches.batch(WireFormat.ARRAYS, 0L, List.of(stored(List.of(1L), null, 20, 16))),
        "20 token ids, not whole blocks of 16");
    assertProblem(
        pack(
            out -> {
              out.packArrayHeader(3);
              out.packDouble(1.5);
              out.packArrayHeader(0);
              out.packNil();
            }),
        "data_parallel_rank is nil");
    assertProblem(
        pack(
            out -> {
              out.packArrayHeader(2);
              out.packFloat(1.5f);
              out.packArrayHeader(0);
            }),
        "float64");
    assertProblem(
        pack(
            out -> {
              out.packArrayHeader(2);
              out.packLong(1767225600L);
              out.packArrayHeader(0);
            }),
        "float64");
  }

  @Test
  void anUnknownEventTypeInTheMapFormatIsCountedNotRefused() throws Exception {
    DecodedBatch batch =
        EventBatchDecoder.decode(
            Batches.batch(
                WireFormat.MAPS, 0L, List.of(new Batches.Event("BlockMoved", List.of()))));
    assertEquals(Map.of("BlockMoved", 1), batch.eventsByKind());
    assertEquals(List.of(), batch.gatewayProblems());
  }

  @Test
  void payloadsThatAreNoBatchesAreRefusedWithTheReason() throws Exception {
    byte[] good = Batches.batch(WireFormat.ARRAYS, 0L, List.of(cleared()));
    assertMalformed(new byte[0], "empty payload");
    assertMalformed(java.util.Arrays.copyOf(good, good.length - 1), "truncated or invalid");
    assertMalformed(new byte[] {(byte) 0xc1}, "truncated or invalid");
    assertMalformed(pack(out -> out.packString("hello")), "a msgpack string");
    byte[] trailing = java.util.Arrays.copyOf(good, good.length + 1);
    assertMalformed(trailing, "trailing bytes");
    assertMalformed(
        pack(
            out -> {
              out.packMapHeader(1);
              out.packString("ts");
              out.packDouble(1.0);
            }),
        "no 'events'");
    assertMalformed(
        pack(
            out -> {
              out.packArrayHeader(2);
              out.packDouble(1.0);
              out.packArrayHeader(1);
              out.packArrayHeader(2);
              out.packString("BlockRemoved");
              out.packArrayHeader(1);
              out.packMapHeader(0);
            }),
        "a block hash is a msgpack map");
    // an array header that claims 2^32-1 events in a few bytes: refused at the end of the input
    assertMalformed(
        pack(
            out -> {
              out.packArrayHeader(2);
              out.packDouble(1.0);
              out.packArrayHeader(Integer.MAX_VALUE);
            }),
        "truncated or invalid");
  }

  private interface Writer {
    void write(MessageBufferPacker out) throws IOException;
  }

  private static byte[] pack(Writer writer) throws IOException {
    try (MessageBufferPacker out = MessagePack.newDefaultBufferPacker()) {
      writer.write(out);
      return out.toByteArray();
    }
  }

  private static void assertProblem(byte[] payload, String expected) throws Exception {
    DecodedBatch batch = EventBatchDecoder.decode(payload);
    assertTrue(
        batch.gatewayProblems().stream().anyMatch(p -> p.contains(expected)),
        expected + " in " + batch.gatewayProblems());
  }

  private static void assertMalformed(byte[] payload, String expected) {
    MalformedBatchException e =
        assertThrows(MalformedBatchException.class, () -> EventBatchDecoder.decode(payload));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
