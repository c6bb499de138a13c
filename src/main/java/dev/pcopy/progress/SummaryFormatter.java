package dev.pcopy.progress;

import java.util.ArrayList;
import java.util.List;

/** Turns a {@link Summary} into the lines printed at the end of a run. */
public final class SummaryFormatter {
  private SummaryFormatter() {}

  /**
   * Returns the summary: one line with the counts, then each failure again. The first line reads
   * e.g. {@code pcopy: copied 120 files, 3 links, 1.2 GiB in 4.0 s (300.0 MiB/s); 7 unchanged,
   * 0 failed}; a dry run that found modes or owners to correct adds them, as in
   * {@code pcopy: would copy 2 files, 0 links, 2.0 KiB; would fix 1 mode; 7 unchanged, 0 failed};
   * sizes and rates in {@code units}.
   */
  public static List<String> format(Summary s, Units units) {
    List<String> lines = new ArrayList<>();
    double seconds = s.elapsed().toNanos() / 1e9;
    String verb = switch (s.ending()) {
      case COMPLETE -> "copied";
      case INTERRUPTED -> "interrupted after copying";
      case STOPPED -> "stopped after copying";
      case DRY_RUN -> "would copy";
    };
    StringBuilder first = new StringBuilder("pcopy: ").append(verb).append(' ')
        .append(counted(s.filesCopied(), "file")).append(", ")
        .append(counted(s.linksCopied(), "link")).append(", ");
    if (s.specialsCopied() > 0) {
      first.append(counted(s.specialsCopied(), "special file")).append(", ");
    }
    first.append(units.size(s.bytesWritten()));
    if (s.ending() != Summary.Ending.DRY_RUN) {
      first.append(" in ")
          .append(ByteSizes.duration(seconds)).append(" (")
          .append(units.rate(seconds > 0 ? s.bytesWritten() / seconds : 0)).append(')');
    }
    if (s.modesFixed() > 0 || s.ownersFixed() > 0 || s.timesFixed() > 0
        || s.xattrsFixed() > 0) {
      first.append(s.ending() == Summary.Ending.DRY_RUN ? "; would fix " : "; fixed ")
          .append(fixes(s));
    }
    if (s.deleted() > 0) {
      first.append(s.ending() == Summary.Ending.DRY_RUN ? "; would delete " : "; deleted ")
          .append(s.deleted());
    }
    first.append("; ").append(s.unchanged()).append(" unchanged, ").append(s.failed())
        .append(" failed");
    lines.add(first.toString());
    if (s.notKept() > 0) {
      lines.add("pcopy: " + s.notKept() + (s.notKept() == 1 ? " entry" : " entries")
          + " copied without all of " + (s.notKept() == 1 ? "its" : "their")
          + " metadata (see the errors above)");
    }
    for (String failure : s.failures()) {
      lines.add("pcopy: failed: " + failure);
    }
    if (s.failed() > s.failures().size()) {
      lines.add("pcopy: failed: ... and " + (s.failed() - s.failures().size()) + " more");
    }
    return lines;
  }

  /**
   * Returns the line about the temporary files of earlier runs that a run removed, e.g.
   * {@code pcopy: removed 3 leftover temporary files of an earlier run}, or that a dry run
   * would remove ({@code pcopy: would remove ...}): a killed run's, or a stopped run's partial
   * copies of big files whose source changed since.
   */
  public static String leftovers(long count, boolean dryRun) {
    return "pcopy: " + (dryRun ? "would remove " : "removed ")
        + counted(count, "leftover temporary file") + " of an earlier run";
  }

  /** Returns {@code count} and {@code noun}, plural unless the count is 1: {@code 3 files}. */
  public static String counted(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }

  /** Returns e.g. {@code 2 modes, 1 owner}, leaving out a count of 0. */
  private static String fixes(Summary s) {
    List<String> parts = new ArrayList<>();
    if (s.modesFixed() > 0) {
      parts.add(counted(s.modesFixed(), "mode"));
    }
    if (s.ownersFixed() > 0) {
      parts.add(counted(s.ownersFixed(), "owner"));
    }
    if (s.timesFixed() > 0) {
      parts.add(counted(s.timesFixed(), "time"));
    }
    if (s.xattrsFixed() > 0) {
      parts.add(counted(s.xattrsFixed(), "attribute set"));
    }
    return String.join(", ", parts);
  }
}
