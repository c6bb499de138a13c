package dev.pcopy.job;

import dev.pcopy.copy.DirectoryWriter;
import dev.pcopy.copy.HandleCache;
import dev.pcopy.fs.Reasons;
import dev.pcopy.fs.SysException;
import dev.pcopy.plan.Action.Delete;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * {@code --delete}: removes what the target has and the source lacks, once the copy is over and
 * nothing failed, through the target's directory handles. {@code --max-delete} is checked first,
 * against everything that would go, so that a limit deletes nothing rather than some.
 */
final class Deleter {
  /** How the deleting went. */
  record Result(long deleted, boolean limited, long wouldDelete) {}

  private Deleter() {}

  /**
   * Deletes (or, unless {@code really}, counts) {@code deletions}.
   *
   * @param maxDelete the most entries that may go, or -1 for no limit
   * @param shown receives each deletion carried out (or, in a dry run, that would be)
   * @param failed receives a deletion that failed and why
   */
  static Result run(List<Delete> deletions, DirectoryWriter writer, HandleCache targets,
      boolean really, long maxDelete, Consumer<Delete> shown,
      BiConsumer<Delete, String> failed) {
    long total = 0;
    for (Delete d : deletions) {
      try {
        total += writer.count(targets.get(d.dir()), d.name());
      } catch (SysException e) {
        failed.accept(d, Reasons.of(e));
      } finally {
        targets.trim();
      }
    }
    if (maxDelete >= 0 && total > maxDelete) {
      return new Result(0, true, total);
    }
    long deleted = 0;
    for (Delete d : deletions) {
      try {
        deleted += really ? writer.removeTree(targets.get(d.dir()), d.name())
            : writer.count(targets.get(d.dir()), d.name());
        shown.accept(d);
      } catch (SysException e) {
        failed.accept(d, "cannot delete: " + Reasons.of(e));
      } finally {
        targets.trim();
      }
    }
    return new Result(deleted, false, total);
  }
}
