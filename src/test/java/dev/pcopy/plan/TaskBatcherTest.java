package dev.pcopy.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.plan.Action.WorkerAction;
import dev.pcopy.testing.TestActions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TaskBatcherTest {
  private final List<Task> tasks = new ArrayList<>();
  private long nextSeq;

  @Test
  void add_closesABatchWhenItHoldsMaxOpsEntries() {
    TaskBatcher batcher = new TaskBatcher(3, 1000, tasks::add, new AtomicLong());

    for (int i = 0; i < 7; i++) {
      batcher.add(op(1));
    }

    assertEquals(List.of(List.of(0L, 1L, 2L), List.of(3L, 4L, 5L)), seqs());
  }

  @Test
  void add_closesABatchWhenItsBytesReachTheLimit() {
    TaskBatcher batcher = new TaskBatcher(100, 100, tasks::add, new AtomicLong());

    batcher.add(op(40));
    batcher.add(op(40));
    assertTrue(tasks.isEmpty(), "80 of 100 bytes must stay open");
    batcher.add(op(20));

    assertEquals(List.of(List.of(0L, 1L, 2L)), seqs());
    assertEquals(100, tasks.get(0).bytes());
  }

  @Test
  void add_sendsAFileOfAtLeastMaxBatchBytesAloneAndAtOnce() {
    TaskBatcher batcher = new TaskBatcher(100, 100, tasks::add, new AtomicLong());

    batcher.add(op(10));
    batcher.add(op(100));
    batcher.add(op(5_000_000));

    assertEquals(List.of(List.of(1L), List.of(2L)), seqs());
    batcher.flush();
    assertEquals(List.of(List.of(1L), List.of(2L), List.of(0L)), seqs());
  }

  @Test
  void flush_emitsWhatIsPendingAsOneBatch() {
    TaskBatcher batcher = new TaskBatcher(10, 1000, tasks::add, new AtomicLong());
    batcher.add(op(1));
    batcher.add(op(2));

    batcher.flush();

    assertEquals(List.of(List.of(0L, 1L)), seqs());
  }

  @Test
  void flush_withNothingPendingEmitsNothing() {
    TaskBatcher batcher = new TaskBatcher(2, 1000, tasks::add, new AtomicLong());
    batcher.add(op(1));
    batcher.add(op(1));

    batcher.flush();
    batcher.flush();

    assertEquals(1, tasks.size());
  }

  @Test
  void emittedTasksDoNotChangeWhenTheBatcherGoesOn() {
    TaskBatcher batcher = new TaskBatcher(10, 1000, tasks::add, new AtomicLong());
    batcher.add(op(1));
    batcher.flush();

    batcher.add(op(1));
    batcher.add(op(1));
    batcher.flush();

    assertEquals(List.of(List.of(0L), List.of(1L, 2L)), seqs());
  }

  @Test
  void tasksGetUniqueIdsAndStartAtAttemptZero() {
    TaskBatcher batcher = new TaskBatcher(2, 50, tasks::add, new AtomicLong());
    for (int size : new int[] {1, 60, 1, 1, 70, 1}) {
      batcher.add(op(size));
    }
    batcher.flush();

    Set<Long> ids = new HashSet<>();
    for (Task task : tasks) {
      assertTrue(ids.add(task.id()), "duplicate task id " + task.id());
      assertEquals(0, task.attempt());
    }
    assertEquals(4, tasks.size());
  }

  @Test
  void constructor_rejectsNonPositiveLimitsNamingTheValue() {
    IllegalArgumentException ops =
        assertThrows(IllegalArgumentException.class, () -> new TaskBatcher(0, 1, tasks::add, new AtomicLong()));
    IllegalArgumentException bytes =
        assertThrows(IllegalArgumentException.class, () -> new TaskBatcher(1, -5, tasks::add, new AtomicLong()));

    assertTrue(ops.getMessage().contains("(0)"), ops.getMessage());
    assertTrue(bytes.getMessage().contains("(-5)"), bytes.getMessage());
  }

  private List<List<Long>> seqs() {
    return tasks.stream().map(t -> t.actions().stream().map(WorkerAction::seq).toList()).toList();
  }

  private WorkerAction op(long size) {
    long seq = nextSeq++;
    return TestActions.file(seq, size);
  }
}
