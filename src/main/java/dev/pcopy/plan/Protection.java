package dev.pcopy.plan;

import dev.pcopy.fs.Stat;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code --delete} keeps among the target's entries that the source lacks, and inside
 * them: an entry the selection excludes (unless {@code --delete-excluded}), with {@code -x} a
 * directory on another file system than the directory that holds it (a mount point), which is
 * kept whole and never looked into, and another live run's temporary file.
 *
 * <p>The walk plans each deletion by it ({@link Action.Delete}): it looks into an extraneous
 * directory, and a directory that holds something protected stays ({@link KeptDirectory}). The
 * deletion asks it again about every entry it removes inside a directory planned to go whole,
 * so that something protected that appeared after the plan (such as another run's temporary
 * file, made since) is kept all the same.
 */
public interface Protection {
  /** Nothing protects the entry: it may go. */
  int NONE = 0;
  /** The selection excludes it. */
  int EXCLUDED = 1;
  /** It is a directory of another file system than its parent's ({@code -x}). */
  int OTHER_FILE_SYSTEM = 2;
  /** It is a temporary file of another run that is alive, or of another host's run. */
  int OTHER_RUN = 4;

  /**
   * Returns why the entry at {@code path} (below the roots), found as {@code stat} in a
   * directory found as {@code parent}, must be kept: a set of the bits above, or {@link #NONE}
   * if it may go.
   */
  int of(byte[] path, Stat stat, Stat parent);

  /**
   * Whether the selection or {@code -x} may protect something, beyond other runs' temporary
   * files. When not, a directory the plan cannot look into (its owner's, of mode 000, say) is
   * planned whole, as one entry: the deletion opens it up and asks again about what it finds
   * there, while no rule can stand behind a plan that failed.
   */
  default boolean selective() {
    return true;
  }

  /**
   * Says what a directory that holds entries kept for {@code why} holds; other bits than the
   * above stand for entries that changed under the deletion.
   */
  static String holds(int why) {
    List<String> parts = new ArrayList<>();
    if ((why & EXCLUDED) != 0) {
      parts.add("entries the selection excludes");
    }
    if ((why & OTHER_FILE_SYSTEM) != 0) {
      parts.add("a mount point of another file system (-x)");
    }
    if ((why & OTHER_RUN) != 0) {
      parts.add("temporary files of another pcopy run that is still going");
    }
    return parts.isEmpty() ? "entries that changed or appeared after the deletion was planned"
        : String.join(" and ", parts);
  }
}
