package dev.pcopy.pool;

import dev.pcopy.plan.Decision;
import dev.pcopy.protocol.Message.Done;
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

  /** A worker is at action {@code index} of a task and wrote more bytes of it. */
  record Progressed(WorkerHandle worker, long taskId, int index, long bytes)
      implements PoolEvent {}

  /** A worker finished a task. */
  record Finished(WorkerHandle worker, Done done) implements PoolEvent {}

  /**
   * A worker's frame stream ended or broke: it is dead or must be treated as dead.
   *
   * @param brokeProtocol it sent what is not a frame (something else prints on its stdout),
   *     rather than stopping between or inside frames as a killed worker does
   */
  record Exited(WorkerHandle worker, String why, boolean brokeProtocol) implements PoolEvent {}

  /** The walker queued more tasks. */
  record WorkQueued() implements PoolEvent {}

  /**
   * The walker decided these entries and, for the decisions that are its own to carry out
   * (skips, refusals, directories made, leftovers removed), carried them out; a worker's action
   * among them comes for its warnings only.
   *
   * @param skipped entries skipped as unchanged, without a warning, that are not among
   *     {@code decisions} but only counted here (where nothing shows each skip)
   * @param skippedBytes their bytes
   */
  record Walked(List<Decision> decisions, long skipped, long skippedBytes)
      implements PoolEvent {}

  /**
   * The walk deleted {@code entries} entries, each told of by a warning or failure of its own,
   * of a target entry it could not delete whole (another live run's temporary file in it, say):
   * counted, with no line of their own, as the deletion at the end counts such a directory.
   */
  record DeletedInPart(long entries) implements PoolEvent {}

  /**
   * The walk could not do something at {@code dir/name}: read a source entry, or open, make or
   * clean a target directory.
   */
  record WalkFailed(byte[] dir, byte[] name, boolean blamesTarget, String reason)
      implements PoolEvent {}

  /**
   * The walker could not write at {@code dir/name} because the destination refuses every write
   * (full, over quota, read-only), so the run stops.
   *
   * @param failure what went wrong there, for the failure line ("cannot create directory: ...")
   * @param reason the system's reason alone ("Read-only file system")
   */
  record TargetRefusesWrites(byte[] dir, byte[] name, String failure, String reason)
      implements PoolEvent {}

  /** SIGINT, SIGTERM or SIGHUP arrived. */
  record Interrupted(String signal) implements PoolEvent {}
}
