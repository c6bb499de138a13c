package dev.pcopy.walk;

import dev.pcopy.fs.DirHandle;
import dev.pcopy.fs.Stat;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One directory for the walk to read: where it is, what the source listing said of it, and the
 * handles on it once opened. Its handles stay open while units below it still need them to open
 * their own, and close when the last of those has: a wide tree holds open only the directories
 * with subdirectories still waiting, not one handle per waiting subdirectory.
 */
final class Unit {
  final Unit parent;
  final byte[] name;
  final byte[] path;
  final int depth;
  /** The source directory as its parent's listing found it. */
  final Stat source;
  /** The target directory as the walk found it, or null when this run makes it. */
  final Stat targetFound;
  /** A dry run's directory that the run would make: there is nothing to open in the target. */
  final boolean virtual;
  /** Made and finished, but not read: a mount point that {@code -x} does not cross. */
  final boolean contentsSkipped;
  private final boolean ownsHandles;
  private final AtomicInteger refs = new AtomicInteger(1);
  DirHandle src;
  DirHandle dst;
  /**
   * Whether the run may write into the target directory: an entry of it is not simply skipped,
   * or something else may be made, removed or linked in it. Set while the directory is read, by
   * the one thread that reads it.
   */
  boolean writtenInto;
  /**
   * Whether the run adds, replaces or removes an entry of the target directory, as planned
   * (a hard-link member counts, its decision may come later): that moves the directory's time,
   * and putting it back at the end is part of copying, not a fix. Set while the directory is
   * read, by the one thread that reads it.
   */
  boolean entriesChange;

  private Unit(Unit parent, byte[] name, byte[] path, Stat source, Stat targetFound,
      boolean virtual, boolean ownsHandles, boolean contentsSkipped) {
    this.parent = parent;
    this.name = name;
    this.path = path;
    this.depth = parent == null ? 0 : parent.depth + 1;
    this.source = source;
    this.targetFound = targetFound;
    this.virtual = virtual;
    this.ownsHandles = ownsHandles;
    this.contentsSkipped = contentsSkipped;
  }

  /** The top directory, whose handles the caller owns and closes. */
  static Unit root(DirHandle src, Stat source, DirHandle dst, Stat targetFound) {
    Unit u = new Unit(null, new byte[0], new byte[0], source, targetFound, dst == null, false,
        false);
    u.src = src;
    u.dst = dst;
    return u;
  }

  /** A subdirectory of this one; it holds this one's handles open until it has opened its own. */
  Unit child(byte[] childName, byte[] childPath, Stat childSource, Stat childTarget,
      boolean childVirtual, boolean skipContents) {
    refs.incrementAndGet();
    return new Unit(this, childName, childPath, childSource, childTarget, childVirtual, true,
        skipContents);
  }

  /** Whether {@code stat} is this directory or one above it: following it would loop. */
  boolean isAncestorOrSelf(Stat stat) {
    for (Unit u = this; u != null; u = u.parent) {
      if (u.source.sameFile(stat)) {
        return true;
      }
    }
    return false;
  }

  /** Gives up one hold on the handles; the last closes them. */
  void release() {
    if (refs.decrementAndGet() == 0 && ownsHandles) {
      if (src != null) {
        src.close();
      }
      if (dst != null) {
        dst.close();
      }
    }
  }
}
