package dev.pcopy.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.plan.Action.WorkerAction;
import dev.pcopy.testing.TestActions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class LargestFirstQueueTest {
  private long nextSeq;

  @Test
  void loneFilesLeaveLargestFirstAheadOfBatchesWhichKeepTheirOrder()
      throws InterruptedException {
    LargestFirstQueue queue = new LargestFirstQueue(10);
    Task batch1 = task(0, 10, 10);
    Task small = task(1, 5 << 20);
    Task batch2 = task(2, 10, 10);
    Task huge = task(3, 128 << 20);
    Task medium = task(4, 8 << 20);
    for (Task t : List.of(batch1, small, batch2, huge, medium)) {
      assertTrue(queue.offer(t, 0, TimeUnit.MILLISECONDS));
    }

    List<Task> out = new ArrayList<>();
    for (Task t = queue.poll(); t != null; t = queue.poll()) {
      out.add(t);
    }

    assertEquals(List.of(huge, medium, small, batch1, batch2), out);
    assertTrue(queue.isEmpty());
  }

  @Test
  void offerWaitsForRoomAndGivesUpAfterTheTimeout() throws InterruptedException {
    LargestFirstQueue queue = new LargestFirstQueue(1);
    assertTrue(queue.offer(task(0, 1), 0, TimeUnit.MILLISECONDS));

    assertFalse(queue.offer(task(1, 1), 20, TimeUnit.MILLISECONDS));
  }

  @Test
  @Timeout(10)
  void offerIsLetInOnceATaskIsTaken() throws InterruptedException {
    LargestFirstQueue queue = new LargestFirstQueue(1);
    queue.offer(task(0, 1), 0, TimeUnit.MILLISECONDS);
    CountDownLatch added = new CountDownLatch(1);
    Thread producer = new Thread(() -> {
      try {
        if (queue.offer(task(1, 2), 5, TimeUnit.SECONDS)) {
          added.countDown();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    producer.start();

    assertEquals(0, queue.poll().id());
    assertTrue(added.await(5, TimeUnit.SECONDS));
    assertEquals(1, queue.poll().id());
    assertNull(queue.poll());
    producer.join();
  }

  @Test
  void capacityCountsActions_andABatchLargerThanItStillEntersAnEmptyQueue()
      throws InterruptedException {
    LargestFirstQueue queue = new LargestFirstQueue(3);
    assertTrue(queue.offer(task(0, 1, 1), 0, TimeUnit.MILLISECONDS));

    assertFalse(queue.offer(task(1, 1, 1), 0, TimeUnit.MILLISECONDS), "4 actions held");
    assertTrue(queue.offer(task(2, 1), 0, TimeUnit.MILLISECONDS));
    queue.poll();
    queue.poll();
    assertTrue(queue.offer(task(3, 1, 1, 1, 1, 1), 0, TimeUnit.MILLISECONDS));
    assertFalse(queue.offer(task(4, 1), 0, TimeUnit.MILLISECONDS));
  }

  @Test
  void capacityMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> new LargestFirstQueue(0));
  }

  private Task task(long id, long... sizes) {
    List<WorkerAction> ops = new ArrayList<>();
    for (long size : sizes) {
      long seq = nextSeq++;
      ops.add(TestActions.file(seq, size));
    }
    return new Task(id, ops, 0);
  }
}
