package dev.pcopy.copy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * rsync's quick check: a target file with the source's size and modification time is taken to
 * be a finished copy and is not copied again.
 */
public final class QuickCheck {
  /**
   * The last time a long count of nanoseconds since 1970 can hold (2262-04-11). The JDK sets
   * times in such counts: a later time is kept to the microsecond where pcopy can reach the
   * kernel's microsecond call, and otherwise stops at this time.
   */
  public static final Instant LAST_NANO_TIME = Instant.ofEpochSecond(0, Long.MAX_VALUE);

  private QuickCheck() {}

  /**
   * Returns whether the target looks like an up-to-date copy of the source.
   *
   * <p>Times are compared exactly; when the target file system keeps whole seconds only (its time
   * has no fraction) the seconds are compared, so a re-run onto such a file system still skips.
   * A source time past {@link #LAST_NANO_TIME} is compared as closely as it could be copied.
   */
  public static boolean unchanged(long sourceSize, Instant sourceMtime, long targetSize,
      Instant targetMtime) {
    if (sourceSize != targetSize) {
      return false;
    }
    if (sourceMtime.equals(targetMtime)) {
      return true;
    }
    if (sourceMtime.isAfter(LAST_NANO_TIME)) {
      return targetMtime.equals(LAST_NANO_TIME)
          || targetMtime.equals(sourceMtime.truncatedTo(ChronoUnit.MICROS));
    }
    return targetMtime.getNano() == 0
        && targetMtime.getEpochSecond() == sourceMtime.getEpochSecond();
  }
}
