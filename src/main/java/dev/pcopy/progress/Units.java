package dev.pcopy.progress;

/**
 * How sizes and rates read in the human output (the bar, plain lines, the summary): in IEC units
 * for a person ({@code 1.5 GiB}, {@code 80 MiB/s}), or as raw numbers of bytes for a script
 * that reads them ({@code --bytes}: {@code 1610612736 B}, {@code 83886080 B/s}).
 */
public enum Units {
  /** Binary units, as {@link ByteSizes} writes them. */
  IEC,
  /** Whole numbers of bytes. */
  BYTES;

  /** The widest raw {@link #shortRate}: a rate below 1 PB/s. */
  private static final int RAW_RATE_WIDTH = "999999999999999 B/s".length();

  /** A size: {@code 1.5 GiB}, or {@code 1610612736 B}. */
  public String size(long bytes) {
    return this == IEC ? ByteSizes.format(bytes) : bytes + " B";
  }

  /**
   * A size done of a total, {@code 1.2/4.5 GiB} or {@code 1288490188/4831838208 B}, with a
   * {@code +} after a total that still grows.
   */
  public String pair(long done, long total, boolean growing) {
    return this == IEC ? ByteSizes.pair(done, total, growing)
        : done + "/" + total + (growing ? "+" : "") + " B";
  }

  /** A rate for the summary and plain lines: {@code 80.0 MiB/s}, or {@code 83886080 B/s}. */
  public String rate(double bytesPerSecond) {
    if (this == IEC || !(bytesPerSecond >= 0) || Double.isInfinite(bytesPerSecond)) {
      return ByteSizes.rate(bytesPerSecond);
    }
    return Math.round(bytesPerSecond) + " B/s";
  }

  /** A rate for the bar, never wider than {@link #shortRateWidth}. */
  public String shortRate(double bytesPerSecond) {
    if (this == IEC || !(bytesPerSecond >= 0) || Double.isInfinite(bytesPerSecond)) {
      return ByteSizes.shortRate(bytesPerSecond);
    }
    return Math.min(Math.round(bytesPerSecond), 999_999_999_999_999L) + " B/s";
  }

  /** The width a display keeps for {@link #shortRate}, so that the bar does not jump. */
  public int shortRateWidth() {
    return this == IEC ? ByteSizes.SHORT_RATE_WIDTH : RAW_RATE_WIDTH;
  }
}
