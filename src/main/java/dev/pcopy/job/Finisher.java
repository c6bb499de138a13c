package dev.pcopy.job;

import dev.pcopy.copy.DirectoryWriter;
import dev.pcopy.copy.HandleCache;
import dev.pcopy.fs.Reasons;
import dev.pcopy.fs.SysException;
import dev.pcopy.plan.Action.FinishDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Gives each target directory its source's owner, mode, times and extended attributes once
 * everything is copied, deepest first: writing into a directory changes its modification time,
 * and a read-only mode set early would stop the copy of its contents. An attribute the
 * destination would not take is reported as for a file, and the rest is given all the same.
 */
final class Finisher {
  private Finisher() {}

  /**
   * Finishes {@code finishes}, deepest first. A destination that refuses writes (read-only, say,
   * with every file already up to date) ends it at the first directory, which is reported once.
   *
   * @param stop whether a signal came: the directories not finished by then are left to the
   *     re-run, as after a run cut short
   * @return the system's reason if the destination refuses writes, else empty
   */
  static Optional<String> apply(List<WalkSink.Finish> finishes, DirectoryWriter directories,
      HandleCache targets, RunReport report, BooleanSupplier stop) {
    List<WalkSink.Finish> order = new ArrayList<>(finishes);
    // Not Comparator.comparingInt: its lambda is not kept in the class-data-sharing archive.
    order.sort((a, b) -> Integer.compare(b.action().depth(), a.action().depth()));
    for (WalkSink.Finish f : order) {
      if (stop.getAsBoolean()) {
        return Optional.empty();
      }
      FinishDirectory action = f.action();
      try {
        DirectoryWriter.Finished finished = directories.finish(targets, action, f.timesWanted());
        report.tally().done(action);
        report.show(action);
        if (!finished.notKept().isEmpty()) {
          report.cannotKeep(action.dir(), action.name(), finished.notKept());
        }
      } catch (SysException e) {
        report.fail(true, action.dir(), action.name(),
            "cannot set the owner, mode or times: " + Reasons.of(e));
        if (Reasons.refusesWrites(e)) {
          return Optional.of(Reasons.of(e));
        }
      } finally {
        targets.trim();
      }
    }
    return Optional.empty();
  }
}
