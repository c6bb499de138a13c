package dev.pcopy.walk;

import dev.pcopy.fs.DirHandle;
import dev.pcopy.fs.Stat;
import dev.pcopy.plan.Action;
import dev.pcopy.plan.Action.FinishDirectory;
import dev.pcopy.plan.Action.MakeDirectory;
import dev.pcopy.plan.Action.RemoveLeftover;
import dev.pcopy.plan.Decision;
import dev.pcopy.plan.KeptDirectory;
import dev.pcopy.plan.Protection;

/**
 * Receives what the walk decides, and carries it out or shows it: the real run makes directories
 * and queues the rest for workers, the dry run prints it all. Called from the walk's threads,
 * concurrently when it has more than one.
 */
public interface ActionSink {
  /**
   * Makes (or shows the making of) a directory in {@code parent}, the target directory it goes
   * into (null in a dry run when that directory would itself be made).
   *
   * @return whether the walk goes on into it, and whether as into a directory another process
   *     made meanwhile
   */
  DirectoryMade makeDirectory(MakeDirectory action, DirHandle parent);

  /**
   * An existing target directory {@code dir/name} the walk is about to enter, as it was found:
   * a real run opens it up for the copy if its owner may not write into it.
   */
  void enterDirectory(byte[] dir, byte[] name, DirHandle target, Stat found);

  /** Removes (or shows the removal of) a killed run's temporary file in {@code target}. */
  void removeLeftover(RemoveLeftover action, DirHandle target);

  /** An entry's decision: a write, a fix, a skip or a refusal. */
  void decided(Decision decision);

  /**
   * An entry of the target that the source lacks, or one inside it, to remove once the copy has
   * gone well ({@code --delete}), as planned.
   */
  void deleteLater(Action.Delete delete);

  /**
   * Deletes (or shows the deletion of) a target entry of another kind than its source's, in
   * {@code parent}, at once, as planned ({@code --delete}), so that the source entry is copied
   * in its place; asks {@code protection} again inside it, as any deletion does.
   *
   * @return whether it is gone; if not, the sink has told why, and the source entry is left
   */
  boolean replace(Action.Delete delete, DirHandle parent, Protection protection);

  /**
   * A directory of the target that the source lacks, which {@code --delete} keeps because it
   * holds something protected; told when the deletions are carried out.
   */
  void keepLater(KeptDirectory kept);

  /**
   * A directory to finish once everything is copied.
   *
   * @param timesWanted whether its times may be set: not while other runs' temporary files stay
   *     in it
   * @param untouched the target directory, when it existed before the run and the run writes
   *     nothing into it (every entry in it is skipped): nothing can change it before the end, so
   *     a real run may look now whether it already has all that {@code finish} gives, and then
   *     leave it alone; null for any other directory
   */
  void finishLater(FinishDirectory finish, boolean timesWanted, DirHandle untouched);

  /**
   * Something the walk could not do at {@code dir/name} (a listing, a status, opening a
   * directory): {@code blamesTarget} says on which side.
   */
  void failed(byte[] dir, byte[] name, boolean blamesTarget, String reason, Exception cause);

  /** A directory's entries have all been decided (a real run hands out what it batched). */
  void directoryDone();

  /** Whether the run is stopping, so the walk ends early. */
  boolean cancelled();

  /** Lets a real run learn of an action it need not carry out, for -v and counts. */
  default void shown(Action action) {}
}
