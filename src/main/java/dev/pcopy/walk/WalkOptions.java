package dev.pcopy.walk;

import dev.pcopy.select.Selection;

/**
 * How a walk reads the two trees.
 *
 * @param followLinks follow symbolic links in the tree ({@code -L}): copy what they lead to
 * @param threads how many directories are read at once; one gives the order of a sorted
 *     depth-first listing, which the dry run prints
 * @param dryRun nothing is made, so a directory the run would make has no handle to read
 * @param selection which entries are copied ({@code --exclude}, {@code --files-from}, sizes)
 * @param oneFileSystem do not walk into directories on another file system than SRC's
 *     ({@code -x}); they are made, empty
 * @param delete find the target's entries that the source lacks ({@code --delete})
 * @param deleteExcluded those the selection excludes go too ({@code --delete-excluded})
 */
public record WalkOptions(boolean followLinks, int threads, boolean dryRun, Selection selection,
    boolean oneFileSystem, boolean delete, boolean deleteExcluded) {
  /** Checks the thread count. */
  public WalkOptions {
    if (threads < 1) {
      throw new IllegalArgumentException("threads (" + threads + ") must be positive");
    }
  }
}
