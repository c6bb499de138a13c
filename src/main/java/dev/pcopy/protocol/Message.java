package dev.pcopy.protocol;

import dev.pcopy.plan.Outcome;
import dev.pcopy.plan.Task;
import java.util.List;

/** Everything that crosses the pipe between the coordinator and a worker. */
public sealed interface Message {

  /**
   * Coordinator to worker, first frame: where the roots are and how to copy.
   *
   * @param version protocol version the coordinator speaks
   * @param runId names this run's temporary files
   * @param source the source directory's absolute path, without symbolic links
   * @param sourceDev its device, which the worker checks it opened
   * @param sourceIno its inode
   * @param target the target directory's absolute path, without symbolic links
   * @param targetDev its device
   * @param targetIno its inode
   * @param options how to copy
   */
  record Configure(int version, String runId, byte[] source, long sourceDev, long sourceIno,
      byte[] target, long targetDev, long targetIno, WorkerOptions options) implements Message {}

  /**
   * How workers copy, the same for every task of a run.
   *
   * @param followLinks open source entries through symbolic links ({@code -L})
   * @param fsync flush each file before its rename
   * @param xattrs copy extended attributes
   * @param acls copy POSIX ACLs
   * @param verify read every file back after writing it and compare checksums
   * @param progressBytes report progress inside a file at least every this many bytes
   * @param reportMillis report progress at least this often while anything moves, so that a
   *     slow copy is never taken for a stuck one
   */
  record WorkerOptions(boolean followLinks, boolean fsync, boolean xattrs, boolean acls,
      boolean verify, long progressBytes, int reportMillis) {}

  /** Worker to coordinator, first frame: the worker is up. */
  record Hello(int version, long pid) implements Message {}

  /** Coordinator to worker: carry out this task. */
  record Assign(Task task) implements Message {}

  /**
   * Worker to coordinator: the worker is at action {@code index} of task {@code taskId}, and
   * wrote {@code bytes} more bytes since its last report.
   */
  record Progress(long taskId, int index, long bytes) implements Message {}

  /**
   * Worker to coordinator: task {@code taskId} is finished, one outcome per action in order. The
   * list ends early at a {@link Outcome.Status#TARGET_REFUSES_WRITES} outcome, or when the
   * worker was told to stop (its stdin ended) in the middle of the task: the worker did not try
   * the task's later actions, and left nothing of them behind.
   */
  record Done(long taskId, List<Outcome> outcomes) implements Message {
    /** Copies the list so a message never changes after it is made. */
    public Done {
      outcomes = List.copyOf(outcomes);
    }
  }
}
