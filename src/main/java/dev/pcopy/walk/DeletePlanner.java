package dev.pcopy.walk;

import dev.pcopy.fs.DirHandle;
import dev.pcopy.fs.Errno;
import dev.pcopy.fs.Names;
import dev.pcopy.fs.Reasons;
import dev.pcopy.fs.Stat;
import dev.pcopy.fs.SysException;
import dev.pcopy.plan.Action.Delete;
import dev.pcopy.plan.KeptDirectory;
import dev.pcopy.plan.Protection;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans {@code --delete} for one entry of the target that the source lacks: the one place that
 * decides what of it goes, which the real run carries out and the dry run and {@code -v} print.
 *
 * <p>The entry is looked into, read-only, through directory handles that never follow a link:
 * what {@link Protection} keeps stays (a mount point under {@code -x} is not even entered;
 * another live run's temporary file may be anywhere, so every extraneous directory is looked
 * into), a directory goes whole only if everything in it does, and a directory that holds
 * something kept stays ({@link KeptDirectory}) while what else it holds goes, each wholly
 * deletable entry a {@link Delete} of its own, counted. So the dry run, {@code -v} and the
 * count the summary and {@code --max-delete} use all come from this one look.
 */
final class DeletePlanner {
  private final boolean counted;
  private final Protection protection;

  /**
   * @param protection what is kept
   * @param counted whether every entry a deletion removes must be counted before it is planned
   *     ({@code --max-delete}): a directory this user may not read is then not deleted, since
   *     what it holds cannot be counted without opening it up, which a dry run does not do
   */
  DeletePlanner(Protection protection, boolean counted) {
    this.protection = protection;
    this.counted = counted;
  }

  /** What the planned deletions are, and the directories kept. */
  record Plan(List<Delete> deletes, List<KeptDirectory> kept) {}

  /**
   * Plans the deletion of {@code name}, found as {@code stat} in the target directory
   * {@code dir}, which is at {@code path} below the roots and was found as {@code dirStat}.
   *
   * @throws PlanFailed if something inside could not be looked into: nothing of the entry is
   *     planned
   */
  Plan plan(DirHandle dir, Stat dirStat, byte[] path, byte[] name, Stat stat)
      throws PlanFailed {
    Plan plan = new Plan(new ArrayList<>(), new ArrayList<>());
    Look look = look(dir, dirStat, path, name, stat, plan);
    if (look.kept() == Protection.NONE) {
      plan.deletes().add(Delete.of(path, name, stat, look.entries()));
    }
    return plan;
  }

  /**
   * What replacing a target entry of another kind than its source's takes
   * ({@link dev.pcopy.plan.Planner#kindsClash}).
   *
   * @param delete its deletion, whole; null when something keeps it
   * @param kept why it, or something in it, is kept: {@link Protection}'s bits; {@link
   *     Protection#NONE} when it goes
   * @param itself whether the entry itself is kept, rather than something it holds
   */
  record Replacement(Delete delete, int kept, boolean itself) {}

  /**
   * Plans the deletion of {@code name}, as {@link #plan}, to copy its source in its place: it
   * goes whole or not at all, since a directory that stays with what it holds cannot make room.
   *
   * @throws PlanFailed if something inside could not be looked into
   */
  Replacement replacement(DirHandle dir, Stat dirStat, byte[] path, byte[] name, Stat stat)
      throws PlanFailed {
    Plan inside = new Plan(new ArrayList<>(), new ArrayList<>());
    Look look = look(dir, dirStat, path, name, stat, inside);
    return look.kept() == Protection.NONE
        ? new Replacement(Delete.of(path, name, stat, look.entries()), Protection.NONE, false)
        : new Replacement(null, look.kept(), inside.kept().isEmpty());
  }

  /**
   * What looking into an entry found.
   *
   * @param entries the entries deleting it whole removes, when nothing in it is kept
   * @param kept why it, or something in it, is kept; {@link Protection#NONE} if it goes whole
   */
  private record Look(long entries, int kept) {}

  /**
   * Looks at {@code name} in {@code parent}; a directory that is not kept whole is looked into,
   * and if something in it is kept, what may go of it is added to {@code plan}, with it as kept.
   */
  private Look look(DirHandle parent, Stat parentStat, byte[] dir, byte[] name, Stat stat,
      Plan plan) throws PlanFailed {
    byte[] path = Names.join(dir, name);
    int why = protection.of(path, stat, parentStat);
    if (why != Protection.NONE) {
      return new Look(0, why);
    }
    if (!stat.isDirectory()) {
      return new Look(1, Protection.NONE);
    }
    DirHandle sub;
    try {
      sub = parent.openDirectory(name);
    } catch (SysException e) {
      throw new PlanFailed(dir, name, e.errno() == Errno.ENOTDIR || e.errno() == Errno.ELOOP
          ? CHANGED : CANNOT_LOOK + Reasons.of(e), e);
    }
    try (sub) {
      if (!sub.stat().sameFile(stat)) {
        throw new PlanFailed(dir, name, CHANGED, null);
      }
      if (!sub.readable()) {
        if (!protection.selective() && !counted) {
          // No rule protects anything: the deletion opens it up and asks about each entry.
          return new Look(1, Protection.NONE);
        }
        SysException denied = new SysException(Errno.EACCES, "open");
        throw new PlanFailed(dir, name, CANNOT_LOOK + Reasons.of(denied), denied);
      }
      List<byte[]> names = sub.list();
      names.sort(Names::compare);
      long entries = 1;
      int held = Protection.NONE;
      List<Delete> whole = new ArrayList<>();
      for (byte[] child : names) {
        Stat s = sub.statIfExists(child);
        if (s == null) {
          continue;
        }
        Look l = look(sub, stat, path, child, s, plan);
        if (l.kept() == Protection.NONE) {
          entries += l.entries();
          whole.add(Delete.of(path, child, s, l.entries()));
        } else {
          held |= l.kept();
        }
      }
      if (held == Protection.NONE) {
        return new Look(entries, Protection.NONE);
      }
      plan.deletes().addAll(whole);
      plan.kept().add(new KeptDirectory(dir, name, held));
      return new Look(0, held);
    } catch (SysException e) {
      throw new PlanFailed(dir, name, CANNOT_LOOK + Reasons.of(e), e);
    }
  }

  /** Why nothing of an extraneous directory is deleted when it changed under the look. */
  static final String CHANGED =
      "not deleted: it changed while --delete looked into it";
  /** Why nothing of an extraneous directory is deleted when it cannot be looked into. */
  static final String CANNOT_LOOK = "not deleted: cannot look into it: ";

  /** Something in an extraneous entry could not be looked into; nothing of it is planned. */
  static final class PlanFailed extends Exception {
    private static final long serialVersionUID = 1L;
    private final byte[] dir;
    private final byte[] name;

    PlanFailed(byte[] dir, byte[] name, String reason, SysException cause) {
      super(reason, cause, false, false);
      this.dir = dir;
      this.name = name;
    }

    /** The directory of the entry that could not be looked into. */
    byte[] dir() {
      return dir;
    }

    /** Its name. */
    byte[] name() {
      return name;
    }
  }
}
