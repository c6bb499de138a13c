package dev.pcopy.plan;

import dev.pcopy.fs.Timestamp;

/**
 * rsync's quick check: a target file with the source's size and modification time is taken to
 * be a finished copy and is not copied again.
 */
public final class QuickCheck {
  private QuickCheck() {}

  /**
   * Returns whether the target looks like an up-to-date copy of the source.
   *
   * <p>Times are compared exactly; when the target file system keeps whole seconds only (its time
   * has no fraction) the seconds are compared, so a re-run onto such a file system still skips.
   */
  public static boolean unchanged(long sourceSize, Timestamp sourceMtime, long targetSize,
      Timestamp targetMtime) {
    return sourceSize == targetSize && sameTime(sourceMtime, targetMtime);
  }

  /**
   * Returns whether the target's modification time is the source's, as {@link #unchanged}
   * compares them: also for a symbolic link or special file, whose time is all that shows a
   * change when its text or device number is the same.
   */
  public static boolean sameTime(Timestamp sourceMtime, Timestamp targetMtime) {
    if (sourceMtime.same(targetMtime)) {
      return true;
    }
    return targetMtime.nanos() == 0 && targetMtime.seconds() == sourceMtime.seconds();
  }
}
