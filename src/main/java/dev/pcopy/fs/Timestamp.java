package dev.pcopy.fs;

/**
 * A point in time as the kernel keeps it: seconds since 1970 (negative before) and nanoseconds
 * within that second, always 0 to 999,999,999. Unlike {@code Instant} through the JDK's file
 * API, every time a file system holds survives, before 1970 and after 2262 included.
 *
 * @param seconds whole seconds since 1970-01-01T00:00:00Z
 * @param nanos nanoseconds past {@code seconds}
 */
public record Timestamp(long seconds, int nanos) implements Comparable<Timestamp> {
  /** Checks the nanoseconds. */
  public Timestamp {
    if (nanos < 0 || nanos > 999_999_999) {
      throw new IllegalArgumentException("nanos (" + nanos + ") out of range 0..999999999");
    }
  }

  /** Whether this is exactly {@code other}; spares the record's bootstrapped {@code equals}. */
  public boolean same(Timestamp other) {
    return seconds == other.seconds && nanos == other.nanos;
  }

  @Override
  public int compareTo(Timestamp other) {
    return seconds != other.seconds ? Long.compare(seconds, other.seconds)
        : Integer.compare(nanos, other.nanos);
  }
}
