package dev.pcopy.walk;

import java.util.concurrent.atomic.AtomicLong;

/** What the walk has found so far, read by the progress display while it grows. */
public final class Totals {
  private final AtomicLong entries = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private volatile boolean finished;

  /** Counts one entry found (a file, link or special file). */
  void found() {
    entries.incrementAndGet();
  }

  /** Counts the bytes an entry's decision writes or settles (a hard link's: none). */
  void decided(long size) {
    bytes.addAndGet(size);
  }

  void finish() {
    finished = true;
  }

  /** Files, links and special files found. */
  public long entries() {
    return entries.get();
  }

  /** Bytes of the regular files found. */
  public long bytes() {
    return bytes.get();
  }

  /** Whether the walk has ended, so the counts will not grow. */
  public boolean finished() {
    return finished;
  }
}
