package dev.pcopy.job;

import dev.pcopy.copy.DirectoryWriter;
import dev.pcopy.copy.DirectoryWriter.Removal;
import dev.pcopy.copy.HandleCache;
import dev.pcopy.fs.Names;
import dev.pcopy.fs.Reasons;
import dev.pcopy.fs.SysException;
import dev.pcopy.plan.Action.Delete;
import dev.pcopy.plan.KeptDirectory;
import dev.pcopy.plan.Protection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code --delete}: carries out the walk's plan of what the target has and the source lacks,
 * once the copy is over and nothing failed, through the target's directory handles; a dry run
 * lists the same plan. {@code --max-delete} is checked first, against the entries the plan
 * removes, so that a limit deletes nothing rather than some.
 *
 * <p>The plan is taken in the order of its paths, so that a real run and a dry run tell it in
 * the same order whatever order the walk's threads found it in. A planned deletion is carried
 * out only while its entry is still the one planned; the directories the plan keeps are told
 * as warnings.
 */
final class Deleter {
  /** Why a planned deletion was not carried out: another entry has taken the name. */
  static final String CHANGED = "not deleted: it changed after --delete planned it";

  /**
   * What the walk planned.
   *
   * @param deletes what goes
   * @param kept the directories that stay because they hold something protected
   * @param protection what is protected, for the deletion to ask again
   */
  record Plan(List<Delete> deletes, List<KeptDirectory> kept, Protection protection) {
    boolean isEmpty() {
      return deletes.isEmpty() && kept.isEmpty();
    }
  }

  /**
   * How the deleting went.
   *
   * @param deleted the entries deleted (in a dry run: that would be)
   * @param limited {@code --max-delete} stopped it: nothing was deleted
   * @param wouldDelete the entries the plan removes
   * @param deletions the planned deletions (the {@code delete} lines)
   */
  record Result(long deleted, boolean limited, long wouldDelete, int deletions) {}

  /** Where the deleting is told. */
  interface Told {
    /** A deletion carried out (or, in a dry run, that would be). */
    void deleted(Delete d);

    /** A deletion that failed, or was not carried out, and why. */
    void failed(byte[] dir, byte[] name, String why);

    /** A directory kept, and why. */
    void kept(KeptDirectory k);
  }

  private Deleter() {}

  /**
   * Lists what {@code plan} deletes, as a dry run: the lines and the count a real run would
   * give.
   *
   * @param maxDelete the most entries that may go, or -1 for no limit
   */
  static Result list(Plan plan, long maxDelete, Told told) {
    Ordered o = Ordered.of(plan);
    if (maxDelete >= 0 && o.total() > maxDelete) {
      return new Result(0, true, o.total(), o.deletes().size());
    }
    o.deletes().forEach(told::deleted);
    o.kept().forEach(told::kept);
    return new Result(o.total(), false, o.total(), o.deletes().size());
  }

  /**
   * Deletes what {@code plan} deletes.
   *
   * @param maxDelete the most entries that may go, or -1 for no limit
   */
  static Result run(Plan plan, DirectoryWriter writer, HandleCache targets, long maxDelete,
      Told told) {
    Ordered o = Ordered.of(plan);
    if (maxDelete >= 0 && o.total() > maxDelete) {
      return new Result(0, true, o.total(), o.deletes().size());
    }
    long deleted = 0;
    for (Delete d : o.deletes()) {
      try {
        Removal r = writer.delete(targets.get(d.dir()), d, plan.protection());
        deleted += r.removed();
        switch (r.deleted()) {
          case WHOLE -> told.deleted(d);
          case ABSENT -> { }
          case CHANGED -> told.failed(d.dir(), d.name(), CHANGED);
          case PARTLY -> r.kept().forEach(told::kept);
        }
      } catch (SysException e) {
        told.failed(d.dir(), d.name(), "cannot delete: " + Reasons.of(e));
      } finally {
        targets.trim();
      }
    }
    o.kept().forEach(told::kept);
    return new Result(deleted, false, o.total(), o.deletes().size());
  }

  /**
   * A plan in the order of its paths, and the entries it removes.
   *
   * @param total the entries the deletions remove, as planned
   */
  private record Ordered(List<Delete> deletes, List<KeptDirectory> kept, long total) {
    static Ordered of(Plan plan) {
      Comparator<byte[]> byPath = Names::compare;
      List<Delete> deletes = new ArrayList<>(plan.deletes());
      deletes.sort(Comparator.comparing(d -> Names.join(d.dir(), d.name()), byPath));
      List<KeptDirectory> kept = new ArrayList<>(plan.kept());
      kept.sort(Comparator.comparing(k -> Names.join(k.dir(), k.name()), byPath));
      return new Ordered(deletes, kept, deletes.stream().mapToLong(Delete::entries).sum());
    }
  }
}
