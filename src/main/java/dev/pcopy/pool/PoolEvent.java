package dev.pcopy.pool;

import dev.pcopy.plan.FileOp;
import dev.pcopy.plan.SpecialKind;
import dev.pcopy.protocol.Message.Done;
import java.nio.file.Path;
import java.util.List;

/**
 * What arrives on the coordinator's one completion queue: worker reports, walker findings and
 * signals. Putting them all on one queue means one thread sees every change of state in order.
 */
public sealed interface PoolEvent {

  /** A worker said hello: it is up and speaks our protocol. */
  record Ready(WorkerHandle worker) implements PoolEvent {}

  /** A worker's JVM printed something on stdout before the protocol started. */
  record Chatter(WorkerHandle worker, String text) implements PoolEvent {}

  /** A worker wrote more bytes of a task. */
  record Progressed(WorkerHandle worker, long taskId, long bytes) implements PoolEvent {}

  /** A worker finished a task. */
  record Finished(WorkerHandle worker, Done done) implements PoolEvent {}

  /** A worker's frame stream ended or broke: it is dead or must be treated as dead. */
  record Exited(WorkerHandle worker, String why) implements PoolEvent {}

  /** The walker queued more tasks. */
  record WorkQueued() implements PoolEvent {}

  /** The walker found these entries' targets already up to date. */
  record UpToDate(List<FileOp> ops) implements PoolEvent {}

  /**
   * The walk failed at {@code path}: a source entry it could not read, or a target directory it
   * could not make or clean.
   */
  record WalkFailed(Path path, String reason) implements PoolEvent {}

  /** The walker met a FIFO, socket or device and skipped it. */
  record SpecialSkipped(Path source, SpecialKind kind) implements PoolEvent {}

  /**
   * The walker could not write at {@code path} because the destination refuses every write
   * (full, over quota, read-only), so the run stops.
   *
   * @param path the target directory it could not make or clean
   * @param failure what went wrong there, for the failure line ("cannot create directory: ...")
   * @param reason the system's reason alone ("Read-only file system")
   */
  record TargetRefusesWrites(Path path, String failure, String reason) implements PoolEvent {}

  /** SIGINT or SIGTERM arrived. */
  record Interrupted(String signal) implements PoolEvent {}
}
