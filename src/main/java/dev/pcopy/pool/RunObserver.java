package dev.pcopy.pool;

import dev.pcopy.plan.Action.WorkerAction;
import dev.pcopy.plan.Decision;
import dev.pcopy.plan.Outcome;
import dev.pcopy.plan.Task;
import java.util.List;

/** Receives the outcome of a run as the coordinator learns it, always on the coordinator thread. */
public interface RunObserver {
  /** Bytes written; negative when the partial bytes of a dead worker's file are taken back. */
  void bytesCopied(long delta);

  /** A worker's action ended, well or not. */
  void actionDone(WorkerAction action, Outcome outcome);

  /**
   * Worker {@code index} reported that its action ended, well or not: the same as
   * {@link #actionDone}, for an observer that counts by worker (or by host).
   */
  default void actionDoneBy(int index, WorkerAction action, Outcome outcome) {
    actionDone(action, outcome);
  }

  /** The walk decided an entry (and carried out what was its own to do). */
  void walked(Decision decision);

  /**
   * The walk skipped {@code count} entries as unchanged, {@code bytes} bytes in all, without a
   * warning: counted only, where nothing shows each skip.
   */
  void skipped(long count, long bytes);

  /** The walk could not do something at {@code dir/name}. */
  void walkFailed(byte[] dir, byte[] name, boolean blamesTarget, String reason);

  /** The walk deleted {@code entries} entries of a target entry it could not delete whole. */
  void deletedInPart(long entries);

  /**
   * Worker {@code index} is at {@code action}, {@code bytes} bytes into it, and has ended the
   * actions of its task before it ({@code ended}), whose outcomes come with the task's end: so a
   * display can count each small file as it goes rather than each batch of them.
   */
  void workerAt(int index, List<WorkerAction> ended, WorkerAction action, long bytes);

  /** Worker {@code index} holds nothing (or is gone). */
  void workerIdle(int index);

  /**
   * A worker died or was stopped; its tasks are being handed out again, except, if
   * {@code entryGivenUp}, the entry it was on, which has now cost
   * {@link Coordinator#MAX_ATTEMPTS} workers and is reported as failed next.
   *
   * @param on the action it said it was at, or null
   */
  void workerLost(int index, String why, WorkerAction on, boolean entryGivenUp);

  /** A worker's JVM printed {@code text} outside the protocol (shown with {@code --debug}). */
  void workerChatter(int index, String text);

  /**
   * The destination refuses every write (full, over quota, read-only; {@code reason} says
   * which), so the run stopped. Called once, after the failure that showed it and after the
   * workers have settled, so that the counts are final.
   */
  void destinationRefusesWrites(String reason);

  /** A task was taken from a worker before it finished: its temporary files must go. */
  void abandoned(Task task);

  /**
   * {@code busy} of the {@code live} workers hold a task now. Told before each {@link #tick},
   * so that the time the workers spent is known apart from the time the run took: two workers
   * that copy side by side do twice the work of one in the same time.
   */
  void workers(int busy, int live);

  /** Called a few times a second so progress can be shown. */
  void tick();
}
