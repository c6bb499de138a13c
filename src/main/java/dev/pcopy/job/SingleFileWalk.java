package dev.pcopy.job;

import dev.pcopy.fs.DirHandle;
import dev.pcopy.fs.Identity;
import dev.pcopy.fs.Names;
import dev.pcopy.fs.Stat;
import dev.pcopy.fs.SysException;
import dev.pcopy.plan.Action.RemoveLeftover;
import dev.pcopy.plan.Leftovers;
import dev.pcopy.plan.Planner;
import dev.pcopy.plan.SourceEntry;
import dev.pcopy.plan.TargetEntry;
import dev.pcopy.walk.ActionSink;
import java.util.List;

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
    if (target != null) {
      sweep(roots, sink, leftovers);
      try {
        Stat stat = target.statIfExists(file.targetName());
        existing = stat == null ? null : new TargetEntry(stat, null);
      } catch (SysException e) {
        sink.failed(Names.ROOT, file.targetName(), true, e.getMessage(), e);
        sink.directoryDone();
        return;
      }
    }
    // Endpoints checked that the file may be read.
    SourceEntry source = new SourceEntry(file.sourceName(), file.stat(), null, true);
    Stat dir = roots.targetFound();
    int gid = dir != null && (dir.mode() & 02000) != 0 ? dir.gid() : identity.gid();
    sink.decided(planner.entry(Names.ROOT, source, file.targetName(), existing, gid, 0));
    sink.directoryDone();
  }

  /**
   * Removes leftovers from the target directory; one this user may write into but not list (a
   * drop box, mode 0733) is a fine place for one file: leftovers there stay, and the copy goes
   * ahead.
   */
  private static void sweep(Roots roots, ActionSink sink, Leftovers leftovers) {
    DirHandle target = roots.target();
    if (!target.readable()) {
      return;
    }
    try {
      List<byte[]> names = target.list();
      for (byte[] name : names) {
        if (!Leftovers.looksTemporary(name)) {
          continue;
        }
        Stat stat = target.statIfExists(name);
        boolean inSource = roots.source().statIfExists(name) != null;
        if (stat != null && leftovers.judge(name, stat.kind(), inSource)
            == Leftovers.Verdict.LEFTOVER) {
          sink.removeLeftover(new RemoveLeftover(Names.ROOT, name), target);
        }
      }
    } catch (SysException e) {
      // Nothing to sweep that can be seen; the copy itself says what is wrong, if anything.
    }
  }
}
