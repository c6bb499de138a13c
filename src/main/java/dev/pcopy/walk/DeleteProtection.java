package dev.pcopy.walk;

import dev.pcopy.fs.Names;
import dev.pcopy.fs.Stat;
import dev.pcopy.plan.Leftovers;
import dev.pcopy.plan.Protection;
import dev.pcopy.select.Selection;
import dev.pcopy.select.Verdict;

/**
 * {@link Protection} by the selection, {@code -x} and the runs that are still going: an entry
 * the selection excludes is kept unless {@code --delete-excluded}; with {@code -x} a directory on
 * another device than its parent (a mount point; a btrfs subvolume too, as for rsync) is kept
 * whole; another live run's temporary file (on this host, or any on another host, as
 * {@link Leftovers} judges it) is kept always, since that run will rename it into place or
 * resume it.
 */
public final class DeleteProtection implements Protection {
  private final Selection selection;
  private final boolean oneFileSystem;
  private final Leftovers otherRuns;

  private DeleteProtection(Selection selection, boolean oneFileSystem, Leftovers otherRuns) {
    this.selection = selection;
    this.oneFileSystem = oneFileSystem;
    this.otherRuns = otherRuns;
  }

  /**
   * The protection {@code --delete} has: the selection's unless {@code --delete-excluded} (or it
   * selects everything), {@code -x}'s, and the temporary files of the runs that are still going
   * as this process judges them. An extraneous directory is always looked into, since any of
   * them may hold another run's temporary file.
   */
  public static Protection from(Selection selection, boolean deleteExcluded,
      boolean oneFileSystem) {
    Selection rules = deleteExcluded || selection.selectsEverything() ? null : selection;
    return new DeleteProtection(rules, oneFileSystem, Leftovers.forThisProcess());
  }

  /** The protection of a walk's options; as {@link #from(Selection, boolean, boolean)}. */
  public static Protection from(WalkOptions options) {
    return from(options.selection(), options.deleteExcluded(), options.oneFileSystem());
  }

  @Override
  public boolean selective() {
    return selection != null || oneFileSystem;
  }

  @Override
  public int of(byte[] path, Stat stat, Stat parent) {
    int why = NONE;
    if (oneFileSystem && stat.isDirectory() && stat.dev() != parent.dev()) {
      why |= OTHER_FILE_SYSTEM;
    }
    if (selection != null
        && selection.decide(path, TreeWalk.kind(stat), stat.size()) == Verdict.EXCLUDE) {
      why |= EXCLUDED;
    }
    byte[] name = Names.last(path);
    if (Leftovers.looksTemporary(name)
        && otherRuns.judge(name, stat.kind(), false) == Leftovers.Verdict.OTHER_RUN) {
      why |= OTHER_RUN;
    }
    return why;
  }
}
