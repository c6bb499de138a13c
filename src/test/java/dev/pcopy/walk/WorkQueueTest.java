package dev.pcopy.walk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link WorkQueue}: a unit that fails on one thread ends the whole walk with that failure,
 * even when it fails with an {@link Error}, which once left the other threads waiting for it
 * for ever (or, on one thread, ended the walk as if it were complete).
 */
class WorkQueueTest {
  /** A hang would be the bug; the bound only keeps a broken build from blocking the suite. */
  private static final Duration HANG_GUARD = Duration.ofSeconds(60);

  @Test
  void run_anErrorOnAnyThread_endsTheWalkWithAFailureThatNamesIt() {
    for (int threads = 1; threads <= 3; threads++) {
      AtomicInteger processed = new AtomicInteger();
      WorkQueue queue = new WorkQueue(threads, unit -> {
        int n = processed.incrementAndGet();
        if (n == 3) {
          throw new StackOverflowError();
        }
        // Every unit has two children: the walk never ends by itself.
        return List.of(unit, unit);
      });

      RuntimeException e = assertTimeoutPreemptively(HANG_GUARD,
          () -> assertThrows(RuntimeException.class,
              () -> queue.run(Unit.root(null, null, null, null))), threads + " threads");

      assertEquals("the tree is too deep to walk", e.getMessage(), threads + " threads");
    }
  }

  @Test
  void run_aRuntimeException_isThrownAsItIs() {
    IllegalStateException bug = new IllegalStateException("a bug");
    WorkQueue queue = new WorkQueue(2, unit -> {
      throw bug;
    });

    RuntimeException e = assertTimeoutPreemptively(HANG_GUARD,
        () -> assertThrows(RuntimeException.class,
            () -> queue.run(Unit.root(null, null, null, null))));

    assertEquals(bug, e);
  }
}
