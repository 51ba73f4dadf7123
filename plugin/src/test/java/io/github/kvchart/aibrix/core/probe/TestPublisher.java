package io.github.kvchart.aibrix.core.probe;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A stand-in for vLLM's ZmqEventPublisher on loopback: an (X)PUB socket sending (topic, 8-byte
 * sequence, payload) and a ROUTER answering replay requests from its buffer, ending with sequence
 * -1. XPUB instead of PUB only so the test can wait for the probe's subscription; on the wire the
 * two are the same to a subscriber. The PUB socket belongs to the calling thread, the ROUTER to a
 * thread of its own.
 */
public final class TestPublisher implements AutoCloseable {
  private final ZContext context = new ZContext();
  private ZMQ.Socket pub;
  private final String endpoint;
  private final String replayEndpoint;
  private final List<long[]> bufferSeq = new ArrayList<>();
  private final List<byte[]> buffer = new ArrayList<>();
  private final Thread replayThread;
  private volatile boolean running = true;
  private volatile boolean replayWrong;
  private long sequence;
  String topic = "kv-events";

  public TestPublisher(boolean replay) {
    pub = xpub();
    pub.bind("tcp://127.0.0.1:*");
    endpoint = pub.getLastEndpoint();
    if (replay) {
      ZMQ.Socket router = context.createSocket(SocketType.ROUTER);
      router.setLinger(0);
      router.bind("tcp://127.0.0.1:*");
      replayEndpoint = router.getLastEndpoint();
      replayThread = new Thread(() -> serveReplay(router), "test-replay");
      replayThread.setDaemon(true);
      replayThread.start();
    } else {
      replayEndpoint = unusedEndpoint();
      replayThread = null;
    }
  }

  /**
   * Verbose, so that every subscription comes up: a plain XPUB hands up only a topic's first one,
   * and a probe that reconnects before the XPUB has seen its old connection close would subscribe
   * again unseen.
   */
  private ZMQ.Socket xpub() {
    ZMQ.Socket socket = context.createSocket(SocketType.XPUB);
    socket.setLinger(0);
    socket.setSndHWM(1_000_000);
    socket.setXpubVerbose(true);
    return socket;
  }

  private String unusedEndpoint() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return "tcp://127.0.0.1:" + socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public String endpoint() {
    return endpoint;
  }

  public String replayEndpoint() {
    return replayEndpoint;
  }

  /** Waits until a subscriber has subscribed (XPUB hands up subscriptions, 1, and cancels, 0). */
  public void awaitSubscriber(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      int left = (int) ((deadline - System.nanoTime()) / 1_000_000);
      if (left <= 0) {
        throw new IllegalStateException("no subscriber within " + timeout);
      }
      pub.setReceiveTimeOut(left);
      byte[] message = pub.recv();
      if (message != null && message.length > 0 && message[0] == 1) {
        return;
      }
    }
  }

  /** Publishes a batch with the next sequence number, and keeps it for replay. */
  public long publish(byte[] payload) {
    long seq = sequence++;
    pub.sendMore(topic.getBytes(StandardCharsets.UTF_8));
    pub.sendMore(ByteBuffer.allocate(8).putLong(seq).array());
    pub.send(payload);
    synchronized (buffer) {
      bufferSeq.add(new long[] {seq});
      buffer.add(payload);
    }
    return seq;
  }

  /** Sends any frames, as garbage. */
  void raw(byte[]... frames) {
    for (int i = 0; i < frames.length; i++) {
      if (i < frames.length - 1) {
        pub.sendMore(frames[i]);
      } else {
        pub.send(frames[i]);
      }
    }
  }

  /** Skips sequence numbers, as a publisher whose messages were lost. */
  void skip(int count) {
    sequence += count;
  }

  /** The sequence starts again at 0 and the buffer empties, as after a pod restart. */
  void restartSequence() {
    sequence = 0;
    synchronized (buffer) {
      bufferSeq.clear();
      buffer.clear();
    }
  }

  /** Closes the PUB socket and binds a new one on the same port: the probe must reconnect. */
  void rebind() throws InterruptedException {
    String address = endpoint;
    pub.close();
    Thread.sleep(200);
    pub = xpub();
    for (int attempt = 0; ; attempt++) {
      try {
        pub.bind(address);
        return;
      } catch (org.zeromq.ZMQException e) {
        if (attempt > 50) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }

  /** Replays answer with other bytes than were published. */
  void replayWrongly() {
    replayWrong = true;
  }

  private void serveReplay(ZMQ.Socket router) {
    router.setReceiveTimeOut(100);
    while (running) {
      byte[] identity;
      try {
        identity = router.recv();
      } catch (RuntimeException e) {
        return; // the context was closed
      }
      if (identity == null) {
        continue;
      }
      List<byte[]> frames = new ArrayList<>();
      while (router.hasReceiveMore()) {
        frames.add(router.recv());
      }
      if (frames.size() != 2) {
        continue;
      }
      long start = ByteBuffer.wrap(frames.get(1)).getLong();
      List<long[]> seqs;
      List<byte[]> payloads;
      synchronized (buffer) {
        seqs = new ArrayList<>(bufferSeq);
        payloads = new ArrayList<>(buffer);
      }
      for (int i = 0; i < seqs.size(); i++) {
        long seq = seqs.get(i)[0];
        if (seq >= start) {
          byte[] payload = payloads.get(i);
          if (replayWrong) {
            payload = payload.clone();
            payload[payload.length - 1] ^= 1;
          }
          router.sendMore(identity);
          router.sendMore(new byte[0]);
          router.sendMore(ByteBuffer.allocate(8).putLong(seq).array());
          router.send(payload);
        }
      }
      router.sendMore(identity);
      router.sendMore(new byte[0]);
      router.sendMore(ByteBuffer.allocate(8).putLong(-1).array());
      router.send(new byte[0]);
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    if (replayThread != null) {
      replayThread.join(2000);
    }
    context.close();
  }
}
