package dev.pcopy.testing;

import dev.pcopy.progress.Eta;
import dev.pcopy.progress.HostLine;
import dev.pcopy.progress.Snapshot;
import dev.pcopy.progress.WorkerLine;
import java.time.Duration;
import java.util.List;

/** Snapshots made up for tests of what displays show. */
public final class Snapshots {
  private Snapshots() {}

  /**
   * Returns a snapshot with these counts, the average rate since the start, no worker lines, and
   * {@code eta}.
   */
  public static Snapshot of(long entriesDone, long entriesTotal, long bytesDone, long bytesTotal,
      boolean totalsFinal, long failed, Duration elapsed, long bytesWritten, Eta eta) {
    double seconds = elapsed.toNanos() / 1e9;
    return new Snapshot(entriesDone, entriesTotal, bytesDone, bytesTotal, totalsFinal, failed,
        elapsed, bytesWritten, seconds > 0 ? bytesWritten / seconds : 0, eta, List.of(),
        List.of());
  }

  /** Returns {@code s} with {@code hosts} shown. */
  public static Snapshot withHosts(Snapshot s, List<HostLine> hosts) {
    return new Snapshot(s.entriesDone(), s.entriesTotal(), s.bytesDone(), s.bytesTotal(),
        s.totalsFinal(), s.failed(), s.elapsed(), s.bytesWritten(), s.rate(), s.eta(),
        s.workers(), hosts);
  }

  /** Returns {@code s} with {@code workers} busy. */
  public static Snapshot withWorkers(Snapshot s, List<WorkerLine> workers) {
    return new Snapshot(s.entriesDone(), s.entriesTotal(), s.bytesDone(), s.bytesTotal(),
        s.totalsFinal(), s.failed(), s.elapsed(), s.bytesWritten(), s.rate(), s.eta(), workers,
        s.hosts());
  }
}
