package dev.pcopy.progress;

import java.time.Duration;

/**
 * How far a run is at one moment: what a progress sink renders.
 *
 * @param entriesDone files and links finished (copied, unchanged or failed)
 * @param entriesTotal files and links found so far
 * @param bytesDone bytes written plus the sizes of entries that were unchanged or failed
 * @param bytesTotal bytes of all files found so far
 * @param totalsFinal whether the walk has ended, so the totals will not grow
 * @param failed entries that failed so far
 * @param elapsed time since the run started
 * @param bytesWritten bytes actually written
 */
public record Snapshot(long entriesDone, long entriesTotal, long bytesDone, long bytesTotal,
    boolean totalsFinal, long failed, Duration elapsed, long bytesWritten) {

  /** Returns the average write rate in bytes per second since the start. */
  public double rate() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds <= 0 ? 0 : bytesWritten / seconds;
  }

  /** Returns the done fraction of the bytes found so far, between 0 and 1. */
  public double fraction() {
    if (bytesTotal <= 0) {
      return entriesTotal == 0 ? 0 : Math.min(1, (double) entriesDone / entriesTotal);
    }
    return Math.min(1, (double) bytesDone / bytesTotal);
  }

  /** Returns the estimated seconds left, or a negative number while there is nothing to go on. */
  public double etaSeconds() {
    double seconds = elapsed.toNanos() / 1e9;
    double fraction = fraction();
    if (fraction <= 0 || seconds <= 0) {
      return -1;
    }
    return seconds * (1 - fraction) / fraction;
  }
}
