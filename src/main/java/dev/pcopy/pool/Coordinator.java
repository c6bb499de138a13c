package dev.pcopy.pool;

import dev.pcopy.plan.Action.WorkerAction;
import dev.pcopy.plan.Decision;
import dev.pcopy.plan.Task;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Runs a copy: hands tasks to workers by demand, drains the completion queue, and replaces dead
 * or stuck workers, giving their tasks to others.
 *
 * <p>A task that was being worked on when its worker died is blamed for the death. After
 * {@value #MAX_ATTEMPTS} deaths a batch is split into single actions so that the one at fault is
 * found, and a single action that costs {@value #MAX_ATTEMPTS} workers is reported as failed
 * instead of being retried forever.
 *
 * <p>A worker that holds a task and reports nothing for the stall timeout is stuck (stopped, or
 * blocked on a hung mount): it is killed, abandoned if even that does not end it, and counted as
 * a death of the task it held. Workers report at least every few hundred milliseconds while
 * anything moves, so a slow copy is never taken for a stuck one.
 *
 * <p>Only workers that fail on their own before saying hello (they exit with a code), or that
 * print something else than frames on their stdout before finishing a task, count toward
 * "workers cannot start"; one killed from outside, or one that started and died on its task, is
 * replaced like any other dead worker.
 *
 * <p>A destination that refuses writes (full, over quota, read-only) ends the run as a signal
 * does: every later write would fail alike, so nothing more is handed out and the workers are
 * stopped. Either way the workers are given a moment to settle first, so that the files they
 * finished meanwhile are counted.
 */
public final class Coordinator {
  /** Worker deaths a task may cause before it is split or given up. */
  public static final int MAX_ATTEMPTS = 3;
  /** Workers in a row that may fail on their own before the run is abandoned. */
  static final int MAX_START_FAILURES = 3;
  /**
   * Workers in a row that may die before finishing a task, for any reason, before the run is
   * abandoned: something kills every worker as it starts.
   */
  static final int MAX_EARLY_DEATHS = 20;
  /** How long stopped workers have to report their last results and exit before being killed. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(3);
  /** How long idle workers have to exit at the end of a finished run. */
  private static final Duration FINISH_GRACE = Duration.ofSeconds(10);
  /** How long a dead worker's process is waited for before it is killed. */
  private static final Duration DEATH_GRACE = Duration.ofSeconds(2);

  private final WorkerPool pool;
  private final BlockingQueue<PoolEvent> events;
  private final TaskFeed feed;
  private final RunObserver observer;
  private final Duration stallTimeout;
  private final LongSupplier nanoTime;
  private final Deque<Task> retries = new ArrayDeque<>();
  private long nextSplitId = -1;
  private int startFailures;
  private int earlyDeaths;
  /** Why the destination refuses writes, once a worker or the walker has said so; else null. */
  private String refusal;
  /** Whether the workers have been told to stop and only their last reports are awaited. */
  private boolean stopping;

  /** How a run ended. */
  public enum Outcome {
    /** Every task was finished (some entries may have failed). */
    FINISHED,
    /** A signal stopped it. */
    INTERRUPTED,
    /** The destination refused writes (full, over quota, read-only), so the run stopped. */
    TARGET_REFUSES_WRITES
  }

  /**
   * @param pool the workers
   * @param events the completion queue, shared with the pool's readers and the walker
   * @param feed new tasks
   * @param observer receives the outcome
   * @param stallTimeout how long a worker holding a task may report nothing
   * @param nanoTime the clock stalls are measured by
   */
  public Coordinator(WorkerPool pool, BlockingQueue<PoolEvent> events, TaskFeed feed,
      RunObserver observer, Duration stallTimeout, LongSupplier nanoTime) {
    this.pool = pool;
    this.events = events;
    this.feed = feed;
    this.observer = observer;
    this.stallTimeout = stallTimeout;
    this.nanoTime = nanoTime;
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
      List<WorkerHandle> holding = pool.live().stream().filter(w -> w.load() > 0).toList();
      for (WorkerHandle.InFlight held : pool.shutdown(grace)) {
        observer.bytesCopied(-held.creditedBytes);
        observer.abandoned(held.task);
      }
      // Their places go with what they held, which never ended.
      for (WorkerHandle w : holding) {
        observer.workerIdle(w.index());
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
      killStalled();
      observer.workers(pool.busy(), pool.liveCount());
      observer.tick();
    }
  }

  /**
   * Returns whether a signal's stop waits in the queue behind the event at hand. The signal
   * that stops pcopy can reach a remote host's agent too (a terminal's Ctrl-C, srun), which then
   * stops its workers: their short lists may come in before the coordinator has taken the stop.
   */
  private boolean interruptQueued() {
    return events.stream().anyMatch(e -> e instanceof PoolEvent.Interrupted);
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
    long deadline = nanoTime.getAsLong() + STOP_GRACE.toNanos();
    while (pool.hasLiveWorkers()) {
      long left = deadline - nanoTime.getAsLong();
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
      Task task = retries.isEmpty() ? feed.poll() : retries.poll();
      if (task == null) {
        return;
      }
      WorkerHandle worker;
      try {
        worker = pool.workerWithRoom();
      } catch (IOException e) {
        throw new PoolException("workers cannot start: " + e.getMessage());
      }
      if (worker == null) {
        retries.addFirst(task);
        return;
      }
      if (worker.load() == 0) {
        // The stall clock starts when it is given work, not when it last spoke.
        worker.heard(nanoTime.getAsLong());
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
      r.worker().heard(nanoTime.getAsLong());
    } else if (event instanceof PoolEvent.Progressed p) {
      progressed(p);
    } else if (event instanceof PoolEvent.Finished f) {
      finished(f);
    } else if (event instanceof PoolEvent.Exited x) {
      exited(x.worker(), x.why(), x.brokeProtocol());
    } else if (event instanceof PoolEvent.Chatter c) {
      observer.workerChatter(c.worker().index(), c.text());
    } else if (event instanceof PoolEvent.Walked w) {
      for (Decision d : w.decisions()) {
        observer.walked(d);
      }
      if (w.skipped() > 0) {
        observer.skipped(w.skipped(), w.skippedBytes());
      }
    } else if (event instanceof PoolEvent.DeletedInPart d) {
      observer.deletedInPart(d.entries());
    } else if (event instanceof PoolEvent.WalkFailed w) {
      observer.walkFailed(w.dir(), w.name(), w.blamesTarget(), w.reason());
    } else if (event instanceof PoolEvent.TargetRefusesWrites t) {
      if (refusal == null) {
        refusal = t.reason();
        observer.walkFailed(t.dir(), t.name(), true, t.failure());
      }
    }
  }

  private void progressed(PoolEvent.Progressed p) {
    WorkerHandle worker = p.worker();
    worker.heard(nanoTime.getAsLong());
    WorkerHandle.InFlight held = worker.inFlight(p.taskId());
    if (held == null) {
      return;
    }
    if (held.index != p.index()) {
      held.index = p.index();
      held.actionBytes = 0;
    }
    held.creditedBytes += p.bytes();
    held.actionBytes += p.bytes();
    observer.bytesCopied(p.bytes());
    reportPlace(worker, held);
  }

  /** Tells the observer where {@code worker} is in {@code held}, the task it is on. */
  private void reportPlace(WorkerHandle worker, WorkerHandle.InFlight held) {
    List<WorkerAction> actions = held.task.actions();
    if (held.index < actions.size()) {
      observer.workerAt(worker.index(), actions.subList(0, held.index), actions.get(held.index),
          held.actionBytes);
    }
  }

  private void finished(PoolEvent.Finished f) {
    WorkerHandle worker = f.worker();
    worker.heard(nanoTime.getAsLong());
    WorkerHandle.InFlight held = worker.finish(f.done().taskId());
    if (held == null) {
      return;
    }
    startFailures = 0;
    earlyDeaths = 0;
    List<WorkerAction> actions = held.task.actions();
    List<dev.pcopy.plan.Outcome> outcomes = f.done().outcomes();
    int answered = Math.min(actions.size(), outcomes.size());
    long bytes = 0;
    for (int i = 0; i < answered; i++) {
      dev.pcopy.plan.Outcome outcome = outcomes.get(i);
      bytes += outcome.bytes();
      if (outcome.status() == dev.pcopy.plan.Outcome.Status.TARGET_REFUSES_WRITES) {
        if (refusal != null) {
          // The cause is reported already; one line says it, not one per worker.
          continue;
        }
        refusal = outcome.reason();
      }
      observer.actionDoneBy(worker.index(), actions.get(i), outcome);
    }
    // A list ends early at a refusal, or when the worker was told to stop: it never tried the
    // rest, which a re-run copies. Anything else short was stopped on its own (a signal that
    // reached one host's agent and not pcopy): the rest is handed out again, as a lost worker's
    // tasks are, and counts as an attempt, so a worker that keeps answering short cannot loop.
    boolean endedAtRefusal = answered > 0 && outcomes.get(answered - 1).status()
        == dev.pcopy.plan.Outcome.Status.TARGET_REFUSES_WRITES;
    if (answered < actions.size() && !stopping && !endedAtRefusal && !interruptQueued()) {
      Task rest = new Task(nextSplitId--, actions.subList(answered, actions.size()),
          held.task.attempt() + 1);
      if (givesUp(rest)) {
        observer.actionDone(rest.actions().get(0), dev.pcopy.plan.Outcome.failed(
            "workers returned no result for it " + MAX_ATTEMPTS + " times"));
      } else {
        requeue(rest, "returned no result");
      }
    }
    observer.bytesCopied(bytes - held.creditedBytes);
    if (worker.load() == 0) {
      observer.workerIdle(worker.index());
    } else {
      worker.heard(nanoTime.getAsLong());
      // The ended task's actions are counted now: the worker's place moves to its next task
      // at once, so that they are not counted twice until that task reports.
      reportPlace(worker, worker.current());
    }
  }

  /**
   * Kills every worker that holds a task and has reported nothing for the stall timeout, and
   * hands its tasks to others.
   */
  private void killStalled() throws InterruptedException {
    long now = nanoTime.getAsLong();
    for (WorkerHandle w : pool.live()) {
      if (w.load() == 0 || now - w.lastHeard() < stallTimeout.toNanos()) {
        continue;
      }
      w.process().kill();
      lost(w, "made no progress for " + seconds(stallTimeout) + "; it was stopped", false, true);
    }
  }

  private static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? (ms / 1000) + " s" : (ms / 1000.0) + " s";
  }

  private void exited(WorkerHandle worker, String why, boolean brokeProtocol)
      throws InterruptedException {
    if (!pool.contains(worker)) {
      return;
    }
    lost(worker, why, brokeProtocol, false);
  }

  /**
   * Takes a dead (or stuck, now killed) worker out and hands its tasks to others.
   *
   * @param stalled it was killed for reporting nothing: its own death, and not a start failure
   */
  private void lost(WorkerHandle worker, String why, boolean brokeProtocol, boolean stalled)
      throws InterruptedException {
    WorkerHandle.InFlight current = worker.current();
    WorkerAction on = current == null || current.index >= current.task.actions().size() ? null
        : current.task.actions().get(current.index);
    List<WorkerHandle.InFlight> lost = pool.remove(worker,
        stalled ? Duration.ZERO : DEATH_GRACE);
    observer.workerIdle(worker.index());
    if (stopping) {
      // It was told to stop: what it still held was never started or is gone with it.
      for (WorkerHandle.InFlight held : lost) {
        observer.bytesCopied(-held.creditedBytes);
        observer.abandoned(held.task);
      }
      return;
    }
    String how = stalled ? why : why + " (" + worker.process().exitDescription() + ")";
    if (!worker.hasFinishedATask() && !stalled) {
      // One that said hello had started, and died on its task: the task's attempts answer for
      // that (a poison entry first in a run fails alone). One that broke the protocol cannot
      // work at all, hello or not.
      boolean onItsOwn = brokeProtocol
          || !worker.isReady() && !worker.process().killedBySignal();
      if (onItsOwn && ++startFailures >= MAX_START_FAILURES) {
        throw new PoolException("workers cannot start: " + startFailures
            + " worker processes in a row failed before finishing any work; last: worker "
            + worker.index() + " " + how);
      }
      if (++earlyDeaths >= MAX_EARLY_DEATHS) {
        throw new PoolException("workers keep dying: " + earlyDeaths
            + " worker processes in a row died before finishing any work; last: worker "
            + worker.index() + " " + how);
      }
    }
    // A worker that never said hello did nothing, so no task is to blame for its death.
    boolean blamed = !worker.isReady();
    observer.workerLost(worker.index(), how, on,
        !blamed && !lost.isEmpty() && givesUp(lost.get(0).task.retried()));
    for (WorkerHandle.InFlight held : lost) {
      observer.bytesCopied(-held.creditedBytes);
      observer.abandoned(held.task);
    }
    // Handed out again in the order they were given: the newest goes onto the front first.
    for (int i = lost.size() - 1; i >= 0; i--) {
      Task task = lost.get(i).task;
      // Tasks run in order, so only the oldest one was being worked on when the worker died.
      requeue(blamed || i > 0 ? task : task.retried(), how);
    }
  }

  /** Whether {@code task}, after as many deaths as it has caused, is failed instead of retried. */
  private static boolean givesUp(Task task) {
    return task.attempt() >= MAX_ATTEMPTS && task.actions().size() == 1;
  }

  private void requeue(Task task, String how) {
    if (task.attempt() < MAX_ATTEMPTS) {
      retries.addFirst(task);
    } else if (!givesUp(task)) {
      for (WorkerAction a : task.actions()) {
        retries.addLast(new Task(nextSplitId--, List.of(a), 0));
      }
    } else {
      observer.actionDone(task.actions().get(0), dev.pcopy.plan.Outcome.failed(
          "worker process died " + MAX_ATTEMPTS + " times while copying it; last: " + how));
    }
  }
}
