package dev.pcopy.plan;

import dev.pcopy.fs.Stat;

/**
 * What {@code --delete} keeps among the target's entries that the source lacks, and inside
 * them: an entry the selection excludes (unless {@code --delete-excluded}), and with {@code -x}
 * a directory on another file system than the directory that holds it (a mount point), which
 * is kept whole and never looked into.
 *
 * <p>The walk plans each deletion by it ({@link Action.Delete}): where a protection exists, it
 * looks into an extraneous directory, and a directory that holds something protected stays
 * ({@link KeptDirectory}). The deletion asks it again about every entry it removes inside a
 * directory planned to go whole, so that something protected that appeared after the plan is
 * kept all the same.
 */
public interface Protection {
  /** Nothing protects the entry: it may go. */
  int NONE = 0;
  /** The selection excludes it. */
  int EXCLUDED = 1;
  /** It is a directory of another file system than its parent's ({@code -x}). */
  int OTHER_FILE_SYSTEM = 2;

  /**
   * Returns why the entry at {@code path} (below the roots), found as {@code stat} in a
   * directory found as {@code parent}, must be kept: a set of the bits above, or {@link #NONE}
   * if it may go.
   */
  int of(byte[] path, Stat stat, Stat parent);

  /**
   * Says what a directory that holds entries kept for {@code why} holds; other bits than the
   * above stand for entries that changed under the deletion.
   */
  static String holds(int why) {
    String excluded = "entries the selection excludes";
    String mounted = "a mount point of another file system (-x)";
    return switch (why & (EXCLUDED | OTHER_FILE_SYSTEM)) {
      case EXCLUDED -> excluded;
      case OTHER_FILE_SYSTEM -> mounted;
      case EXCLUDED | OTHER_FILE_SYSTEM -> excluded + " and " + mounted;
      default -> "entries that changed or appeared after the deletion was planned";
    };
  }
}
