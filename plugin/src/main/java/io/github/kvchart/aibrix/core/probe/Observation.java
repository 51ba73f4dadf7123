package io.github.kvchart.aibrix.core.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything the probe saw on the two sockets. Every collection is bounded, so a flood or garbage
 * cannot grow it: names, ranks, sizes and examples keep at most a few entries each.
 */
public final class Observation {
  private static final int KEEP = 16;
  private static final int EXAMPLES = 5;

  // connection
  boolean tcpConnected;
  boolean handshake;
  boolean connected;
  int connections;
  int disconnects;
  long firstBatchMillis = -1;
  long elapsedMillis;

  // batches
  long batches;
  long events;
  long payloadBytes;
  final Map<String, Long> eventsByKind = new TreeMap<>();
  final Map<String, Long> batchesByFormat = new TreeMap<>();
  final TreeSet<String> topics = new TreeSet<>();
  final TreeSet<Long> ranks = new TreeSet<>();
  boolean batchWithoutRank;
  final TreeSet<Long> blockSizes = new TreeSet<>();
  long intHashes;
  long byteHashes;

  // sequence
  Long firstSequence;
  Long lastSequence;
  long gaps;
  long missedBatches;
  long resets;

  // bad input
  long malformedMessages;
  long malformedPayloads;
  long undecodableByGateway;
  final List<String> malformedExamples = new ArrayList<>();
  final List<String> gatewayExamples = new ArrayList<>();

  // replay
  String replayStatus = "skipped";
  long replayFrom = -1;
  long replayReplies;
  long replayMatched;
  long replayMismatched;
  long replayMissing;
  boolean replayEndMarker;
  final List<String> replayProblems = new ArrayList<>();

  void kind(String kind, long count) {
    if (eventsByKind.size() < KEEP || eventsByKind.containsKey(kind)) {
      eventsByKind.merge(kind, count, Long::sum);
    } else {
      eventsByKind.merge("(other)", count, Long::sum);
    }
  }

  static <T> void keep(java.util.Collection<T> into, T value) {
    if (into.size() < KEEP) {
      into.add(value);
    }
  }

  static void example(List<String> into, String example) {
    if (into.size() < EXAMPLES) {
      into.add(example);
    }
  }

  public long batches() {
    return batches;
  }

  public long events() {
    return events;
  }

  public Map<String, Long> eventsByKind() {
    return eventsByKind;
  }

  public Map<String, Long> batchesByFormat() {
    return batchesByFormat;
  }

  public long gaps() {
    return gaps;
  }

  public long missedBatches() {
    return missedBatches;
  }

  public long resets() {
    return resets;
  }

  public long malformedMessages() {
    return malformedMessages;
  }

  public long malformedPayloads() {
    return malformedPayloads;
  }

  public long reconnects() {
    return Math.max(0, connections - 1);
  }

  public String replayStatus() {
    return replayStatus;
  }

  public long replayReplies() {
    return replayReplies;
  }

  public long replayMatched() {
    return replayMatched;
  }

  public long elapsedMillis() {
    return elapsedMillis;
  }

  public java.util.Set<Long> blockSizes() {
    return blockSizes;
  }

  public java.util.Set<Long> ranks() {
    return ranks;
  }

  public java.util.Set<String> topics() {
    return topics;
  }
}
