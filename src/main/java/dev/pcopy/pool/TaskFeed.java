package dev.pcopy.pool;

import dev.pcopy.plan.Task;

/** Where the coordinator takes new tasks from: the walker's output. */
public interface TaskFeed {
  /** Returns the next task, or {@code null} if none is ready now. Never blocks. */
  Task poll();

  /** Returns whether the walk has ended and every task it made has been taken. */
  boolean exhausted();

  /** Stops making tasks: the run is being stopped, and nothing more is to be written. */
  void stop();
}
