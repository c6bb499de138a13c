package dev.pcopy.job;

import dev.pcopy.fs.DirHandle;
import dev.pcopy.fs.Identity;
import dev.pcopy.fs.Names;
import dev.pcopy.fs.Stat;
import dev.pcopy.fs.SysException;
import dev.pcopy.plan.Action.RemoveLeftover;
import dev.pcopy.plan.Decision;
import dev.pcopy.plan.Leftovers;
import dev.pcopy.plan.Planner;
import dev.pcopy.plan.SourceEntry;
import dev.pcopy.plan.TargetEntry;
import dev.pcopy.walk.ActionSink;
import dev.pcopy.walk.Partials;
import java.util.List;
import java.util.function.Predicate;

/**
 * The walk of a single-file copy: one entry, planned as a tree's entries are, into the
 * directory its copy goes into, which is first swept of a killed run's leftovers as a walked
 * directory is, so that {@code pcopy big.iso /mnt/usb/} cleans up after itself too.
 */
final class SingleFileWalk {
  private SingleFileWalk() {}

  /** Decides the copy of {@code roots}' file and hands the decision to {@code sink}. */
  static void run(Roots roots, Planner planner, ActionSink sink, Leftovers leftovers,
      Identity identity) {
    Roots.SingleFile file = roots.file();
    DirHandle target = roots.target();
    TargetEntry existing = null;
    List<byte[]> names = List.of();
    if (target != null) {
      try {
        Stat stat = target.statIfExists(file.targetName());
        existing = stat == null ? null : new TargetEntry(stat, null);
      } catch (SysException e) {
        sink.failed(Names.ROOT, file.targetName(), true, e.getMessage(), e);
        sink.directoryDone();
        return;
      }
      names = listing(target);
    }
    Predicate<byte[]> inSource = name -> inSource(roots, name);
    Partials partials = target == null ? Partials.none()
        : Partials.find(target, names, leftovers, inSource, identity.uid());
    // Endpoints checked that the file may be read.
    SourceEntry source = new SourceEntry(file.sourceName(), file.stat(), null, true);
    Stat dir = roots.targetFound();
    int gid = dir != null && (dir.mode() & 02000) != 0 ? dir.gid() : identity.gid();
    Decision decision = planner.cut(planner.entry(Names.ROOT, source, file.targetName(),
        existing, gid, 0), source, partials.take(file.targetName()));
    partials.decided(decision);
    sweep(target, names, sink, leftovers, inSource, partials);
    sink.decided(decision);
    sink.directoryDone();
  }

  /**
   * The names in the target directory; none in one this user may write into but not list (a
   * drop box, mode 0733), a fine place for one file: leftovers there stay, and the copy goes
   * ahead.
   */
  private static List<byte[]> listing(DirHandle target) {
    if (!target.readable()) {
      return List.of();
    }
    try {
      return target.list();
    } catch (SysException e) {
      // Nothing to sweep that can be seen; the copy itself says what is wrong, if anything.
      return List.of();
    }
  }

  private static boolean inSource(Roots roots, byte[] name) {
    try {
      return roots.source().statIfExists(name) != null;
    } catch (SysException e) {
      return true;
    }
  }

  /** Removes leftovers from the target directory, but for a partial copy the run continues. */
  private static void sweep(DirHandle target, List<byte[]> names, ActionSink sink,
      Leftovers leftovers, Predicate<byte[]> inSource, Partials partials) {
    for (byte[] name : names) {
      if (!Leftovers.looksTemporary(name) || partials.adopted(name)) {
        continue;
      }
      try {
        Stat stat = target.statIfExists(name);
        if (stat != null && leftovers.judge(name, stat.kind(), inSource.test(name))
            == Leftovers.Verdict.LEFTOVER) {
          sink.removeLeftover(new RemoveLeftover(Names.ROOT, name), target);
        }
      } catch (SysException e) {
        // Gone or unreadable: nothing to remove that can be seen.
      }
    }
  }
}
