package dev.pcopy.job;

import dev.pcopy.progress.Summary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The counts a run's summary reports, and its first failures, kept for the closing lines. */
final class Tally {
  /** Failures kept for the summary; beyond this they are only counted. */
  private static final int MAX_LISTED_FAILURES = 100;

  private final List<String> failures = new ArrayList<>();
  long filesCopied;
  long linksCopied;
  long modesFixed;
  long ownersFixed;
  long unchanged;
  long specials;
  long bytes;
  private long failed;

  /** Counts a failure; {@code line} is the path and reason, repeated in the summary. */
  void fail(String line) {
    failed++;
    if (failures.size() < MAX_LISTED_FAILURES) {
      failures.add(line);
    }
  }

  long failed() {
    return failed;
  }

  Summary summary(Duration elapsed, Summary.Ending ending) {
    return new Summary(filesCopied, linksCopied, modesFixed, ownersFixed, unchanged, failed,
        specials, bytes, elapsed, failures, ending);
  }
}
