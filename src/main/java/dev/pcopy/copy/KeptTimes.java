package dev.pcopy.copy;

import dev.pcopy.fs.Stat;
import dev.pcopy.fs.Timestamp;
import dev.pcopy.plan.QuickCheck;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * Tells whether an entry kept the times set on it. A file system keeps times in a range of its
 * own (ext4 with 128-byte inodes, XFS without {@code bigtime}: 1901 to 2038) and clamps any
 * other without a word, as {@code cp -a} lets it; a re-run would then find the copy's time
 * unlike its source's and copy it again at every run. What was not kept is said, so that the
 * run ends with exit code 1 and the reason. Times from 1970 to 2038 fit every Linux file system
 * that keeps times at all, so only others are read back: a stat per entry is not spent on them.
 */
final class KeptTimes {
  private KeptTimes() {}

  /** Whether {@code atime} or {@code mtime} is one a file system may clamp. */
  static boolean mayBeClamped(Timestamp atime, Timestamp mtime) {
    return outsideEveryRange(atime) || outsideEveryRange(mtime);
  }

  private static boolean outsideEveryRange(Timestamp t) {
    return t.seconds() < 0 || t.seconds() > Integer.MAX_VALUE;
  }

  /**
   * Returns what of {@code atime} and {@code mtime}, set on an entry, it did not keep as
   * {@code found} now shows it, or an empty text. A time kept in whole seconds only is kept, as
   * the quick check takes it ({@link QuickCheck#sameTime}).
   */
  static String lost(Timestamp atime, Timestamp mtime, Stat found) {
    String lost = "";
    if (!QuickCheck.sameTime(mtime, found.mtime())) {
      lost = "modification time " + text(mtime) + ": the destination keeps "
          + text(found.mtime());
    }
    if (!QuickCheck.sameTime(atime, found.atime())) {
      lost = (lost.isEmpty() ? "" : lost + "; ") + "access time " + text(atime)
          + ": the destination keeps " + text(found.atime());
    }
    return lost;
  }

  private static String text(Timestamp t) {
    try {
      return Instant.ofEpochSecond(t.seconds(), t.nanos()).toString();
    } catch (DateTimeException e) {
      // Beyond what a calendar of Instant's can say: the kernel's own count.
      return t.seconds() + " s since 1970";
    }
  }
}
