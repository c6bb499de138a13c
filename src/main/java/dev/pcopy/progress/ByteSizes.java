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
