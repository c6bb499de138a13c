package dev.pcopy.plan;

import java.util.List;

/**
 * A unit of work handed to one worker: one large file, or a batch of small files and links.
 *
 * @param id unique within a run
 * @param ops the entries, copied in order
 * @param attempt how many workers have already died while running this task
 */
public record CopyTask(long id, List<FileOp> ops, int attempt) {

  /** Copies the list so a task never changes after it is made. */
  public CopyTask {
    if (ops.isEmpty()) {
      throw new IllegalArgumentException("task " + id + " has no entries");
    }
    ops = List.copyOf(ops);
  }

  /** Returns the number of bytes the task's files had when they were listed. */
  public long bytes() {
    long sum = 0;
    for (FileOp op : ops) {
      sum += op.size();
    }
    return sum;
  }

  /** Returns the same work, marked as having cost one more worker. */
  public CopyTask retried() {
    return new CopyTask(id, ops, attempt + 1);
  }
}
