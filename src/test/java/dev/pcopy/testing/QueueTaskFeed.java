package dev.pcopy.testing;

import dev.pcopy.plan.Task;
import dev.pcopy.pool.TaskFeed;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;

/** A {@link TaskFeed} over a fixed list of tasks, as if the walk had already ended. */
public final class QueueTaskFeed implements TaskFeed {
  private final Deque<Task> tasks;
  private boolean stopped;

  /** Feeds {@code tasks} in order. */
  public QueueTaskFeed(Collection<Task> tasks) {
    this.tasks = new ArrayDeque<>(tasks);
  }

  @Override
  public synchronized Task poll() {
    return tasks.poll();
  }

  @Override
  public synchronized boolean exhausted() {
    return tasks.isEmpty();
  }

  @Override
  public synchronized void stop() {
    stopped = true;
  }

  /** Returns whether the coordinator asked for no more tasks. */
  public synchronized boolean stopped() {
    return stopped;
  }
}
