package dev.pcopy.job;

import dev.pcopy.plan.LargestFirstQueue;
import dev.pcopy.plan.Task;
import dev.pcopy.pool.PoolEvent;
import dev.pcopy.pool.TaskFeed;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The tasks between the walk and the coordinator: bounded, so that a fast walk of a huge tree
 * waits for the copy instead of filling memory, and largest file first ({@link
 * LargestFirstQueue}). The coordinator is woken on the completion queue when tasks arrive.
 */
final class TaskQueue implements TaskFeed {
  /**
   * Actions (entries) waiting for a worker. Enough that the walk lists a tree of a few hundred
   * thousand entries to its end while the first files are copied, so the totals, and with them
   * the ETA, are known early (512 batches held it back until a 90,000-file tree was a third
   * copied); each queued entry holds about 160 bytes of heap (measured), so this is 40 MiB at most.
   */
  private static final int CAPACITY = 1 << 18;

  private final LargestFirstQueue tasks = new LargestFirstQueue(CAPACITY);
  /** Tasks the coordinator itself adds (hard links whose file is now in place): never waits. */
  private final ConcurrentLinkedQueue<Task> released = new ConcurrentLinkedQueue<>();
  private final BlockingQueue<PoolEvent> events;
  private final AtomicBoolean cancelled;
  private final AtomicLong ids = new AtomicLong();
  private volatile boolean walkEnded;

  TaskQueue(BlockingQueue<PoolEvent> events, AtomicBoolean cancelled) {
    this.events = events;
    this.cancelled = cancelled;
  }

  /** Queues a task, waiting while the queue is full; gives up once the run is cancelled. */
  void add(Task task) {
    try {
      while (!cancelled.get()) {
        if (tasks.offer(task, 100, TimeUnit.MILLISECONDS)) {
          events.add(new PoolEvent.WorkQueued());
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancelled.set(true);
    }
  }

  /** Numbers the tasks of this run, whoever makes them. */
  AtomicLong ids() {
    return ids;
  }

  /** Marks the walk as ended: every task it made is in the queue. */
  void end() {
    walkEnded = true;
    events.add(new PoolEvent.WorkQueued());
  }

  /**
   * Queues a task without waiting: the coordinator, which empties the queue, must never wait
   * for room in it.
   */
  void addNow(Task task) {
    released.add(task);
  }

  @Override
  public Task poll() {
    Task task = released.poll();
    return task != null ? task : tasks.poll();
  }

  @Override
  public boolean exhausted() {
    // Read the flag first: once it is set, every task is already in the queue.
    return walkEnded && tasks.isEmpty() && released.isEmpty();
  }

  @Override
  public void stop() {
    cancelled.set(true);
  }
}
