package io.github.kvchart.aibrix.core.probe;

import java.nio.ByteBuffer;
import java.util.Map;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The replay check, as the gateway replays after a reconnect: a DEALER asks vLLM's ROUTER for every
 * batch from the first sequence the probe saw live, counts the answers up to the end marker
 * (sequence -1) and compares each with the batch published under that number.
 */
final class ReplayCheck {
  private final ZContext context;
  private final ProbeRequest request;
  private final Observation seen;
  private final Map<Long, Long> digests;

  /**
   * @param digests the live payloads' digests by sequence
   */
  ReplayCheck(ZContext context, ProbeRequest request, Observation seen, Map<Long, Long> digests) {
    this.context = context;
    this.request = request;
    this.seen = seen;
    this.digests = digests;
  }

  /** Asks for every batch from the first sequence seen and compares the answers with them. */
  void run() {
    ZMQ.Socket dealer = context.createSocket(SocketType.DEALER);
    KvEventProbe.bound(dealer);
    String monitorAddress =
        "inproc://aibrix-probe-monitor-" + KvEventProbe.MONITORS.incrementAndGet();
    dealer.monitor(monitorAddress, ZMQ.EVENT_HANDSHAKE_PROTOCOL);
    ZMQ.Socket monitor = context.createSocket(SocketType.PAIR);
    monitor.connect(monitorAddress);
    dealer.connect(request.replayEndpoint());
    long deadline = System.nanoTime() + request.replayTimeout().toNanos();
    // ask only once the ROUTER has answered the handshake: a request queued earlier can be lost
    monitor.setReceiveTimeOut((int) Math.max(1, request.replayTimeout().toMillis()));
    ZMQ.Event handshake = ZMQ.Event.recv(monitor);
    if (handshake == null) {
      seen.replayStatus = "missing";
      Observation.example(
          seen.replayProblems, "no ZeroMQ peer answered on " + request.replayEndpoint());
      return;
    }
    long from = seen.firstSequence;
    seen.replayFrom = from;
    dealer.sendMore(new byte[0]);
    dealer.send(ByteBuffer.allocate(8).putLong(from).array());
    long previous = Long.MIN_VALUE;
    Long firstReply = null;
    java.util.Set<Long> answered = new java.util.HashSet<>();
    try (ZMQ.Poller poller = context.createPoller(1)) {
      poller.register(dealer, ZMQ.Poller.POLLIN);
      while (!seen.replayEndMarker) {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          break;
        }
        poller.poll(Math.min(left, 200));
        byte[] first;
        while (!seen.replayEndMarker && (first = dealer.recv(ZMQ.DONTWAIT)) != null) {
          byte[][] frames = new byte[3][];
          frames[0] = first;
          int count = 1;
          while (dealer.hasReceiveMore()) {
            byte[] frame = dealer.recv();
            if (count < 3) {
              frames[count] = frame;
            }
            count++;
          }
          if (count != 3 || frames[0].length != 0 || frames[1].length != 8) {
            Observation.example(
                seen.replayProblems,
                "a reply of "
                    + count
                    + " frames; vLLM answers (empty delimiter, 8-byte sequence, payload)");
            seen.replayMismatched++;
            continue;
          }
          long sequence = ByteBuffer.wrap(frames[1]).getLong();
          if (sequence == -1) {
            seen.replayEndMarker = true;
            break;
          }
          seen.replayReplies++;
          if (sequence < from || sequence <= previous) {
            Observation.example(
                seen.replayProblems,
                "reply "
                    + sequence
                    + " is out of order (asked from "
                    + from
                    + ", previous "
                    + previous
                    + ")");
            seen.replayMismatched++;
          }
          previous = sequence;
          if (firstReply == null) {
            firstReply = sequence;
          }
          Long live = digests.get(sequence);
          if (live != null && answered.add(sequence)) {
            if (live == KvEventProbe.digest(frames[2])) {
              seen.replayMatched++;
            } else {
              seen.replayMismatched++;
              Observation.example(
                  seen.replayProblems,
                  "batch " + sequence + " replayed with other bytes than were published");
            }
          }
        }
      }
    }
    if (seen.replayEndMarker && firstReply != null) {
      // every live batch from the first reply on must be among the answers
      for (Long sequence : digests.keySet()) {
        if (sequence >= firstReply && !answered.contains(sequence)) {
          seen.replayMissing++;
        }
      }
      if (seen.replayMissing > 0) {
        Observation.example(
            seen.replayProblems,
            seen.replayMissing + " batch(es) seen live were not in the replay");
      }
    }
    if (!seen.replayEndMarker) {
      seen.replayStatus = seen.replayReplies == 0 ? "missing" : "incomplete";
    } else if (seen.replayMismatched > 0 || seen.replayMissing > 0) {
      seen.replayStatus = "wrong";
    } else {
      seen.replayStatus = "ok";
    }
  }
}
