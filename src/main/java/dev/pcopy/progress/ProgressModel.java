package dev.pcopy.progress;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

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

  /**
   * A worker's entry, the entries of its task it has ended (counted for good only when the
   * task's outcomes come), and when its count last moved.
   */
  private record Work(String host, int ended, String path, long at, long size, Instant moved) {}

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
  /** Workers' time until {@link #busySince}: the sum of the time each held work. */
  private long workNanos;
  private long busySince;
  private int busy;
  private int live;
  private boolean interrupted;
  private Supplier<List<HostLine>> hosts = List::of;

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
   * Worker {@code index} (on {@code host}, or null for this one) has ended {@code ended} entries
   * of its task, and is {@code at} bytes into {@code path}, an entry of {@code size} bytes.
   */
  public void workerAt(int index, String host, int ended, String path, long at, long size) {
    Work before = workers.get(index);
    Instant moved = before != null && before.ended() == ended && before.path().equals(path)
        && before.at() == at ? before.moved() : clock.instant();
    workers.put(index, new Work(host, ended, path, at, size, moved));
  }

  /**
   * Worker {@code index} holds nothing, or is gone: the entries it had ended are counted by
   * their outcomes now, or are to be done again.
   */
  public void workerIdle(int index) {
    workers.remove(index);
  }

  /** {@code busy} of the {@code live} workers hold work from now on. */
  public void workers(int busy, int live) {
    long now = nanos(clock.instant());
    workNanos += this.busy * (now - busySince);
    busySince = now;
    this.busy = busy;
    this.live = live;
  }

  private long nanos(Instant now) {
    return Duration.between(start, now).toNanos();
  }

  /** Shows what each host has done ({@code --hosts}) as {@code lines} tells it. */
  public void hosts(Supplier<List<HostLine>> lines) {
    this.hosts = lines;
  }

  /** The run was interrupted: from now on the estimate says so. */
  public void interrupted() {
    interrupted = true;
  }

  /** Returns the time since the model was made. */
  public Duration elapsed() {
    return Duration.between(start, clock.instant());
  }

  /** Returns the state now, and takes it in to learn from. */
  public Snapshot snapshot() {
    Instant now = clock.instant();
    long nanos = nanos(now);
    boolean totalsFinal = totals.finished();
    long entriesTotal = totals.entries();
    long bytesTotal = totals.bytes();
    long bytesDone = bytesWritten + bytesSettled;
    long entries = entriesDone;
    for (Work w : workers.values()) {
      entries += w.ended();
    }
    if (totalsFinal && !listed) {
      listed = true;
      eta.listed(nanos, entriesTotal);
    }
    eta.observe(nanos, entries, bytesDone, bytesWritten, workNanos + busy * (nanos - busySince));
    List<WorkerLine> lines = new ArrayList<>();
    workers.forEach((index, w) -> lines.add(new WorkerLine(index, w.host(), w.path(), w.at(),
        w.size(), Duration.between(w.moved(), now))));
    Eta left = interrupted ? Eta.INTERRUPTED
        : eta.estimate(nanos, entriesTotal - entries, bytesTotal - bytesDone, !totalsFinal, live);
    return new Snapshot(entries, entriesTotal, bytesDone, bytesTotal, totalsFinal, failed,
        Duration.ofNanos(nanos), bytesWritten, eta.rate(nanos, bytesWritten), left, lines,
        hosts.get());
  }
}
