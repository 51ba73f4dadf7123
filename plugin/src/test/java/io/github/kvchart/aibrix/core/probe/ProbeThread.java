package io.github.kvchart.aibrix.core.probe;

import java.util.concurrent.CompletableFuture;

/** Runs a probe on a thread of its own (never a shared pool, whose threads other tests hold). */
final class ProbeThread {
  private ProbeThread() {}

  static CompletableFuture<Observation> start(ProbeRequest request) {
    CompletableFuture<Observation> result = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                result.complete(new KvEventProbe(request).run());
              } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
              }
            },
            "probe");
    thread.setDaemon(true);
    thread.start();
    return result;
  }
}
