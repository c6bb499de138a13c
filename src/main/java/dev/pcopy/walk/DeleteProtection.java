package dev.pcopy.walk;

import dev.pcopy.fs.Stat;
import dev.pcopy.plan.Protection;
import dev.pcopy.select.Selection;
import dev.pcopy.select.Verdict;

/**
 * {@link Protection} by the selection and {@code -x}: an entry the selection excludes is kept
 * unless {@code --delete-excluded}; with {@code -x} a directory on another device than its
 * parent (a mount point; a btrfs subvolume too, as for rsync) is kept whole.
 */
public final class DeleteProtection implements Protection {
  private final Selection selection;
  private final boolean oneFileSystem;

  private DeleteProtection(Selection selection, boolean oneFileSystem) {
    this.selection = selection;
    this.oneFileSystem = oneFileSystem;
  }

  /**
   * The protection {@code --delete} has, or null when nothing can be protected (no rules, list
   * or size limits, or {@code --delete-excluded}; and no {@code -x}): the deletion then removes
   * an extraneous directory whole, without looking into it first.
   */
  public static Protection from(Selection selection, boolean deleteExcluded,
      boolean oneFileSystem) {
    Selection rules = deleteExcluded || selection.selectsEverything() ? null : selection;
    return rules == null && !oneFileSystem ? null : new DeleteProtection(rules, oneFileSystem);
  }

  /** The protection of a walk's options, or null; as {@link #from(Selection, boolean, boolean)}. */
  public static Protection from(WalkOptions options) {
    return from(options.selection(), options.deleteExcluded(), options.oneFileSystem());
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
    return why;
  }
}
