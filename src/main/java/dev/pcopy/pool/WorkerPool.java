package dev.pcopy.pool;

import dev.pcopy.protocol.Message.Configure;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;

/**
 * A fixed-size pool of workers, started lazily: a new worker is started only when there is work
 * and every live worker is already busy, so a small copy does not pay for a full pool.
 */
public final class WorkerPool {
  /** How long a killed worker is waited for before it is abandoned (stuck in the kernel). */
  private static final Duration KILL_WAIT = Duration.ofSeconds(2);

  private final WorkerLauncher launcher;
  private final int size;
  private final int maxInFlight;
  private final Configure configure;
  private final BlockingQueue<PoolEvent> events;
  private final List<WorkerHandle> live = new ArrayList<>();
  private int started;

  /**
   * @param launcher starts workers
   * @param size most workers alive at once
   * @param maxInFlight most tasks a worker holds at once (one copying, the rest queued)
   * @param configure first frame sent to each worker
   * @param events the completion queue the workers' frames go to
   */
  public WorkerPool(WorkerLauncher launcher, int size, int maxInFlight, Configure configure,
      BlockingQueue<PoolEvent> events) {
    if (size < 1) {
      throw new IllegalArgumentException("size (" + size + ") must be positive");
    }
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight (" + maxInFlight + ") must be positive");
    }
    this.launcher = launcher;
    this.size = size;
    this.maxInFlight = maxInFlight;
    this.configure = configure;
    this.events = events;
  }

  /**
   * Returns a worker that can take one more task: an idle one, else a newly started one while the
   * pool is not full and the launcher can start one, else the least loaded one with room;
   * {@code null} if all are full.
   */
  WorkerHandle workerWithRoom() throws IOException {
    WorkerHandle best = null;
    for (WorkerHandle w : live) {
      if (w.load() < maxInFlight && (best == null || w.load() < best.load())) {
        best = w;
      }
    }
    if ((best == null || best.load() > 0) && live.size() < size && launcher.canLaunch()) {
      return startWorker();
    }
    return best;
  }

  private WorkerHandle startWorker() throws IOException {
    WorkerHandle worker = new WorkerHandle(++started, launcher.launch(started));
    live.add(worker);
    try {
      worker.start(configure, events);
    } catch (IOException e) {
      // The reader thread was not started, so report the death here.
      events.add(new PoolEvent.Exited(worker, "could not be started: " + e.getMessage(), false));
    }
    return worker;
  }

  /** Returns whether {@code worker} is still one of the pool's live workers. */
  boolean contains(WorkerHandle worker) {
    return live.contains(worker);
  }

  /** Returns whether any worker is still live: started and not yet taken out. */
  boolean hasLiveWorkers() {
    return !live.isEmpty();
  }

  /**
   * Tells every worker to stop: closes its stdin, so that it stops inside its current file at
   * the next slice, reports what it finished and exits. The workers stay in the pool until their
   * exit is seen.
   */
  void stopAll() {
    for (WorkerHandle w : live) {
      w.closeInput();
    }
  }

  /** Returns whether no live worker holds a task. */
  boolean isIdle() {
    return busy() == 0;
  }

  /** Returns how many live workers hold a task. */
  int busy() {
    int busy = 0;
    for (WorkerHandle w : live) {
      if (w.load() > 0) {
        busy++;
      }
    }
    return busy;
  }

  /** Returns how many workers are live: started and not yet taken out. */
  int liveCount() {
    return live.size();
  }

  /**
   * Takes a dead worker out of the pool: waits briefly for its process to end, kills it if it
   * does not, and returns the tasks it held. A process that does not end even then (stuck in
   * the kernel on a hung mount) is abandoned, not waited for.
   */
  List<WorkerHandle.InFlight> remove(WorkerHandle worker, Duration grace)
      throws InterruptedException {
    live.remove(worker);
    worker.closeInput();
    if (!worker.process().awaitExit(grace)) {
      worker.process().kill();
      worker.process().awaitExit(KILL_WAIT);
    }
    return worker.takeAll();
  }

  /** Returns the live workers, for the coordinator's stall check. */
  List<WorkerHandle> live() {
    return List.copyOf(live);
  }

  /**
   * Stops every worker: closes their stdin so they finish their current write and remove its
   * temporary file, waits up to {@code grace}, then kills what is left.
   *
   * @return the tasks the workers still held
   */
  List<WorkerHandle.InFlight> shutdown(Duration grace) throws InterruptedException {
    stopAll();
    long deadline = System.nanoTime() + grace.toNanos();
    List<WorkerHandle.InFlight> held = new ArrayList<>();
    for (WorkerHandle w : live) {
      long left = Math.max(0, deadline - System.nanoTime());
      if (!w.process().awaitExit(Duration.ofNanos(left))) {
        w.process().kill();
        w.process().awaitExit(KILL_WAIT);
      }
      held.addAll(w.takeAll());
    }
    live.clear();
    return held;
  }
}
