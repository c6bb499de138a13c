package dev.pcopy.progress;

import java.util.Locale;

/** Formats byte counts and rates the way a person reads them: {@code 1.5 GiB}, {@code 80 MiB/s}. */
public final class ByteSizes {
  private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

  private ByteSizes() {}

  /** Returns {@code bytes} in the largest binary unit that keeps the number at least 1. */
  public static String format(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    double value = bytes;
    int unit = 0;
    while (value >= 1024 && unit < UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
  }

  /**
   * Returns {@code done} and {@code total} in the unit of the total, which follows the total as
   * it grows: {@code 1.2/4.5 GiB}, {@code 300/900 B}; so the two numbers always compare at a
   * glance and the pair is never wider than the total's own number twice.
   */
  public static String pair(long done, long total) {
    return pair(done, total, false);
  }

  /** Like {@link #pair(long, long)}, with a {@code +} after a total that still grows. */
  public static String pair(long done, long total, boolean growing) {
    String more = growing ? "+" : "";
    long top = Math.max(done, total);
    if (top < 1024) {
      return done + "/" + total + more + " B";
    }
    int unit = 0;
    double scale = 1;
    while (top / scale >= 1024 && unit < UNITS.length - 1) {
      scale *= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f/%.1f%s %s", done / scale, total / scale, more,
        UNITS[unit]);
  }

  /**
   * Returns a time as a clock shows it, {@code 0:07}, {@code 12:34}, {@code 1:02:03}: one form
   * for every length, so that a label like {@code ETA} never changes its unit under the reader.
   */
  public static String clock(double seconds) {
    long s = Math.round(Math.max(0, seconds));
    if (s < 3600) {
      return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
  }

  /**
   * Returns a rate in three figures at most, {@code 9.8 MiB/s}, {@code 98.7 MiB/s},
   * {@code 987 MiB/s}, {@code 1012 MiB/s}: never wider than {@link #SHORT_RATE_WIDTH}, so a
   * display can keep it a fixed width.
   */
  public static String shortRate(double bytesPerSecond) {
    if (!(bytesPerSecond >= 0) || Double.isInfinite(bytesPerSecond)) {
      return "? B/s";
    }
    double value = bytesPerSecond;
    int unit = 0;
    while (value >= 1024 && unit < UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    String number = unit == 0 || value >= 99.95 ? String.valueOf(Math.round(value))
        : String.format(Locale.ROOT, "%.1f", value);
    return number + " " + UNITS[unit] + "/s";
  }

  /** The widest {@link #shortRate}: {@code 1023 MiB/s}. */
  public static final int SHORT_RATE_WIDTH = 10;

  /** Returns a rate in bytes per second, formatted like {@link #format} with {@code /s}. */
  public static String rate(double bytesPerSecond) {
    if (!(bytesPerSecond >= 0) || Double.isInfinite(bytesPerSecond)) {
      return "? B/s";
    }
    return format(Math.round(bytesPerSecond)) + "/s";
  }

  /** Returns a duration in seconds as {@code 42.0 s}, {@code 3:05} or {@code 1:02:03}. */
  public static String duration(double seconds) {
    if (seconds < 60) {
      return String.format(Locale.ROOT, "%.1f s", seconds);
    }
    long s = Math.round(seconds);
    if (s < 3600) {
      return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
  }
}
