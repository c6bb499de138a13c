package dev.pcopy.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
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
    CopyTask batch1 = task(0, 10, 10);
    CopyTask small = task(1, 5 << 20);
    CopyTask batch2 = task(2, 10, 10);
    CopyTask huge = task(3, 128 << 20);
    CopyTask medium = task(4, 8 << 20);
    for (CopyTask t : List.of(batch1, small, batch2, huge, medium)) {
      assertTrue(queue.offer(t, 0, TimeUnit.MILLISECONDS));
    }

    List<CopyTask> out = new ArrayList<>();
    for (CopyTask t = queue.poll(); t != null; t = queue.poll()) {
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
  void capacityMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> new LargestFirstQueue(0));
  }

  private CopyTask task(long id, long... sizes) {
    List<FileOp> ops = new ArrayList<>();
    for (long size : sizes) {
      long seq = nextSeq++;
      ops.add(new FileOp(seq, OpKind.FILE, Path.of("/src/f" + seq), Path.of("/dst/f" + seq),
          size, 0644, Instant.EPOCH, Instant.EPOCH, null));
    }
    return new CopyTask(id, ops, 0);
  }
}
