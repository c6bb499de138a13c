package dev.pcopy.progress;

/**
 * The text the terminal bar shows after its own counts and times: the write rate, the files done
 * and found, and what is still going on, e.g. {@code 224.5 MiB/s 279/711 files}.
 *
 * <p>The rate is pcopy's own, bytes written since the run started, as on the plain progress
 * lines. progressbar's divides by whole seconds since the bar was built, so it shows
 * {@code ? MiB/s} for the first second; here there is no rate until a byte has been written.
 */
final class BarMessage {
  private BarMessage() {}

  /** Returns the message for {@code s}. */
  static String of(Snapshot s) {
    StringBuilder text = new StringBuilder();
    if (s.bytesWritten() > 0 && !s.elapsed().isZero()) {
      text.append(ByteSizes.rate(s.rate())).append(' ');
    }
    text.append(s.entriesDone()).append('/').append(s.entriesTotal())
        .append(s.totalsFinal() ? "" : "+").append(" files");
    if (!s.totalsFinal()) {
      text.append(" (still listing)");
    }
    if (s.failed() > 0) {
      text.append(", ").append(s.failed()).append(" failed");
    }
    return text.toString();
  }
}
