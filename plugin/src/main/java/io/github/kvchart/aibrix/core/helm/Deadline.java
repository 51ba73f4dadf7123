package io.github.kvchart.aibrix.core.helm;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a call that cannot be interrupted (Helm's Go code, a template render) with a time limit: it
 * runs on a daemon thread, and the caller gives up after the limit, so a stalled call never holds
 * the build (a daemon thread does not keep the JVM alive).
 */
public final class Deadline {
  private Deadline() {}

  /** The call's result, or a HelmException naming {@code what} and the limit. */
  public static <T> T run(Callable<T> call, Duration limit, String what) throws HelmException {
    FutureTask<T> task = new FutureTask<>(call);
    Thread thread = new Thread(task, "aibrix-chart-deadline");
    thread.setDaemon(true);
    thread.start();
    try {
      return task.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      task.cancel(true);
      throw new HelmException(
          what + " did not finish within " + limit.toSeconds() + " s; stopped waiting for it.",
          null);
    } catch (InterruptedException e) {
      task.cancel(true);
      Thread.currentThread().interrupt();
      throw new HelmException(what + " was interrupted.", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new HelmException(
          what + " failed: " + String.valueOf(cause.getMessage()).replaceAll("\\s+", " ").trim(),
          cause);
    }
  }
}
