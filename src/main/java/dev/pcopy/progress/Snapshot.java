package dev.pcopy.progress;

import java.time.Duration;
import java.util.List;

/**
 * How far a run is at one moment: what every progress display renders, so that the bar, the plain
 * lines and the {@code --json} events always agree.
 *
 * @param entriesDone entries (files, links and special files) finished: copied, fixed,
 *     unchanged or failed, or moved past by a worker whose task's outcomes are still to come
 * @param entriesTotal entries found so far
 * @param bytesDone bytes written plus the sizes of entries that were unchanged or failed
 * @param bytesTotal bytes of all files found so far
 * @param totalsFinal whether the walk has ended, so the totals will not grow
 * @param failed entries that failed so far
 * @param elapsed time since the run started
 * @param bytesWritten bytes actually written
 * @param rate bytes written per second, recently
 * @param eta the time left, or why it is not known
 * @param workers what each busy worker is on, by worker number
 * @param hosts what each host has done ({@code --hosts}), in the host list's order; else empty
 */
public record Snapshot(long entriesDone, long entriesTotal, long bytesDone, long bytesTotal,
    boolean totalsFinal, long failed, Duration elapsed, long bytesWritten, double rate, Eta eta,
    List<WorkerLine> workers, List<HostLine> hosts) {

  /** Copies the lists so a snapshot never changes. */
  public Snapshot {
    workers = List.copyOf(workers);
    hosts = List.copyOf(hosts);
  }

  /** Returns the done fraction of the bytes found so far, between 0 and 1. */
  public double fraction() {
    if (bytesTotal <= 0) {
      return entriesTotal == 0 ? 0 : Math.min(1, (double) entriesDone / entriesTotal);
    }
    return Math.min(1, (double) bytesDone / bytesTotal);
  }

  /** Returns the done fraction as a whole percentage, never rounded up to 100 too early. */
  public int percent() {
    return (int) Math.floor(fraction() * 100);
  }
}
