package dev.pcopy.protocol;

import dev.pcopy.plan.CopyTask;
import java.util.List;

/** Everything that crosses the pipe between the coordinator and a worker. */
public sealed interface Message {

  /**
   * Coordinator to worker, first frame: how to run.
   *
   * @param version protocol version the coordinator speaks
   * @param runId names this run's temporary files
   * @param force copy even files that look unchanged
   * @param progressBytes report progress inside a file every this many bytes
   * @param testDelayMillis pause before each entry (tests only, to widen timing windows)
   * @param testRoomBytes bytes the worker may write in all before the destination refuses more
   *     (tests only, a full or read-only disk without mounting one); negative for the real
   *     destination
   * @param testRefusal the reason the destination gives once {@code testRoomBytes} are used, in
   *     the C library's words ("No space left on device", "Read-only file system")
   */
  record Configure(int version, String runId, boolean force, long progressBytes,
      int testDelayMillis, long testRoomBytes, String testRefusal) implements Message {}

  /** Worker to coordinator, first frame: the worker is up. */
  record Hello(int version, long pid) implements Message {}

  /** Coordinator to worker: run this task. */
  record Assign(CopyTask task) implements Message {}

  /** Worker to coordinator: {@code bytes} more bytes of task {@code taskId} are written. */
  record Progress(long taskId, long bytes) implements Message {}

  /**
   * Worker to coordinator: task {@code taskId} is finished, one result per entry in order. The
   * list ends early at a {@link Status#FAILED_TARGET_REFUSES_WRITES} result, or when the worker
   * was told to stop (its stdin ended) in the middle of the task: the worker did not try the
   * task's later entries, and left nothing of them behind.
   */
  record Done(long taskId, List<OpResult> results) implements Message {
    /** Copies the list so a message never changes after it is made. */
    public Done {
      results = List.copyOf(results);
    }
  }

  /** Outcome of one entry of a task. */
  enum Status {
    /** Written (file or link) under its final name. */
    COPIED,
    /** Already up to date in the target. */
    SKIPPED,
    /** Not copied, because of the source; see the reason. */
    FAILED,
    /** Not copied, because the destination refused it; see the reason. */
    FAILED_WRITING,
    /**
     * Not copied, because the destination refuses every write (full, over quota, read-only);
     * see the reason. Every later write there would fail alike, so the run stops.
     */
    FAILED_TARGET_REFUSES_WRITES;

    /** Whether the destination, not the source, refused the entry: messages name the target. */
    public boolean blamesTarget() {
      return this == FAILED_WRITING || this == FAILED_TARGET_REFUSES_WRITES;
    }
  }

  /**
   * How one entry of a task ended.
   *
   * @param status what happened
   * @param bytes bytes written for it
   * @param reason why it failed, or empty
   */
  record OpResult(Status status, long bytes, String reason) {
    /** A result for an entry that was written. */
    public static OpResult copied(long bytes) {
      return new OpResult(Status.COPIED, bytes, "");
    }

    /** A result for an entry that was already up to date. */
    public static OpResult skipped() {
      return new OpResult(Status.SKIPPED, 0, "");
    }

    /** A result for an entry whose source could not be read. */
    public static OpResult failed(String reason) {
      return new OpResult(Status.FAILED, 0, reason);
    }

    /** A result for an entry that could not be written to the destination. */
    public static OpResult failedWriting(String reason) {
      return new OpResult(Status.FAILED_WRITING, 0, reason);
    }

    /** A result for an entry whose destination refuses every write (full, read-only). */
    public static OpResult targetRefusesWrites(String reason) {
      return new OpResult(Status.FAILED_TARGET_REFUSES_WRITES, 0, reason);
    }
  }
}
