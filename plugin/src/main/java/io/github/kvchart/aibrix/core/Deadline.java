package io.github.kvchart.aibrix.core;

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

  /** Why a call did not return a result; the message names the call and, if so, the limit. */
  public static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    Failure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The call's result, or a Failure naming {@code what} (and the limit when it ran out). */
  public static <T> T run(Callable<T> call, Duration limit, String what) throws Failure {
    FutureTask<T> task = new FutureTask<>(call);
    Thread thread = new Thread(task, "aibrix-chart-deadline");
    thread.setDaemon(true);
    thread.start();
    try {
      return task.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      task.cancel(true);
      throw new Failure(
          what + " did not finish within " + limit.toSeconds() + " s; stopped waiting for it.",
          null);
    } catch (InterruptedException e) {
      task.cancel(true);
      Thread.currentThread().interrupt();
      throw new Failure(what + " was interrupted.", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new Failure(
          what + " failed: " + String.valueOf(cause.getMessage()).replaceAll("\\s+", " ").trim(),
          cause);
    }
  }
}
