package dev.pcopy.job;

import dev.pcopy.copy.TargetCheck;
import dev.pcopy.plan.FileOp;
import dev.pcopy.plan.TaskBatcher;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Compares entries whose target directory already existed with what their targets hold, on a
 * thread of its own: on a re-run the walk's {@code lstat} of each source and this {@code lstat}
 * of each target then run side by side instead of one after the other.
 *
 * <p>Entries that need writing go to its batcher, marked when the target is known to be stale;
 * finished copies go to {@code upToDate}. At most {@value #QUEUED_CHUNKS} chunks wait, so a fast
 * walk waits for it rather than filling memory.
 */
final class TargetComparer {
  private static final int QUEUED_CHUNKS = 16;
  /** Marks the end of the entries; compared by identity. */
  private static final List<FileOp> END = new ArrayList<>(0);

  private final BlockingQueue<List<FileOp>> chunks = new ArrayBlockingQueue<>(QUEUED_CHUNKS);
  private final TargetCheck check;
  private final TaskBatcher batcher;
  private final Consumer<List<FileOp>> upToDate;
  private final AtomicBoolean cancelled;
  private Thread thread;

  /**
   * @param check compares one entry with its target
   * @param batcher receives the entries to write; used on the comparer's thread only
   * @param upToDate receives, per chunk, the entries whose target is a finished copy
   * @param cancelled set when the run is being stopped
   */
  TargetComparer(TargetCheck check, TaskBatcher batcher, Consumer<List<FileOp>> upToDate,
      AtomicBoolean cancelled) {
    this.check = check;
    this.batcher = batcher;
    this.upToDate = upToDate;
    this.cancelled = cancelled;
  }

  /**
   * Hands over entries to compare, waiting while the comparer is behind; an interrupt cancels
   * the run.
   */
  void submit(List<FileOp> ops) {
    if (thread == null) {
      thread = new Thread(this::run, "pcopy-target-check");
      thread.setDaemon(true);
      thread.start();
    }
    try {
      // A comparer that died of an Error takes nothing more, so do not wait for it forever.
      while (!cancelled.get() && thread.isAlive()) {
        if (chunks.offer(ops, 100, TimeUnit.MILLISECONDS)) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancelled.set(true);
    }
  }

  /**
   * Waits until every entry handed over has been compared and passed on; an interrupt cancels
   * the run.
   */
  void finish() {
    if (thread == null) {
      return;
    }
    submit(END);
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancelled.set(true);
    }
  }

  private void run() {
    try {
      while (!cancelled.get()) {
        List<FileOp> chunk = chunks.poll(100, TimeUnit.MILLISECONDS);
        if (chunk == END) {
          return;
        }
        if (chunk != null) {
          compare(chunk);
        }
      }
    } catch (InterruptedException e) {
      cancelled.set(true);
    }
  }

  private void compare(List<FileOp> chunk) {
    List<FileOp> current = new ArrayList<>();
    for (FileOp op : chunk) {
      TargetCheck.Verdict verdict;
      try {
        verdict = check.compare(op, TargetCheck.read(op));
      } catch (IOException | RuntimeException e) {
        // The worker looks again and reports what is wrong, naming the target.
        batcher.add(op);
        continue;
      }
      switch (verdict) {
        case CURRENT -> current.add(op);
        // The worker fixes mode and owner in place rather than copying again.
        case SAME_CONTENT -> batcher.add(op);
        case STALE -> batcher.add(op.withTargetChecked());
      }
    }
    batcher.flush();
    if (!current.isEmpty()) {
      upToDate.accept(current);
    }
  }
}
