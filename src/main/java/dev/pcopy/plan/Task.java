package dev.pcopy.plan;

import dev.pcopy.plan.Action.WorkerAction;
import java.util.List;

/**
 * A unit of work handed to one worker: one large file, or a batch of small files, links and
 * fixes.
 *
 * @param id unique within a run
 * @param actions carried out in order
 * @param attempt how many workers have already died while running this task
 */
public record Task(long id, List<WorkerAction> actions, int attempt) {

  /** Copies the list so a task never changes after it is made. */
  public Task {
    if (actions.isEmpty()) {
      throw new IllegalArgumentException("task " + id + " has no actions");
    }
    actions = List.copyOf(actions);
  }

  /** Returns the number of bytes the task's files had when they were listed. */
  public long bytes() {
    long sum = 0;
    for (WorkerAction a : actions) {
      sum += a.bytes();
    }
    return sum;
  }

  /** Returns the same work, marked as having cost one more worker. */
  public Task retried() {
    return new Task(id, actions, attempt + 1);
  }
}
