package dev.pcopy.pool;

import dev.pcopy.plan.CopyTask;
import dev.pcopy.plan.FileOp;
import dev.pcopy.plan.SpecialKind;
import dev.pcopy.protocol.Message.OpResult;
import java.nio.file.Path;

/** Receives the outcome of a run as the coordinator learns it, always on the coordinator thread. */
public interface RunObserver {
  /** Bytes written; negative when the partial bytes of a dead worker's file are taken back. */
  void bytesCopied(long delta);

  /** One entry is finished, well or not. */
  void entryDone(FileOp op, OpResult result);

  /**
   * The walk failed at {@code path}: a source entry it could not read, or a target directory it
   * could not make or clean.
   */
  void walkFailed(Path path, String reason);

  /** A FIFO, socket or device, of the given kind, was skipped. */
  void specialSkipped(Path source, SpecialKind kind);

  /**
   * A worker died; its tasks are being handed out again, except, if {@code entryGivenUp}, the
   * entry it was copying, which has now killed {@link Coordinator#MAX_ATTEMPTS} workers and is
   * reported as failed next.
   */
  void workerLost(int index, String why, boolean entryGivenUp);

  /** A worker's JVM printed {@code text} outside the protocol (shown with {@code --debug}). */
  void workerChatter(int index, String text);

  /**
   * The destination refuses every write (full, over quota, read-only; {@code reason} says
   * which), so the run stopped. Called once, after the failure that showed it and after the
   * workers have settled, so that the counts are final.
   */
  void destinationRefusesWrites(String reason);

  /** A task was taken from a worker before it finished: its temporary files must go. */
  void abandoned(CopyTask task);

  /** Called a few times a second so progress can be shown. */
  void tick();
}
