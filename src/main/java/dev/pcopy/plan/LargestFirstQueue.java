package dev.pcopy.plan;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;

/**
 * The bounded queue between the walk and the workers. Tasks of one file leave it largest first,
 * ahead of batches of small files, which leave in the order they were made: a big file found
 * late in the walk then does not start when every other worker is about to run dry.
 *
 * <p>The bound counts actions, not tasks: what a queued task holds in memory, and what the walk
 * may list ahead of the copy, grow with its entries, and a directory's last batch may hold one.
 */
public final class LargestFirstQueue {
  /**
   * Lone files by size, largest first; batches after them, oldest first. Written out rather than
   * composed with {@code Comparator.comparingLong}: the lambdas inside {@link Comparator} are not
   * kept in the class-data-sharing archive, so each would be generated at every start.
   */
  private static final Comparator<Task> ORDER = (a, b) -> {
    int bySize = Long.compare(loneFileBytes(b), loneFileBytes(a));
    return bySize != 0 ? bySize : Long.compare(a.id(), b.id());
  };

  private final int capacity;
  private final PriorityQueue<Task> tasks = new PriorityQueue<>(ORDER);
  private int actions;

  /**
   * @param capacity most actions held; {@link #offer} waits while the task would not fit, but
   *     lets any task into an empty queue
   */
  public LargestFirstQueue(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity (" + capacity + ") must be positive");
    }
    this.capacity = capacity;
  }

  /** Adds {@code task}, waiting up to {@code timeout} for room; returns whether it was added. */
  public synchronized boolean offer(Task task, long timeout, TimeUnit unit)
      throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    int size = task.actions().size();
    while (actions > 0 && actions + size > capacity) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    tasks.add(task);
    actions += size;
    return true;
  }

  /** Takes the next task, or returns {@code null} if there is none. Never waits. */
  public synchronized Task poll() {
    Task task = tasks.poll();
    if (task != null) {
      actions -= task.actions().size();
      notifyAll();
    }
    return task;
  }

  /** Returns whether the queue holds no task. */
  public synchronized boolean isEmpty() {
    return tasks.isEmpty();
  }

  private static long loneFileBytes(Task task) {
    return task.actions().size() == 1 ? task.bytes() : -1;
  }
}
