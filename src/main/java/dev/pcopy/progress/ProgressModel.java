package dev.pcopy.progress;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Counts what a run has done. Fed by the coordinator thread; totals come from the walker through
 * {@link Totals}, which it may update concurrently.
 */
public final class ProgressModel {
  /** What the walker has found so far. */
  public interface Totals {
    /** Files and links found. */
    long entries();

    /** Bytes of the files found. */
    long bytes();

    /** Whether the walk has ended. */
    boolean finished();
  }

  private final Clock clock;
  private final Instant start;
  private final Totals totals;
  private long entriesDone;
  private long bytesWritten;
  private long bytesSettled;
  private long failed;

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

  /** Returns the time since the model was made. */
  public Duration elapsed() {
    return Duration.between(start, clock.instant());
  }

  /** Returns the state now. */
  public Snapshot snapshot() {
    boolean totalsFinal = totals.finished();
    return new Snapshot(entriesDone, totals.entries(), bytesWritten + bytesSettled, totals.bytes(),
        totalsFinal, failed, elapsed(), bytesWritten);
  }
}
