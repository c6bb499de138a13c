package dev.pcopy.job;

import dev.pcopy.fs.DirHandle;
import dev.pcopy.fs.MountTable;
import dev.pcopy.fs.PathText;
import dev.pcopy.fs.Paths;
import dev.pcopy.fs.Reasons;
import dev.pcopy.fs.SysException;
import java.io.IOException;

/**
 * Refuses ends that hold each other by identity, where paths cannot tell: a bind mount shows a
 * directory of SRC at a path outside SRC, and walking up {@code ..} from there leaves the mount
 * at its root without ever meeting SRC.
 *
 * <p>Compared by place in the file system ({@link MountTable}): the device and the path from the
 * file system's root, the same through every mount. SRC's tree covers its own place and the
 * root of every mount below it, since a walk without {@code -x} enters them (and a bind mount
 * of the same file system looks like an ordinary directory even with {@code -x}). The table
 * is read instead of walking SRC to find DST's inode: it costs one small file, not a second
 * walk of a tree of millions of directories before the first byte is copied.
 */
final class Nesting {
  private Nesting() {}

  /**
   * Refuses a DST that lies inside SRC's tree.
   *
   * @param targetOrParent DST, or if it does not exist yet its nearest existing parent; null if
   *     none exists
   */
  static void refuseTargetInSource(DirHandle source, byte[] targetOrParent, String src,
      String dst) throws BadInputException {
    if (targetOrParent == null) {
      return;
    }
    try (DirHandle target = DirHandle.open(targetOrParent)) {
      MountTable mounts = MountTable.read();
      if (mounts.treeOf(source).holds(mounts.placeOf(target))) {
        throw BadInputException.ofDestination(dst + ": destination is inside the source " + src
            + " (" + PathText.escape(Paths.realPath(target)) + " is, through a mount, a"
            + " directory of it)");
      }
    } catch (IOException e) {
      throw cannotTell(dst, e);
    }
  }

  /**
   * Refuses {@code --delete} when SRC lies inside DST's tree: DST's entries that SRC lacks
   * include the directory that holds SRC, and deleting it would delete the source.
   */
  static void refuseSourceInTarget(DirHandle source, DirHandle target, String src, String dst)
      throws BadInputException {
    try {
      MountTable mounts = MountTable.read();
      if (mounts.treeOf(target).holds(mounts.placeOf(source))) {
        throw new BadInputException(src + ": source is inside the destination " + dst
            + "; --delete would delete it");
      }
    } catch (IOException e) {
      throw cannotTell(dst, e);
    }
  }

  private static BadInputException cannotTell(String dst, IOException e) {
    String reason = e instanceof SysException ? Reasons.of(e) : e.getMessage();
    return BadInputException.ofDestination(dst + ": cannot tell whether source and destination hold"
        + " each other: " + reason);
  }
}
