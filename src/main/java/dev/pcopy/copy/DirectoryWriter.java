package dev.pcopy.copy;

import dev.pcopy.fs.DirHandle;
import dev.pcopy.fs.Errno;
import dev.pcopy.fs.FileHandle;
import dev.pcopy.fs.Names;
import dev.pcopy.fs.Reasons;
import dev.pcopy.fs.Stat;
import dev.pcopy.fs.SysException;
import dev.pcopy.fs.Xattr;
import dev.pcopy.plan.Action.CommitFile;
import dev.pcopy.plan.Action.Delete;
import dev.pcopy.plan.Action.FinishDirectory;
import dev.pcopy.plan.Action.WorkerAction;
import dev.pcopy.plan.Action.WriteChunk;
import dev.pcopy.plan.KeptDirectory;
import dev.pcopy.plan.Meta;
import dev.pcopy.plan.Planner;
import dev.pcopy.plan.Protection;
import dev.pcopy.plan.TempNames;
import dev.pcopy.plan.XattrRules;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * The coordinator's writes to the destination, each through a directory handle: making the
 * directories the workers fill, opening up an existing one for the copy, removing a killed run's
 * temporary files or a dead worker's, deleting what {@code --delete} planned, and giving every
 * directory its metadata at the end.
 */
public final class DirectoryWriter {
  /** A new directory is its owner's alone until its real mode comes at the end. */
  private static final int WHILE_COPYING = 0700;

  private final boolean root;
  private final boolean fsync;
  private final boolean xattrs;
  private final boolean acls;

  /**
   * @param root running as root: permission bits do not stop it, so nothing is opened up
   * @param fsync flush each finished directory to the disk
   * @param xattrs extended attributes are kept
   * @param acls ACLs are kept
   */
  public DirectoryWriter(boolean root, boolean fsync, boolean xattrs, boolean acls) {
    this.root = root;
    this.fsync = fsync;
    this.xattrs = xattrs;
    this.acls = acls;
  }

  /**
   * Makes the directory {@code name} in {@code parent}, for its owner alone while it is filled:
   * a source directory's contents are not open to others while they are copied, whatever mode
   * it gets at the end.
   *
   * <p>A directory another process made under that name since the target was listed (a second
   * copy into the same place, a {@code mkdir -p}) is taken as it is, as {@code mkdir -p} takes
   * it: its status is returned, for the caller to treat it as one that was there before. Its
   * name is looked at without following a link, so a link to a directory is no directory here.
   *
   * @return null if this call made it, else the status of the directory found under its name
   * @throws NotADirectory if something else than a directory took its name meanwhile
   */
  public Stat make(DirHandle parent, byte[] name) throws IOException {
    try {
      parent.mkdir(name, WHILE_COPYING);
      return null;
    } catch (SysException e) {
      if (e.errno() != Errno.EEXIST) {
        throw e;
      }
    }
    Stat found = parent.statIfExists(name);
    if (found == null) {
      // Made and removed again between the two calls: no directory to merge into, and trying
      // again could race for ever; the failure names what mkdir said.
      throw new SysException(Errno.EEXIST, "mkdir");
    }
    if (!found.isDirectory()) {
      throw new NotADirectory(found.kind());
    }
    return found;
  }

  /** Something other than a directory took a directory's name after the target was listed. */
  public static final class NotADirectory extends IOException {
    private static final long serialVersionUID = 1L;

    NotADirectory(Stat.Kind kind) {
      super("exists and is not a directory (" + kind.description() + " made meanwhile)");
    }
  }

  /**
   * Lets the copy write into an existing target directory whose owner may not (left so by an
   * earlier run): read, write and search for the owner until the end gives its real mode back.
   * Root needs no permission bits. On a read-only file system a finished copy needs nothing
   * written, and a write that is needed fails where it happens, so that is no failure here.
   */
  public void openUp(DirHandle target, Stat found) throws SysException {
    if (root || (found.mode() & 0700) == 0700) {
      return;
    }
    try {
      target.chmod(found.mode() | 0700);
    } catch (SysException e) {
      if (e.errno() != Errno.EROFS) {
        throw e;
      }
    }
  }

  /**
   * Makes a big file's temporary copy {@code temp} at its full size (a hole, for its chunks to
   * fill) and its record {@code record} beside it, holding the header {@code header} gives for
   * the copy's inode; returns the status of each, whose inodes the chunks and the notes check.
   */
  public PartialFiles makePartial(DirHandle target, byte[] temp, long size, byte[] record,
      LongFunction<byte[]> header) throws SysException {
    Stat copy;
    try (FileHandle file = target.create(temp, 0600)) {
      file.truncate(size);
      copy = file.stat();
    }
    try (FileHandle file = target.create(record, 0600)) {
      file.writeAll(header.apply(copy.ino()), 0);
      if (fsync) {
        file.fsync();
      }
      return new PartialFiles(copy, file.stat());
    }
  }

  /**
   * A big file's temporary copy and record, as made.
   *
   * @param copy the temporary copy's status
   * @param record the record's status
   */
  public record PartialFiles(Stat copy, Stat record) {}

  /**
   * Appends {@code entry} to a big file's record, the file of inode {@code ino} made with
   * {@link #makePartial}: one more chunk is done. Flushed with {@code --fsync}, so that a record
   * never claims a chunk the disk may not have.
   */
  public void note(DirHandle target, byte[] record, long ino, byte[] entry)
      throws SysException {
    try (FileHandle file = target.openWrite(record)) {
      Stat stat = file.stat();
      if (stat.ino() != ino || !stat.isFile() || stat.nlink() != 1) {
        throw new SysException(Errno.ESTALE, "open");
      }
      file.writeAll(entry, stat.size());
      if (fsync) {
        file.fsync();
      }
    }
  }

  /**
   * Removes the temporary file {@code name} in {@code target}; false if it was gone already (or
   * never made).
   */
  public boolean remove(DirHandle target, byte[] name) throws SysException {
    return target.unlinkIfExists(name);
  }

  /**
   * Removes what a worker that died, or was stopped, may have left of {@code actions}: their
   * temporary files, named by run and entry number. Returns why each one that is there could
   * not be removed (the next run's sweep removes it), by action.
   */
  public Map<WorkerAction, String> removeTemporaries(HandleCache targets, String runId,
      List<WorkerAction> actions) {
    Map<WorkerAction, String> left = new LinkedHashMap<>();
    for (WorkerAction a : actions) {
      if (a instanceof WriteChunk || a instanceof CommitFile) {
        // A big file's copy is its chunks' in common: what becomes of it is decided at the end.
        continue;
      }
      try {
        remove(targets.get(a.dir()), TempNames.of(runId, a.seq()));
      } catch (SysException e) {
        // A directory that is gone holds no temporary file.
        if (e.errno() != Errno.ENOENT) {
          left.put(a, Reasons.of(e));
        }
      }
    }
    targets.trim();
    return left;
  }

  /**
   * What {@link #finish} did to a directory.
   *
   * @param written whether anything was written
   * @param notKept what of its extended attributes and ACLs the destination would not take, and
   *     why; empty if all was kept
   */
  public record Finished(boolean written, String notKept) {
    static final Finished NOTHING = new Finished(false, "");
  }

  /**
   * Gives a target directory its source's owner, extended attributes, times and mode, unless it
   * has them already. An attribute the destination refuses (a file system without extended
   * attributes, say) is reported in what is returned, and the times and mode are set all the
   * same, as for a file. A directory that has everything else already is not reported again for
   * attributes its file system does not support at all: the run that finished it said so.
   *
   * @param targets the target root's handles
   * @param timesWanted whether its times are set (not while other runs' temporary files stay)
   * @return what was written, and what could not be kept
   */
  public Finished finish(HandleCache targets, FinishDirectory f, boolean timesWanted)
      throws SysException {
    DirHandle dir = f.name().length == 0 ? targets.get(f.dir())
        : targets.get(dev.pcopy.fs.Names.join(f.dir(), f.name()));
    Stat now = dir.stat();
    Meta m = f.meta();
    List<Xattr> present = keepsXattrs(f) ? dir.xattrs() : List.of();
    boolean xattrsDiffer = keepsXattrs(f) && xattrsDiffer(present, f.xattrs());
    boolean finished = Planner.isFinished(f, now, timesWanted);
    if (!xattrsDiffer && finished) {
      if (fsync) {
        // Its entries were renamed into it this run, perhaps: their names must be on disk too.
        dir.fsync();
      }
      return Finished.NOTHING;
    }
    if ((m.uid() != -1 && m.uid() != now.uid()) || (m.gid() != -1 && m.gid() != now.gid())) {
      dir.chown(m.uid(), m.gid());
    }
    String notKept = xattrsDiffer ? setXattrs(dir, present, f.xattrs(), finished) : "";
    if (timesWanted) {
      dir.setTimes(m.atime(), m.mtime());
    }
    dir.chmod(m.mode());
    if (timesWanted && KeptTimes.mayBeClamped(m.atime(), m.mtime())) {
      // Read back, as a file's: a destination that clamps a time says nothing.
      notKept = NotKept.join(notKept, KeptTimes.lost(m.atime(), m.mtime(), dir.stat()));
    }
    if (fsync) {
      dir.fsync();
    }
    return new Finished(true, notKept);
  }

  /** What deleting a planned entry came to. */
  public enum Deleted {
    /** It is gone, with everything in it. */
    WHOLE,
    /** It was not there any more: nothing was removed. */
    ABSENT,
    /** Another entry has its name now, or it is protected now: nothing was removed. */
    CHANGED,
    /**
     * A directory that held something protected, or something that appeared since the plan,
     * stays (with such directories in it); what else it held is removed.
     */
    PARTLY
  }

  /**
   * What {@link #delete} did.
   *
   * @param deleted how it went
   * @param removed the entries removed
   * @param kept the directories that stay, with what they hold; empty but for
   *     {@link Deleted#PARTLY}
   */
  public record Removal(Deleted deleted, long removed, List<KeptDirectory> kept) {}

  /**
   * Carries out the planned deletion {@code d} in {@code dir}, the handle of its directory, if
   * the entry there is still the one planned (kind, device and inode), a directory with
   * everything in it. Each entry is removed by name through its own directory's handle, never
   * following a link; a directory that is no longer the one listed is left alone.
   *
   * <p>The {@code protection} is asked again about each entry: what it keeps stays, with the
   * directories that hold it, though the plan found nothing of the kind (it appeared since, such
   * as another run's temporary file); nothing is removed on another file system under
   * {@code -x}. A directory that is not empty when it is removed (something appeared in it
   * meanwhile) stays likewise.
   *
   * @param protection what is kept
   */
  public Removal delete(DirHandle dir, Delete d, Protection protection) throws SysException {
    Stat stat = dir.statIfExists(d.name());
    if (stat == null) {
      return new Removal(Deleted.ABSENT, 0, List.of());
    }
    if (!d.planned(stat)) {
      return new Removal(Deleted.CHANGED, 0, List.of());
    }
    Removing r = new Removing(protection);
    int why = r.remove(dir, dir.stat(), d.dir(), d.name(), stat, true);
    if (why == Protection.NONE) {
      return new Removal(Deleted.WHOLE, r.removed, List.of());
    }
    return new Removal(r.kept.isEmpty() ? Deleted.CHANGED : Deleted.PARTLY, r.removed,
        List.copyOf(r.kept));
  }

  /** Not a protection: something changed under the deletion, and stays. */
  private static final int CHANGED = 1 << 30;

  /** One deletion under way: what it removed, and the directories it keeps. */
  private final class Removing {
    private final Protection protection;
    private final List<KeptDirectory> kept = new ArrayList<>();
    private long removed;

    Removing(Protection protection) {
      this.protection = protection;
    }

    /**
     * Removes {@code name}, found as {@code stat}, in {@code dir} (found as {@code dirStat}, at
     * {@code dirPath}); returns why it stays, {@link Protection#NONE} if it is gone.
     */
    int remove(DirHandle dir, Stat dirStat, byte[] dirPath, byte[] name, Stat stat,
        boolean top) throws SysException {
      int why = protection.of(Names.join(dirPath, name), stat, dirStat);
      if (why != Protection.NONE) {
        return top ? CHANGED : why;
      }
      if (!stat.isDirectory()) {
        dir.unlink(name);
        removed++;
        return Protection.NONE;
      }
      DirHandle sub;
      try {
        sub = dir.openDirectory(name);
      } catch (SysException e) {
        if (e.errno() != Errno.ENOTDIR && e.errno() != Errno.ELOOP) {
          throw e;
        }
        // It became a link or a file since it was looked at: not what was planned.
        return CHANGED;
      }
      int held = Protection.NONE;
      byte[] path = Names.join(dirPath, name);
      try (sub) {
        if (!sub.stat().sameFile(stat)) {
          return CHANGED;
        }
        openUp(sub, stat);
        List<byte[]> names = names(dir, name, sub);
        if (names == null) {
          return CHANGED;
        }
        for (byte[] child : names) {
          Stat s = sub.statIfExists(child);
          if (s != null) {
            held |= remove(sub, stat, path, child, s, false);
          }
        }
      }
      if (held == Protection.NONE) {
        try {
          dir.rmdir(name);
          removed++;
          return Protection.NONE;
        } catch (SysException e) {
          if (e.errno() != Errno.ENOTEMPTY && e.errno() != Errno.EEXIST) {
            throw e;
          }
          held = CHANGED;
        }
      }
      kept.add(new KeptDirectory(dirPath, name, held));
      return held;
    }
  }

  /**
   * The names in {@code sub}, the directory {@code name} in {@code dir}, once opened up: one its
   * owner could not read was opened for reaching its names only, and is opened again to be
   * listed. Null if another directory has taken its name meanwhile.
   */
  private static List<byte[]> names(DirHandle dir, byte[] name, DirHandle sub)
      throws SysException {
    if (sub.readable()) {
      return sub.list();
    }
    try (DirHandle listable = dir.openDirectory(name)) {
      return listable.stat().sameFile(sub.stat()) ? listable.list() : null;
    }
  }

  /** Flushes a directory's entries (their names) to the disk, for {@code --fsync}. */
  public void sync(HandleCache targets, byte[] dir) throws SysException {
    targets.get(dir).fsync();
  }

  /** Whether the run gives {@code f}'s directory its source's attributes (known to it). */
  private boolean keepsXattrs(FinishDirectory f) {
    return (xattrs || acls) && f.xattrsKnown();
  }

  private boolean xattrsDiffer(List<Xattr> present, List<Xattr> wanted) {
    return XattrRules.differ(present, wanted, true, xattrs, acls, root)
        || XattrRules.differ(present, wanted, false, xattrs, acls, root);
  }

  /**
   * Sets the wanted attributes and removes the extra ones; returns what could not be kept. With
   * {@code quietIfUnsupported}, a file system that takes no attributes at all is not reported.
   */
  private String setXattrs(DirHandle dir, List<Xattr> present, List<Xattr> wanted,
      boolean quietIfUnsupported) {
    List<String> lost = new ArrayList<>();
    // The other attributes set and taken away first, the ACLs last: an access ACL may leave the
    // owner without the write permission the others need (XattrCopier.aclsLast).
    List<Xattr> ordered = XattrCopier.aclsLast(wanted);
    int others = (int) ordered.stream().filter(x -> !x.isAcl()).count();
    for (Xattr w : ordered.subList(0, others)) {
      set(dir, w, quietIfUnsupported, lost);
    }
    for (Xattr extra : XattrRules.extras(present, wanted, xattrs, acls, root)) {
      try {
        dir.removeXattr(extra.name());
      } catch (SysException e) {
        if (e.errno() != Errno.ENODATA) {
          lost.add("the removal of " + XattrCopier.lost(extra.name(), e));
        }
      }
    }
    for (Xattr w : ordered.subList(others, ordered.size())) {
      set(dir, w, quietIfUnsupported, lost);
    }
    return String.join("; ", lost);
  }

  private static void set(DirHandle dir, Xattr w, boolean quietIfUnsupported,
      List<String> lost) {
    try {
      dir.setXattr(w.name(), w.value());
    } catch (SysException e) {
      if (!(quietIfUnsupported && e.errno() == Errno.EOPNOTSUPP)) {
        lost.add(XattrCopier.lost(w.name(), e));
      }
    }
  }
}
