package io.github.kvchart.aibrix.core.probe;

import java.util.List;
import java.util.Map;

/**
 * What one event batch held, as the probe counts it.
 *
 * @param format the wire format
 * @param dataParallelRank the batch's data-parallel rank, or null when it carries none
 * @param eventsByKind events per type name (BlockStored, BlockRemoved, AllBlocksCleared, or an
 *     unknown name)
 * @param blockSizes the distinct block sizes of the BlockStored events
 * @param intHashes block hashes sent as integers
 * @param byteHashes block hashes sent as bytes
 * @param gatewayProblems why the AIBrix gateway's array decoder would drop this batch; empty when
 *     it would read it
 */
public record DecodedBatch(
    WireFormat format,
    Long dataParallelRank,
    Map<String, Integer> eventsByKind,
    List<Long> blockSizes,
    int intHashes,
    int byteHashes,
    List<String> gatewayProblems) {

  public int events() {
    return eventsByKind.values().stream().mapToInt(Integer::intValue).sum();
  }
}
