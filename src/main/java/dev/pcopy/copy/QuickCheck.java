package dev.pcopy.copy;

import java.time.Instant;

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
  public static boolean unchanged(long sourceSize, Instant sourceMtime, long targetSize,
      Instant targetMtime) {
    if (sourceSize != targetSize) {
      return false;
    }
    if (sourceMtime.equals(targetMtime)) {
      return true;
    }
    return targetMtime.getNano() == 0
        && targetMtime.getEpochSecond() == sourceMtime.getEpochSecond();
  }
}
