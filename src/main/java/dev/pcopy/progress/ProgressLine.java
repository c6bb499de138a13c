package dev.pcopy.progress;

import java.util.Locale;

/** Formats a {@link Snapshot} as the plain progress line written when there is no terminal. */
public final class ProgressLine {
  private ProgressLine() {}

  /**
   * Returns e.g. {@code 120/5000 files, 1.2 GiB/4.5 GiB (27%), 80.0 MiB/s, ETA 0:31}; while the walk
   * runs the totals carry a {@code +} and there is no ETA, because the totals are still growing.
   */
  public static String format(Snapshot s) {
    String more = s.totalsFinal() ? "" : "+";
    StringBuilder line = new StringBuilder();
    line.append(s.entriesDone()).append('/').append(s.entriesTotal()).append(more).append(" files, ")
        .append(ByteSizes.format(s.bytesDone())).append('/')
        .append(ByteSizes.format(s.bytesTotal())).append(more)
        .append(String.format(Locale.ROOT, " (%d%%)", (int) Math.floor(s.fraction() * 100)))
        .append(", ").append(ByteSizes.rate(s.rate()));
    if (!s.totalsFinal()) {
      line.append(", still listing");
    } else if (s.etaSeconds() >= 0) {
      line.append(", ETA ").append(ByteSizes.duration(s.etaSeconds()));
    }
    if (s.failed() > 0) {
      line.append(", ").append(s.failed()).append(" failed");
    }
    return line.toString();
  }
}
