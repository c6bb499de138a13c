package dev.pcopy.pool;

import dev.pcopy.plan.CopyTask;
import dev.pcopy.plan.FileOp;
import dev.pcopy.protocol.Message.OpResult;
import dev.pcopy.protocol.Message.Status;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs a copy: hands tasks to workers by demand, drains the completion queue, and replaces dead
 * workers, giving their tasks to others.
 *
 * <p>A task that was being copied when its worker died is blamed for the death. After
 * {@value #MAX_ATTEMPTS} deaths a batch is split into single entries so that the one entry at
 * fault is found, and a single entry that kills {@value #MAX_ATTEMPTS} workers is reported as
 * failed instead of being retried forever.
 *
 * <p>A destination that refuses writes (full, over quota, read-only) ends the run as a signal
 * does: every later write would fail alike, so nothing more is handed out and the workers are
 * stopped. Either way the workers are given a moment to settle first, so that the files they
 * finished meanwhile are counted.
 */
public final class Coordinator {
  /** Worker deaths a task may cause before it is split or given up. */
  public static final int MAX_ATTEMPTS = 3;
  /** Workers in a row that may die before saying hello before the run is abandoned. */
  static final int MAX_START_FAILURES = 3;
  /** How long stopped workers have to report their last results and exit before being killed. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(3);
  /** How long idle workers have to exit at the end of a finished run. */
  private static final Duration FINISH_GRACE = Duration.ofSeconds(10);

  private final WorkerPool pool;
  private final BlockingQueue<PoolEvent> events;
  private final TaskFeed feed;
  private final RunObserver observer;
  private final Deque<CopyTask> retries = new ArrayDeque<>();
  private long nextSplitId = -1;
  private int startFailures;
  /** Why the destination refuses writes, once a worker or the walker has said so; else null. */
  private String refusal;
  /** Whether the workers have been told to stop and only their last reports are awaited. */
  private boolean stopping;

  /** How a run ended. */
  public enum Outcome {
    /** Every task was finished (some entries may have failed). */
    FINISHED,
    /** SIGINT or SIGTERM stopped it. */
    INTERRUPTED,
    /** The destination refused writes (full, over quota, read-only), so the run stopped. */
    TARGET_REFUSES_WRITES
  }

  /**
   * @param pool the workers
   * @param events the completion queue, shared with the pool's readers and the walker
   * @param feed new tasks
   * @param observer receives the outcome
   */
  public Coordinator(WorkerPool pool, BlockingQueue<PoolEvent> events, TaskFeed feed,
      RunObserver observer) {
    this.pool = pool;
    this.events = events;
    this.feed = feed;
    this.observer = observer;
  }

  /**
   * Runs until every task is finished, a signal arrives or the destination refuses writes, then
   * stops the workers.
   *
   * @throws PoolException if workers cannot be started
   */
  public Outcome run() throws InterruptedException {
    Outcome outcome = null;
    try {
      outcome = runUntilStopped();
      if (outcome != Outcome.FINISHED) {
        settle();
      }
      if (outcome == Outcome.TARGET_REFUSES_WRITES) {
        observer.destinationRefusesWrites(refusal);
      }
      return outcome;
    } finally {
      // After settling, what is left has had its grace; after an error it has not.
      Duration grace = outcome == null ? STOP_GRACE
          : outcome == Outcome.FINISHED ? FINISH_GRACE : Duration.ZERO;
      for (WorkerHandle.InFlight held : pool.shutdown(grace)) {
        observer.bytesCopied(-held.creditedBytes);
        observer.abandoned(held.task);
      }
    }
  }

  private Outcome runUntilStopped() throws InterruptedException {
    while (true) {
      dispatch();
      boolean done = feed.exhausted() && retries.isEmpty() && pool.isIdle();
      // Once done, take what is already queued (the walker's last findings) without waiting.
      PoolEvent event = done ? events.poll() : events.poll(100, TimeUnit.MILLISECONDS);
      if (done && event == null) {
        return Outcome.FINISHED;
      }
      while (event != null) {
        if (event instanceof PoolEvent.Interrupted) {
          return Outcome.INTERRUPTED;
        }
        handle(event);
        if (refusal != null) {
          return Outcome.TARGET_REFUSES_WRITES;
        }
        event = events.poll();
      }
      observer.tick();
    }
  }

  /**
   * Lets the workers settle once the run is stopped: nothing more is handed out or walked, every
   * worker is told to stop (its stdin is closed), and their reports are taken until all have
   * exited or {@link #STOP_GRACE} has passed. A worker stops inside a file at its next slice and
   * first reports the entries it finished, so the summary counts every file at its final name.
   */
  private void settle() throws InterruptedException {
    stopping = true;
    feed.stop();
    pool.stopAll();
    long deadline = System.nanoTime() + STOP_GRACE.toNanos();
    while (pool.hasLiveWorkers()) {
      long left = deadline - System.nanoTime();
      PoolEvent event = left > 0 ? events.poll(left, TimeUnit.NANOSECONDS) : null;
      if (event == null) {
        return;
      }
      // A signal while settling asks not to wait: the workers still running are killed, their
      // unreported files go uncounted (a re-run skips them), and the summary follows at once.
      if (event instanceof PoolEvent.Interrupted) {
        return;
      }
      handle(event);
    }
  }

  private void dispatch() {
    while (true) {
      CopyTask task = retries.isEmpty() ? feed.poll() : retries.poll();
      if (task == null) {
        return;
      }
      WorkerHandle worker;
      try {
        worker = pool.workerWithRoom();
      } catch (IOException e) {
        throw new PoolException("cannot start a worker process: " + e.getMessage());
      }
      if (worker == null) {
        retries.addFirst(task);
        return;
      }
      try {
        worker.assign(task);
      } catch (IOException e) {
        // The worker is dying; its reader reports it and the task is handed out again then.
        return;
      }
    }
  }

  private void handle(PoolEvent event) throws InterruptedException {
    if (event instanceof PoolEvent.Ready r) {
      r.worker().markReady();
      startFailures = 0;
    } else if (event instanceof PoolEvent.Progressed p) {
      WorkerHandle.InFlight held = p.worker().inFlight(p.taskId());
      if (held != null) {
        held.creditedBytes += p.bytes();
        observer.bytesCopied(p.bytes());
      }
    } else if (event instanceof PoolEvent.Finished f) {
      finished(f);
    } else if (event instanceof PoolEvent.Exited x) {
      exited(x.worker(), x.why());
    } else if (event instanceof PoolEvent.Chatter c) {
      observer.workerChatter(c.worker().index(), c.text());
    } else if (event instanceof PoolEvent.UpToDate u) {
      for (FileOp op : u.ops()) {
        observer.entryDone(op, OpResult.skipped());
      }
    } else if (event instanceof PoolEvent.WalkFailed w) {
      observer.walkFailed(w.path(), w.reason());
    } else if (event instanceof PoolEvent.SpecialSkipped s) {
      observer.specialSkipped(s.source(), s.kind());
    } else if (event instanceof PoolEvent.TargetRefusesWrites t) {
      if (refusal == null) {
        refusal = t.reason();
        observer.walkFailed(t.path(), t.failure());
      }
    }
  }

  private void finished(PoolEvent.Finished f) {
    WorkerHandle.InFlight held = f.worker().finish(f.done().taskId());
    if (held == null) {
      return;
    }
    List<FileOp> ops = held.task.ops();
    List<OpResult> results = f.done().results();
    int answered = Math.min(ops.size(), results.size());
    long bytes = 0;
    for (int i = 0; i < answered; i++) {
      OpResult result = results.get(i);
      bytes += result.bytes();
      if (result.status() == Status.FAILED_TARGET_REFUSES_WRITES) {
        if (refusal != null) {
          // The cause is reported already; one line says it, not one per worker.
          continue;
        }
        refusal = result.reason();
      }
      observer.entryDone(ops.get(i), result);
    }
    // A list ends early at a refusal, or when the worker was told to stop: it never tried the
    // rest, which a re-run copies. Anything else short is the worker's fault.
    boolean endedAtRefusal = answered > 0
        && results.get(answered - 1).status() == Status.FAILED_TARGET_REFUSES_WRITES;
    if (!stopping && !endedAtRefusal) {
      for (FileOp op : ops.subList(answered, ops.size())) {
        observer.entryDone(op, OpResult.failed("worker returned no result for it"));
      }
    }
    observer.bytesCopied(bytes - held.creditedBytes);
  }

  private void exited(WorkerHandle worker, String why) throws InterruptedException {
    if (!pool.contains(worker)) {
      return;
    }
    List<WorkerHandle.InFlight> lost = pool.remove(worker);
    if (stopping) {
      // It was told to stop: what it still held was never started or is gone with it.
      for (WorkerHandle.InFlight held : lost) {
        observer.bytesCopied(-held.creditedBytes);
        observer.abandoned(held.task);
      }
      return;
    }
    String how = why + " (" + worker.process().exitDescription() + ")";
    if (!worker.isReady() && ++startFailures >= MAX_START_FAILURES) {
      throw new PoolException(startFailures + " worker processes in a row died at start; last: "
          + how);
    }
    // A worker that never said hello copied nothing, so no task is to blame for its death
    // (MAX_START_FAILURES bounds those deaths instead).
    boolean blamed = !worker.isReady();
    observer.workerLost(worker.index(), how,
        !blamed && !lost.isEmpty() && givesUp(lost.get(0).task.retried()));
    for (WorkerHandle.InFlight held : lost) {
      observer.bytesCopied(-held.creditedBytes);
      observer.abandoned(held.task);
      // Tasks run in order, so only the oldest one was being copied when the worker died.
      requeue(blamed ? held.task : held.task.retried(), how);
      blamed = true;
    }
  }

  /** Whether {@code task}, after as many deaths as it has caused, is failed instead of retried. */
  private static boolean givesUp(CopyTask task) {
    return task.attempt() >= MAX_ATTEMPTS && task.ops().size() == 1;
  }

  private void requeue(CopyTask task, String how) {
    if (task.attempt() < MAX_ATTEMPTS) {
      retries.addFirst(task);
    } else if (!givesUp(task)) {
      for (FileOp op : task.ops()) {
        retries.addLast(new CopyTask(nextSplitId--, List.of(op), 0));
      }
    } else {
      observer.entryDone(task.ops().get(0), OpResult.failed(
          "worker process died " + MAX_ATTEMPTS + " times while copying it; last: " + how));
    }
  }
}
