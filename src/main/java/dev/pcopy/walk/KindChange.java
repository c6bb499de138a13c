package dev.pcopy.walk;

import dev.pcopy.fs.Stat;
import dev.pcopy.plan.Protection;

/**
 * {@code --delete} for a target entry of another kind than its source's (a directory where a
 * file, link or special file goes, or one of those where a directory goes): deletes it at once,
 * whole, by the plan and the protection of any deletion ({@link DeletePlanner}), so that the
 * source entry is copied in its place in the same run. Carried out during the walk, not at the
 * end with what SRC lacks: the copy needs the name, and the source entry was seen, so no
 * failure elsewhere can make the deletion a mistake.
 */
final class KindChange {
  /** What became of the target entry. */
  enum State {
    /** Its kind does not clash with its source's: the planner decides as ever. */
    MATCHES,
    /** It is gone (in a dry run: would be): the source entry is decided as new. */
    GONE,
    /** It stays, for {@link Result#why}: the source entry is refused. */
    KEPT,
    /** Its deletion failed and was told: the source entry is left alone. */
    FAILED
  }

  /**
   * What became of a target entry, and why it stays when it does.
   *
   * @param state what became of it
   * @param why why it stays ({@link State#KEPT}); else null
   */
  record Result(State state, String why) {
    static final Result MATCHES = new Result(State.MATCHES, null);
    static final Result GONE = new Result(State.GONE, null);
    static final Result FAILED = new Result(State.FAILED, null);

    static Result kept(String why) {
      return new Result(State.KEPT, why);
    }
  }

  private final DeletePlanner deletes;
  private final Protection protection;
  private final DeleteBudget budget;
  private final ActionSink sink;
  private final boolean oneFileSystem;
  private final Stat targetRoot;

  /**
   * @param protection what {@code --delete} keeps
   * @param budget what {@code --max-delete} lets go
   * @param sink carries the deletion out, or shows it
   * @param oneFileSystem {@code -x}: nothing is deleted on another file system than DST's
   * @param targetRoot DST as it was found
   */
  KindChange(Protection protection, DeleteBudget budget, ActionSink sink,
      boolean oneFileSystem, Stat targetRoot) {
    this.deletes = new DeletePlanner(protection, budget.max() >= 0);
    this.protection = protection;
    this.budget = budget;
    this.sink = sink;
    this.oneFileSystem = oneFileSystem;
    this.targetRoot = targetRoot;
  }

  /** Deletes {@code name}, found as {@code stat} in the existing target directory of {@code u}. */
  Result clear(Unit u, byte[] name, Stat stat) {
    if (oneFileSystem && targetRoot != null && u.targetFound.dev() != targetRoot.dev()) {
      return Result.kept("its directory is on another file system than DST (-x)");
    }
    DeletePlanner.Replacement r;
    try {
      r = deletes.replacement(u.dst, u.targetFound, u.path, name, stat);
    } catch (DeletePlanner.PlanFailed e) {
      sink.failed(e.dir(), e.name(), true, e.getMessage(), (Exception) e.getCause());
      return Result.FAILED;
    }
    if (r.delete() == null) {
      return Result.kept(r.itself() ? "--delete keeps it (" + Protection.holds(r.kept()) + ")"
          : "it holds " + Protection.holds(r.kept()));
    }
    long entries = r.delete().entries();
    if (!budget.take(entries)) {
      return Result.kept("deleting it (" + (entries == 1 ? "1 entry" : entries + " entries")
          + ") would pass --max-delete " + budget.max());
    }
    return sink.replace(r.delete(), u.dst, protection) ? Result.GONE : Result.FAILED;
  }
}
