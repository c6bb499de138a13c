package dev.pcopy.worker;

import dev.pcopy.copy.EntryWriter;
import dev.pcopy.copy.FileCopier.CancelledException;
import dev.pcopy.plan.Action.WorkerAction;
import dev.pcopy.plan.Outcome;
import dev.pcopy.plan.Task;
import dev.pcopy.protocol.Message;
import dev.pcopy.protocol.Message.Done;
import dev.pcopy.protocol.Message.Progress;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Carries out one task's actions in order and reports how far it is and how each action ended.
 *
 * <p>At a destination that refuses writes (full, over quota, read-only) the task ends early: its
 * later actions are not tried. So it does when the worker is told to stop; the actions already
 * done are still reported, so that the coordinator counts every finished copy.
 *
 * <p>Progress goes out when a lump of {@code progressBytes} is written, and at least every
 * {@code reportMillis} while anything moves (bytes, or the next action): a large file moves
 * the bar as it is copied, the coordinator can tell a slow copy from a stuck worker, and a batch
 * of small files still costs few frames.
 */
final class TaskRunner {
  /** Where the runner's frames go. */
  interface FrameSink {
    void send(Message message) throws IOException;
  }

  private final EntryWriter writer;
  private final FrameSink sink;
  private final long progressBytes;
  private final long reportNanos;
  private final int delayMillis;
  private final BooleanSupplier cancelled;
  private final LongSupplier nanoTime;

  TaskRunner(EntryWriter writer, FrameSink sink, long progressBytes, int reportMillis,
      int delayMillis, BooleanSupplier cancelled, LongSupplier nanoTime) {
    this.writer = writer;
    this.sink = sink;
    this.progressBytes = progressBytes;
    this.reportNanos = reportMillis * 1_000_000L;
    this.delayMillis = delayMillis;
    this.cancelled = cancelled;
    this.nanoTime = nanoTime;
  }

  /**
   * Carries out {@code task} and sends its {@link Done} frame.
   *
   * @throws CancelledException when the run is cancelled, after a {@code Done} with the
   *     outcomes of the actions finished before
   */
  void run(Task task) throws IOException, InterruptedException {
    List<Outcome> outcomes = new ArrayList<>(task.actions().size());
    Reporter reporter = new Reporter(task.id());
    boolean stopped = false;
    for (int i = 0; i < task.actions().size(); i++) {
      if (delayMillis > 0) {
        Thread.sleep(delayMillis);
      }
      if (cancelled.getAsBoolean()) {
        stopped = true;
        break;
      }
      WorkerAction action = task.actions().get(i);
      reporter.at(i);
      Outcome outcome;
      try {
        outcome = writer.run(action, reporter::written, cancelled);
      } catch (CancelledException e) {
        stopped = true;
        break;
      }
      outcomes.add(outcome);
      if (outcome.status() == Outcome.Status.TARGET_REFUSES_WRITES) {
        // The rest would fail alike, each one more error line; the coordinator stops the run.
        break;
      }
    }
    sink.send(new Done(task.id(), outcomes));
    if (stopped) {
      throw new CancelledException();
    }
  }

  /** Sends {@link Progress} frames for one task as it goes. */
  private final class Reporter {
    private final long taskId;
    private int index;
    private boolean indexReported = true;
    private long unreported;
    private long lastSent = nanoTime.getAsLong();

    Reporter(long taskId) {
      this.taskId = taskId;
    }

    void at(int next) {
      index = next;
      indexReported = false;
      maybeSend();
    }

    void written(long bytes) {
      unreported += bytes;
      maybeSend();
    }

    private void maybeSend() {
      long now = nanoTime.getAsLong();
      boolean due = now - lastSent >= reportNanos && (unreported > 0 || !indexReported);
      if (unreported < progressBytes && !due) {
        return;
      }
      try {
        sink.send(new Progress(taskId, index, unreported));
      } catch (IOException e) {
        // The coordinator is gone; the main loop sees the closed stdin and stops the copy.
        return;
      }
      unreported = 0;
      indexReported = true;
      lastSent = now;
    }
  }
}
