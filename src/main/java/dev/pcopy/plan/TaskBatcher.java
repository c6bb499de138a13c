package dev.pcopy.plan;

import dev.pcopy.plan.Action.WorkerAction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Groups listed entries into tasks: small files and links travel in batches so that the per-task
 * protocol and dispatch cost is paid once per batch, while a large file is a task of its own so it
 * never holds up a batch of small ones.
 */
public final class TaskBatcher {
  private final int maxOps;
  private final long maxBatchBytes;
  private final Consumer<Task> out;
  private final List<WorkerAction> pending = new ArrayList<>();
  private long pendingBytes;
  private final AtomicLong ids;

  /**
   * @param maxOps most entries in one batch
   * @param maxBatchBytes a file at least this large is a task of its own; a batch is closed when
   *     its files reach this many bytes
   * @param out receives each finished task
   * @param ids numbers the tasks; batchers on other threads of the same run share it, so that
   *     task ids stay unique
   */
  public TaskBatcher(int maxOps, long maxBatchBytes, Consumer<Task> out, AtomicLong ids) {
    if (maxOps < 1) {
      throw new IllegalArgumentException("maxOps (" + maxOps + ") must be positive");
    }
    if (maxBatchBytes < 1) {
      throw new IllegalArgumentException("maxBatchBytes (" + maxBatchBytes + ") must be positive");
    }
    this.maxOps = maxOps;
    this.maxBatchBytes = maxBatchBytes;
    this.out = out;
    this.ids = ids;
  }

  /** Adds one entry, emitting any task it completes. */
  public void add(WorkerAction op) {
    if (op.bytes() >= maxBatchBytes) {
      out.accept(new Task(ids.getAndIncrement(), List.of(op), 0));
      return;
    }
    pending.add(op);
    pendingBytes += op.bytes();
    if (pending.size() >= maxOps || pendingBytes >= maxBatchBytes) {
      flush();
    }
  }

  /** Adds {@code actions} in order, then emits what is left as one last batch. */
  public void addAll(java.util.List<WorkerAction> actions) {
    for (WorkerAction a : actions) {
      add(a);
    }
    flush();
  }

  /** Emits the entries still waiting as one last batch. */
  public void flush() {
    if (!pending.isEmpty()) {
      out.accept(new Task(ids.getAndIncrement(), pending, 0));
      pending.clear();
      pendingBytes = 0;
    }
  }
}
