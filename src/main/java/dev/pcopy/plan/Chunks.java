package dev.pcopy.plan;

/**
 * How a big file is cut: a file of {@link #THRESHOLD} bytes or more is copied in chunks of
 * {@link #SIZE} bytes, which workers copy into one temporary file (several at once where the
 * file system gains from it), which a
 * progress display moves with, and which a stopped run keeps ({@link PartialRecord}) so the next
 * run resumes where it stopped. The numbers are measured: see {@code docs/performance.md}.
 */
public final class Chunks {
  /** Files at least this large are cut into chunks. */
  public static final long THRESHOLD = 128L << 20;
  /** Bytes in a chunk (the last may be shorter). */
  public static final long SIZE = 64L << 20;

  private Chunks() {}

  /** Whether a file of {@code size} bytes is copied in chunks. */
  public static boolean split(long size) {
    return size >= THRESHOLD;
  }
}
