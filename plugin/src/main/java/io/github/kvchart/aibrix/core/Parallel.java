package io.github.kvchart.aibrix.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * Work spread over the cores: a list mapped in parallel with its order kept, and a call started on
 * a background thread. Threads are daemons, so a stalled task never keeps the JVM alive. A task's
 * {@link InvalidInputException} reaches the caller as itself; any other failure is an
 * IllegalStateException carrying it.
 */
public final class Parallel {
  private Parallel() {}

  /** One item's work. */
  @FunctionalInterface
  public interface Task<T, R> {
    R apply(T item) throws InvalidInputException;
  }

  /**
   * {@code task} applied to every item on up to {@code threads} threads; the results are in the
   * items' order, and the failure of the first failing item (in that order) is thrown.
   */
  public static <T, R> List<R> map(List<T> items, int threads, String name, Task<T, R> task)
      throws InvalidInputException {
    List<R> results = new ArrayList<>(items.size());
    if (threads <= 1 || items.size() < 2) {
      for (T item : items) {
        results.add(task.apply(item));
      }
      return results;
    }
    ExecutorService pool = pool(Math.min(threads, items.size()), name);
    try {
      List<Future<R>> futures = new ArrayList<>(items.size());
      for (T item : items) {
        futures.add(pool.submit(() -> task.apply(item)));
      }
      for (Future<R> future : futures) {
        results.add(await(future, name));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  /** A pool of {@code threads} daemon threads named {@code name}; shut it down when done. */
  public static ExecutorService pool(int threads, String name) {
    return Executors.newFixedThreadPool(
        threads,
        runnable -> {
          Thread thread = new Thread(runnable, name);
          thread.setDaemon(true);
          return thread;
        });
  }

  /** {@code call} started now on a daemon thread named {@code name}; {@link #await} its result. */
  public static <T> Future<T> background(String name, Callable<T> call) {
    FutureTask<T> task = new FutureTask<>(call);
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
    return task;
  }

  /** The result of a task started here; its failure rethrown as described above. */
  public static <T> T await(Future<T> future, String what) throws InvalidInputException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(what + " was interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof InvalidInputException invalid) {
        throw invalid;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(what + " failed: " + cause, cause);
    }
  }
}
