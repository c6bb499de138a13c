package dev.pcopy.progress;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts what a run has done and what each worker is on, and learns the run's costs to estimate
 * the time left ({@link EtaModel}). Fed by the coordinator thread; totals come from the walker
 * through {@link Totals}, which it may update concurrently.
 */
public final class ProgressModel {
  /** What the walker has found so far. */
  public interface Totals {
    /** Files, links and special files found. */
    long entries();

    /** Bytes of the files found. */
    long bytes();

    /** Whether the walk has ended. */
    boolean finished();
  }

  /** A worker's entry and when its count last moved. */
  private record Work(String host, String path, long at, long size, Instant moved) {}

  private final Clock clock;
  private final Instant start;
  private final Totals totals;
  private final EtaModel eta = new EtaModel();
  private final Map<Integer, Work> workers = new TreeMap<>();
  private long entriesDone;
  private long bytesWritten;
  private long bytesSettled;
  private long failed;
  private boolean listed;

  /** Starts counting now, as {@code clock} tells time. */
  public ProgressModel(Clock clock, Totals totals) {
    this.clock = clock;
    this.start = clock.instant();
    this.totals = totals;
  }

  /** Adds bytes written (negative to take back the partial bytes of an abandoned file). */
  public void written(long delta) {
    bytesWritten += delta;
  }

  /** Counts an entry as finished; {@code settledBytes} is its size unless it was written. */
  public void entryDone(long settledBytes, boolean entryFailed) {
    entriesDone++;
    bytesSettled += settledBytes;
    if (entryFailed) {
      failed++;
    }
  }

  /** Counts {@code count} entries settled without a failure, {@code settledBytes} in all. */
  public void entriesDone(long count, long settledBytes) {
    entriesDone += count;
    bytesSettled += settledBytes;
  }

  /**
   * Worker {@code index} (on {@code host}, or null for this one) is {@code at} bytes into
   * {@code path}, an entry of {@code size} bytes.
   */
  public void workerAt(int index, String host, String path, long at, long size) {
    Work before = workers.get(index);
    Instant moved = before != null && before.path().equals(path) && before.at() == at
        ? before.moved() : clock.instant();
    workers.put(index, new Work(host, path, at, size, moved));
  }

  /** Worker {@code index} holds nothing, or is gone. */
  public void workerIdle(int index) {
    workers.remove(index);
  }

  /** Returns the time since the model was made. */
  public Duration elapsed() {
    return Duration.between(start, clock.instant());
  }

  /** Returns the state now, and takes it in to learn from. */
  public Snapshot snapshot() {
    Instant now = clock.instant();
    long nanos = Duration.between(start, now).toNanos();
    boolean totalsFinal = totals.finished();
    long entriesTotal = totals.entries();
    long bytesTotal = totals.bytes();
    long bytesDone = bytesWritten + bytesSettled;
    if (totalsFinal && !listed) {
      listed = true;
      eta.listed(nanos, entriesTotal);
    }
    eta.observe(nanos, entriesDone, bytesDone, bytesWritten);
    List<WorkerLine> lines = new ArrayList<>();
    workers.forEach((index, w) -> lines.add(new WorkerLine(index, w.host(), w.path(), w.at(),
        w.size(), Duration.between(w.moved(), now))));
    return new Snapshot(entriesDone, entriesTotal, bytesDone, bytesTotal, totalsFinal, failed,
        Duration.ofNanos(nanos), bytesWritten, eta.rate(nanos, bytesWritten),
        eta.estimate(nanos, entriesTotal - entriesDone, bytesTotal - bytesDone, !totalsFinal),
        lines);
  }
}
