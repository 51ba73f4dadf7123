package io.github.kvchart.aibrix.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Parallel keeps the items' order, reports the first failure in that order, and uses threads. */
class ParallelTest {
  private static final List<Integer> ITEMS = IntStream.range(0, 200).boxed().toList();

  @Test
  void resultsKeepTheItemsOrderWhateverFinishesFirst() throws Exception {
    Set<String> threads = ConcurrentHashMap.newKeySet();
    List<Integer> squares =
        Parallel.map(
            ITEMS,
            4,
            "test-map",
            i -> {
              threads.add(Thread.currentThread().getName());
              if (i % 7 == 0) {
                pause(1);
              }
              return i * i;
            });
    assertEquals(ITEMS.stream().map(i -> i * i).toList(), squares);
    assertEquals(Set.of("test-map"), threads, "the work ran on the pool's threads only");
    assertEquals(List.of(0, 1), Parallel.map(List.of(0, 1), 1, "unused", i -> i));
  }

  @Test
  void theFirstFailingItemInOrderIsReportedAsItself() {
    for (int threads : new int[] {1, 3}) {
      InvalidInputException failure =
          assertThrows(
              InvalidInputException.class,
              () ->
                  Parallel.map(
                      ITEMS,
                      threads,
                      "test-fail",
                      i -> {
                        if (i == 150) {
                          throw new InvalidInputException(null, "item 150", "none");
                        }
                        if (i == 40) {
                          pause(50); // fails last in time, first in order
                          throw new InvalidInputException(null, "item 40", "none");
                        }
                        return i;
                      }));
      assertTrue(failure.getMessage().contains("item 40"), failure.getMessage());
    }
    IllegalArgumentException bug = new IllegalArgumentException("a bug");
    assertSame(
        bug,
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Parallel.map(
                    ITEMS,
                    2,
                    "test-bug",
                    i -> {
                      if (i == 3) {
                        throw bug;
                      }
                      return i;
                    })));
  }

  @Test
  void aBackgroundCallRunsOnADaemonThread() throws Exception {
    Future<Boolean> daemon =
        Parallel.background("test-background", () -> Thread.currentThread().isDaemon());
    assertTrue(Parallel.await(daemon, "test"));
    Future<Object> failing =
        Parallel.background(
            "test-background",
            () -> {
              throw new InvalidInputException(null, "bad input", "fix it");
            });
    assertThrows(InvalidInputException.class, () -> Parallel.await(failing, "test"));
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
