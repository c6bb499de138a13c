package dev.pcopy.job;

import dev.pcopy.fs.Stat;
import dev.pcopy.plan.Action;
import dev.pcopy.plan.Action.FixMetadata;
import dev.pcopy.plan.Action.HardLink;
import dev.pcopy.plan.Action.WriteFile;
import dev.pcopy.plan.Action.WriteLink;
import dev.pcopy.plan.Action.WriteSpecial;
import dev.pcopy.progress.Summary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The counts a run's summary reports, and its first failures, kept for the closing lines. */
final class Tally {
  /** Failures kept for the summary; beyond this they are only counted. */
  private static final int MAX_LISTED_FAILURES = 100;

  private final List<String> failures = new ArrayList<>();
  private long filesCopied;
  private long linksCopied;
  private long specialsCopied;
  private long modesFixed;
  private long ownersFixed;
  private long timesFixed;
  private long xattrsFixed;
  private long deleted;
  private long unchanged;
  private long notKept;
  private long leftovers;
  long bytes;
  private long failed;

  /** Counts an action carried out (a dry run: that would be). */
  void done(Action action) {
    if (action instanceof WriteFile) {
      copied(Stat.Kind.FILE);
    } else if (action instanceof WriteLink) {
      copied(Stat.Kind.SYMLINK);
    } else if (action instanceof WriteSpecial s) {
      copied(s.kind());
    } else if (action instanceof HardLink h) {
      // Another name of what its group's write made: counted as that write is.
      copied(h.kind());
    } else if (action instanceof FixMetadata f) {
      if (f.chown()) {
        ownersFixed++;
      }
      if (f.mode() != -1 && f.kind() != Stat.Kind.SYMLINK) {
        modesFixed++;
      }
      if (f.mtime() != null) {
        timesFixed++;
      }
    } else if (action instanceof Action.FinishDirectory f) {
      ownersFixed += f.fixes().owner() ? 1 : 0;
      modesFixed += f.fixes().mode() ? 1 : 0;
      xattrsFixed += f.fixes().acls() || f.fixes().xattrs() ? 1 : 0;
      timesFixed += f.fixes().times() ? 1 : 0;
    } else if (action instanceof Action.Skip) {
      unchanged++;
    } else if (action instanceof Action.RemoveLeftover) {
      leftovers++;
    }
  }

  /** Counts an entry made, by what it is. */
  private void copied(Stat.Kind kind) {
    if (kind == Stat.Kind.FILE) {
      filesCopied++;
    } else if (kind == Stat.Kind.SYMLINK) {
      linksCopied++;
    } else {
      specialsCopied++;
    }
  }

  /** Counts {@code count} entries skipped as unchanged, as {@link #done} counts one. */
  void unchanged(long count) {
    unchanged += count;
  }

  /** Counts entries deleted ({@code --delete}; a dry run: that would be). */
  void deleted(long count) {
    deleted += count;
  }

  /** Counts a failure; {@code line} is the path and reason, repeated in the summary. */
  void fail(String line) {
    failed++;
    if (failures.size() < MAX_LISTED_FAILURES) {
      failures.add(line);
    }
  }

  /** Counts an entry written without something the destination could not keep. */
  void notKept() {
    notKept++;
  }

  long failed() {
    return failed;
  }

  long notKeptCount() {
    return notKept;
  }

  long filesCopied() {
    return filesCopied;
  }

  long leftovers() {
    return leftovers;
  }

  Summary summary(Duration elapsed, Summary.Ending ending) {
    return new Summary(filesCopied, linksCopied, specialsCopied, modesFixed, ownersFixed,
        timesFixed, xattrsFixed, deleted, unchanged, failed, notKept, bytes, elapsed, failures,
        ending);
  }
}
