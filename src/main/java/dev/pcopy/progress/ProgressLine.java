package dev.pcopy.progress;

/**
 * Formats a {@link Snapshot} as the plain progress line written when there is no terminal: the
 * same counts, units and ETA as the bar ({@link FrameLayout}), in words a log reads well.
 */
public final class ProgressLine {
  private ProgressLine() {}

  /**
   * Returns e.g. {@code 120/5000 entries, 1.2/4.5 GiB (27%), 80.0 MiB/s, elapsed 0:12, ETA 0:31};
   * while the walk runs the totals carry a {@code +} and the ETA waits
   * ({@code ETA after listing}), because the totals are still growing. Sizes in {@code units}.
   */
  public static String format(Snapshot s, Units units) {
    String more = s.totalsFinal() ? "" : "+";
    StringBuilder line = new StringBuilder();
    line.append(s.entriesDone()).append('/').append(s.entriesTotal()).append(more)
        .append(" entries, ")
        .append(units.pair(s.bytesDone(), s.bytesTotal(), !s.totalsFinal()))
        .append(" (").append(s.percent()).append("%), ").append(units.rate(s.rate()))
        .append(", elapsed ").append(ByteSizes.clock(s.elapsed().toNanos() / 1e9))
        .append(", ").append(s.eta().text());
    if (s.failed() > 0) {
      line.append(", ").append(s.failed()).append(" failed");
    }
    return line.toString();
  }
}
