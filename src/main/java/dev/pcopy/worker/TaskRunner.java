package dev.pcopy.worker;

import dev.pcopy.copy.EntryCopier;
import dev.pcopy.copy.FileCopier;
import dev.pcopy.plan.CopyTask;
import dev.pcopy.plan.FileOp;
import dev.pcopy.protocol.Message;
import dev.pcopy.protocol.Message.Done;
import dev.pcopy.protocol.Message.OpResult;
import dev.pcopy.protocol.Message.Progress;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * Runs one task's entries in order and reports byte progress and the per-entry results.
 *
 * <p>At a destination that refuses writes (full, over quota, read-only) the task ends early: its
 * later entries are not tried. So it does when the worker is told to stop; the entries already
 * at their final names are still reported, so that the coordinator counts every finished copy.
 *
 * <p>Progress is sent in lumps of at least {@code progressBytes}, so that a large file moves the
 * bar as it is copied while a batch of small files costs one {@link Done} frame, not one frame
 * per file.
 */
final class TaskRunner {
  /** Where the runner's frames go. */
  interface FrameSink {
    void send(Message message) throws IOException;
  }

  private final EntryCopier copier;
  private final FrameSink sink;
  private final long progressBytes;
  private final int testDelayMillis;
  private final BooleanSupplier cancelled;

  TaskRunner(EntryCopier copier, FrameSink sink, long progressBytes, int testDelayMillis,
      BooleanSupplier cancelled) {
    this.copier = copier;
    this.sink = sink;
    this.progressBytes = progressBytes;
    this.testDelayMillis = testDelayMillis;
    this.cancelled = cancelled;
  }

  /**
   * Runs {@code task} and sends its {@link Done} frame.
   *
   * @throws FileCopier.CancelledException when the run is cancelled, after a {@code Done} with
   *     the results of the entries finished before
   */
  void run(CopyTask task) throws IOException, InterruptedException {
    List<OpResult> results = new ArrayList<>(task.ops().size());
    long[] unreported = {0};
    LongConsumer progress = bytes -> {
      unreported[0] += bytes;
      if (unreported[0] >= progressBytes) {
        sendProgress(task.id(), unreported[0]);
        unreported[0] = 0;
      }
    };
    boolean stopped = false;
    for (FileOp op : task.ops()) {
      if (testDelayMillis > 0) {
        Thread.sleep(testDelayMillis);
      }
      if (cancelled.getAsBoolean()) {
        stopped = true;
        break;
      }
      OpResult result;
      try {
        result = copier.copy(op, progress, cancelled);
      } catch (FileCopier.CancelledException e) {
        stopped = true;
        break;
      }
      results.add(result);
      if (result.status() == Message.Status.FAILED_TARGET_REFUSES_WRITES) {
        // The rest would fail alike, each one more error line; the coordinator stops the run.
        break;
      }
    }
    sink.send(new Done(task.id(), results));
    if (stopped) {
      throw new FileCopier.CancelledException();
    }
  }

  private void sendProgress(long taskId, long bytes) {
    try {
      sink.send(new Progress(taskId, bytes));
    } catch (IOException e) {
      // The coordinator is gone; the main loop sees the closed stdin and stops the copy.
    }
  }
}
