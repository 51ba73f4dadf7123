package io.github.kvchart.aibrix.core.probe;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Connects to a model pod's KV-event sockets exactly as the AIBrix gateway does (SUB to the event
 * endpoint with every topic, DEALER to the replay endpoint) and records what arrives. It never
 * throws on what the peer sends: every oddity is counted in the {@link Observation}.
 */
public final class KvEventProbe {
  static final AtomicLong MONITORS = new AtomicLong();
  private static final int KEPT_DIGESTS = 100_000;
  private static final int MAX_TOPIC_CHARS = 200;
  private static final int HANDSHAKE_MILLIS = 2000;

  private final ProbeRequest request;
  private final Observation seen = new Observation();

  /** Live payload digests by sequence, since the last reset, for the replay comparison. */
  private final Map<Long, Long> digests =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
          return size() > KEPT_DIGESTS;
        }
      };

  public KvEventProbe(ProbeRequest request) {
    this.request = request;
  }

  /** Runs the probe: live batches until the count or the timeout, then the replay check. */
  public Observation run() {
    long start = System.nanoTime();
    try (ZContext context = new ZContext()) {
      live(context, start);
      if (request.replayEndpoint() != null) {
        if (seen.firstSequence == null) {
          seen.replayStatus = "not-checked";
        } else {
          new ReplayCheck(context, request, seen, digests).run();
        }
      }
    }
    seen.elapsedMillis = (System.nanoTime() - start) / 1_000_000;
    return seen;
  }

  private void live(ZContext context, long start) {
    long deadline = start + request.timeout().toNanos();
    // One SUB socket per connection attempt: ZeroMQ reconnects a dropped TCP connection by itself,
    // but not one it dropped for a protocol error (a frame over the size limit), so a socket that
    // has not shaken hands again within a second of a disconnect is replaced.
    while (seen.batches < request.batches() && System.nanoTime() < deadline) {
      ZMQ.Socket sub = context.createSocket(SocketType.SUB);
      bound(sub);
      String monitorAddress = "inproc://aibrix-probe-monitor-" + MONITORS.incrementAndGet();
      sub.monitor(
          monitorAddress,
          ZMQ.EVENT_CONNECTED | ZMQ.EVENT_DISCONNECTED | ZMQ.EVENT_HANDSHAKE_PROTOCOL);
      ZMQ.Socket monitor = context.createSocket(SocketType.PAIR);
      monitor.connect(monitorAddress);
      sub.subscribe(new byte[0]);
      sub.connect(request.endpoint());
      try (ZMQ.Poller poller = context.createPoller(2)) {
        poller.register(sub, ZMQ.Poller.POLLIN);
        poller.register(monitor, ZMQ.Poller.POLLIN);
        long stuckSince = -1;
        while (seen.batches < request.batches()) {
          long now = System.nanoTime();
          long left = (deadline - now) / 1_000_000;
          if (left <= 0) {
            break;
          }
          poller.poll(Math.min(left, 200));
          if (poller.pollin(1)) {
            monitorEvents(monitor);
          }
          if (poller.pollin(0)) {
            drain(sub, start);
          }
          boolean down = seen.disconnects > 0 && !seen.connected;
          if (!down) {
            stuckSince = -1;
          } else if (stuckSince < 0) {
            stuckSince = now;
          } else if (now - stuckSince > 1_000_000_000L) {
            break;
          }
        }
      }
      monitorEvents(monitor);
      sub.setLinger(0);
      context.destroySocket(sub);
      context.destroySocket(monitor);
    }
  }

  static void bound(ZMQ.Socket socket) {
    socket.setLinger(0);
    // A handshake between jeromq and libzmq (vLLM's pyzmq) now and then stalls after the TCP
    // connect; dropping it after 2 s makes the socket reconnect and try again.
    socket.setHandshakeIvl(HANDSHAKE_MILLIS);
    socket.setRcvHWM(ProbeRequest.QUEUED_MESSAGES);
    socket.setMaxMsgSize(ProbeRequest.MAX_FRAME_BYTES);
    socket.setReconnectIVL(100);
    socket.setReconnectIVLMax(1000);
  }

  private void monitorEvents(ZMQ.Socket monitor) {
    ZMQ.Event event;
    while ((event = ZMQ.Event.recv(monitor, ZMQ.DONTWAIT)) != null) {
      if (event.getEvent() == ZMQ.EVENT_CONNECTED) {
        seen.tcpConnected = true;
      } else if (event.getEvent() == ZMQ.EVENT_HANDSHAKE_PROTOCOL) {
        seen.handshake = true;
        seen.connected = true;
        seen.connections++;
      } else if (event.getEvent() == ZMQ.EVENT_DISCONNECTED) {
        seen.disconnects++;
        seen.connected = false;
      }
    }
  }

  /** Reads every message waiting on the SUB socket, up to the batch count. */
  private void drain(ZMQ.Socket sub, long start) {
    while (seen.batches < request.batches()) {
      byte[] topic = sub.recv(ZMQ.DONTWAIT);
      if (topic == null) {
        return;
      }
      byte[] sequence = null;
      byte[] payload = null;
      int frames = 1;
      while (sub.hasReceiveMore()) {
        byte[] frame = sub.recv();
        frames++;
        if (frames == 2) {
          sequence = frame;
        } else if (frames == 3) {
          payload = frame;
        }
      }
      if (frames != 3 || sequence.length != 8) {
        seen.malformedMessages++;
        Observation.example(
            seen.malformedExamples,
            frames != 3
                ? "a message of " + frames + " frames; vLLM sends 3 (topic, sequence, payload)"
                : "a sequence frame of " + sequence.length + " bytes; vLLM sends 8");
        continue;
      }
      batch(topic, ByteBuffer.wrap(sequence).getLong(), payload, start);
    }
  }

  private void batch(byte[] topic, long sequence, byte[] payload, long start) {
    if (seen.firstBatchMillis < 0) {
      seen.firstBatchMillis = (System.nanoTime() - start) / 1_000_000;
    }
    seen.batches++;
    seen.payloadBytes += payload.length;
    String name = new String(topic, StandardCharsets.UTF_8);
    Observation.keep(
        seen.topics, name.length() > MAX_TOPIC_CHARS ? name.substring(0, MAX_TOPIC_CHARS) : name);
    if (seen.lastSequence != null) {
      long last = seen.lastSequence;
      if (sequence <= last) {
        // back to an earlier number: the publisher started again (a pod restart)
        seen.resets++;
        seen.firstSequence = sequence;
        digests.clear();
      } else if (sequence > last + 1) {
        seen.gaps++;
        seen.missedBatches += sequence - last - 1;
      }
    } else {
      seen.firstSequence = sequence;
    }
    seen.lastSequence = sequence;
    digests.put(sequence, digest(payload));
    try {
      DecodedBatch decoded = EventBatchDecoder.decode(payload);
      seen.batchesByFormat.merge(decoded.format().label(), 1L, Long::sum);
      decoded.eventsByKind().forEach((kind, count) -> seen.kind(kind, count));
      seen.events += decoded.events();
      if (decoded.dataParallelRank() == null) {
        seen.batchWithoutRank = true;
      } else {
        Observation.keep(seen.ranks, decoded.dataParallelRank());
      }
      decoded.blockSizes().forEach(size -> Observation.keep(seen.blockSizes, size));
      seen.intHashes += decoded.intHashes();
      seen.byteHashes += decoded.byteHashes();
      if (!decoded.gatewayProblems().isEmpty()) {
        seen.undecodableByGateway++;
        Observation.example(
            seen.gatewayExamples, "batch " + sequence + ": " + decoded.gatewayProblems().get(0));
      }
    } catch (MalformedBatchException e) {
      seen.malformedPayloads++;
      Observation.example(seen.malformedExamples, "batch " + sequence + ": " + e.getMessage());
    }
  }

  static long digest(byte[] payload) {
    try {
      return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(payload)).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
