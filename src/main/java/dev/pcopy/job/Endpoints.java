package dev.pcopy.job;

import dev.pcopy.fs.DirHandle;
import dev.pcopy.fs.Errno;
import dev.pcopy.fs.FileHandle;
import dev.pcopy.fs.Names;
import dev.pcopy.fs.Paths;
import dev.pcopy.fs.Reasons;
import dev.pcopy.fs.Stat;
import dev.pcopy.fs.SysException;
import dev.pcopy.job.CopyRequest.Ends;
import java.util.Arrays;

/**
 * Checks SRC and DST and opens them: the two paths the user named are looked up as the kernel
 * looks up any path, links included (a DST reached through a link, a mount behind one); below
 * them, everything goes through handles and no link is followed.
 *
 * <p>Bad input is refused before anything is written: a missing or unreadable source, a special
 * file, a destination of the wrong kind, a destination that is the source or inside it (by
 * device and inode, so that a bind mount or a link cannot hide it). With {@code -x}, a DST on
 * another file system than SRC's may lie below SRC (as {@code rsync -x / /mnt/backup/root}
 * does): the walk never enters another device, so it cannot meet DST.
 */
final class Endpoints {
  private Endpoints() {}

  /**
   * Checks the ends and opens them; in a real run a missing DST (or, for a single file, the
   * directory it goes into) is created.
   *
   * @param oneFileSystem {@code -x}: the walk stays on SRC's device
   * @throws BadInputException if the ends are refused; nothing was written
   * @throws TargetRefusedException if DST cannot be created because the destination refuses
   *     writes (read-only, full)
   */
  static Roots open(Ends ends, boolean dryRun, boolean delete, boolean oneFileSystem)
      throws BadInputException, TargetRefusedException {
    String src = ends.sourceText();
    String dst = ends.targetText();
    Stat source = stat(ends.source(), src, false);
    if (source == null) {
      throw new BadInputException(src + ": No such file or directory");
    }
    if (source.kind().isSpecial()) {
      // Named by its kind, as the walk names special files in a tree.
      throw new BadInputException(src + ": is " + source.kind().description()
          + "; pcopy copies directories and regular files");
    }
    if (ends.sourceIsDirectory() && !source.isDirectory()) {
      // "file/" names a directory, as for cp and the kernel, which say ENOTDIR.
      throw new BadInputException(src + ": Not a directory");
    }
    Stat target = stat(ends.target(), dst, true);
    if (ends.targetIsDirectory() && target != null && !target.isDirectory()) {
      throw BadInputException.ofDestination(dst + ": Not a directory");
    }
    return source.isDirectory() ? tree(ends, source, target, dryRun, delete, oneFileSystem)
        : file(ends, source, target, dryRun);
  }

  private static Roots tree(Ends ends, Stat source, Stat target, boolean dryRun,
      boolean delete, boolean oneFileSystem) throws BadInputException, TargetRefusedException {
    String src = ends.sourceText();
    String dst = ends.targetText();
    if (target != null && !target.isDirectory()) {
      throw BadInputException.ofDestination(dst + ": destination exists and is not a directory");
    }
    DirHandle sourceDir = openDirectory(ends.source(), src, false);
    try {
      if (!sourceDir.stat().sameFile(source)) {
        throw new BadInputException(src + ": changed while it was being opened");
      }
      refuseUnreadable(sourceDir, src);
      if (!(oneFileSystem && onAnotherDevice(sourceDir.stat(), ends.target()))) {
        refuseInside(sourceDir.stat(), ends.target(), dst);
        Nesting.refuseTargetInSource(sourceDir, nearestExisting(ends.target()), src, dst);
      }
      DirHandle targetDir = null;
      if (target != null) {
        targetDir = openDirectory(ends.target(), dst, true);
        if (delete) {
          Nesting.refuseSourceInTarget(sourceDir, targetDir, src, dst);
        }
      } else if (!dryRun) {
        TargetDirectory.createForTree(ends.target(), dst);
        targetDir = openDirectory(ends.target(), dst, true);
      }
      return new Roots(sourceDir, source, targetDir, target, Display.ofTree(src, dst), null);
    } catch (BadInputException | TargetRefusedException | RuntimeException e) {
      sourceDir.close();
      throw e;
    } catch (SysException e) {
      sourceDir.close();
      throw new BadInputException(src + ": " + Reasons.of(e));
    }
  }

  /**
   * Refuses a source directory this user may not list or search: nothing in it could be
   * copied, so it is bad input, said once, before DST is made. The handle opens such a directory
   * for reaching names only (a destination may be a drop box), which the walk would only find
   * out when it lists it, with DST made already.
   */
  private static void refuseUnreadable(DirHandle sourceDir, String src) throws BadInputException {
    if (!sourceDir.readable()) {
      throw new BadInputException(src + ": cannot read source directory: Permission denied");
    }
    if (!sourceDir.maySearch()) {
      throw new BadInputException(src + ": cannot search source directory: Permission denied");
    }
  }

  private static Roots file(Ends ends, Stat source, Stat target, boolean dryRun)
      throws BadInputException, TargetRefusedException {
    String src = ends.sourceText();
    String dst = ends.targetText();
    byte[] real = realPath(ends.source(), src);
    byte[] sourceName = Names.last(real);
    DirHandle sourceDir = openDirectory(Names.parent(real), src, false);
    try {
      Stat listed = sourceDir.stat(sourceName);
      if (!listed.sameFile(source) || !listed.isFile()) {
        throw new BadInputException(src + ": changed while it was being opened");
      }
      if (!sourceDir.mayRead(sourceName)) {
        throw new BadInputException(src + ": Permission denied");
      }
      boolean into = ends.targetIsDirectory() || (target != null && target.isDirectory());
      byte[] targetDirPath = into ? ends.target() : Names.parent(ends.target());
      byte[] targetName = into ? Names.last(ends.source()) : Names.last(ends.target());
      Display display = Display.ofFile(src, dst, into ? targetName : null);
      String shown = display.target(Names.ROOT, Names.ROOT);
      Stat dirStat = stat(targetDirPath, shown, true);
      if (dirStat != null && !dirStat.isDirectory()) {
        throw BadInputException.ofDestination(shown + ": Not a directory");
      }
      DirHandle targetDir = null;
      if (dirStat != null) {
        targetDir = openDirectory(targetDirPath, shown, true);
      } else if (!dryRun) {
        TargetDirectory.create(targetDirPath, display.targetRoot());
        targetDir = openDirectory(targetDirPath, shown, true);
      }
      if (targetDir != null) {
        refuseTargetEntry(targetDir, targetName, source, shown, src);
      }
      return new Roots(sourceDir, sourceDir.stat(), targetDir, dirStat, display,
          new Roots.SingleFile(sourceName, source, targetName));
    } catch (BadInputException | TargetRefusedException | RuntimeException e) {
      sourceDir.close();
      throw e;
    } catch (SysException e) {
      sourceDir.close();
      throw new BadInputException(src + ": " + Reasons.of(e));
    }
  }

  /**
   * A single file replaces only a regular file or a link: never a directory, never a device,
   * FIFO or socket (renaming over {@code /dev/null} would replace the device node), and never
   * itself.
   */
  private static void refuseTargetEntry(DirHandle dir, byte[] name, Stat source, String shown,
      String src) throws BadInputException, SysException {
    Stat existing = dir.statIfExists(name);
    if (existing == null) {
      return;
    }
    if (existing.isDirectory()) {
      throw BadInputException.ofDestination(shown + ": a directory is in the way of the file");
    }
    if (existing.kind().isSpecial()) {
      throw BadInputException.ofDestination(shown + ": is " + existing.kind().description()
          + "; pcopy only writes regular files");
    }
    if (existing.sameFile(source)) {
      throw BadInputException.ofDestination(shown + ": is the same file as " + src);
    }
  }

  /**
   * Refuses a DST that is SRC itself or lies inside it: from DST (or, if it does not exist yet,
   * its nearest existing parent) up to "/", no directory may be SRC, compared by device and
   * inode.
   */
  private static void refuseInside(Stat source, byte[] target, String text)
      throws BadInputException, SysException {
    byte[] existing = nearestExisting(target);
    if (existing == null) {
      return;
    }
    boolean self = Arrays.equals(existing, target);
    DirHandle dir = DirHandle.open(existing);
    try {
      while (true) {
        Stat here = dir.stat();
        if (here.sameFile(source)) {
          throw BadInputException.ofDestination(text + ": " + (self
              ? "source and destination are the same" : "destination is inside the source"));
        }
        DirHandle up = dir.openDirectory(new byte[] {'.', '.'});
        Stat above = up.stat();
        dir.close();
        dir = up;
        self = false;
        if (above.sameFile(here)) {
          return;
        }
      }
    } finally {
      dir.close();
    }
  }

  /**
   * Whether DST (or, if it does not exist yet, its nearest existing parent, where it will be
   * made) is on another device than SRC.
   */
  private static boolean onAnotherDevice(Stat source, byte[] target) throws SysException {
    byte[] existing = nearestExisting(target);
    if (existing == null) {
      return false;
    }
    try (DirHandle dir = DirHandle.open(existing)) {
      return dir.stat().dev() != source.dev();
    }
  }

  /** DST if it exists, else its nearest existing parent; null if none exists. */
  private static byte[] nearestExisting(byte[] target) throws SysException {
    byte[] existing = target;
    while (Paths.statIfExists(existing, true) == null) {
      byte[] parent = Names.parent(existing);
      if (Arrays.equals(parent, existing)) {
        return null;
      }
      existing = parent;
    }
    return existing;
  }

  private static Stat stat(byte[] path, String text, boolean destination)
      throws BadInputException {
    try {
      return Paths.statIfExists(path, true);
    } catch (SysException e) {
      throw new BadInputException(text + ": " + Reasons.of(e), destination);
    }
  }

  private static DirHandle openDirectory(byte[] path, String text, boolean destination)
      throws BadInputException {
    try {
      return DirHandle.open(path);
    } catch (SysException e) {
      throw new BadInputException(text + ": " + Reasons.of(e), destination);
    }
  }

  /** Where a file argument really is, links resolved: a file given through a link is read there. */
  private static byte[] realPath(byte[] path, String text) throws BadInputException {
    try (FileHandle entry = Paths.openEntry(path)) {
      return Paths.realPath(entry);
    } catch (SysException e) {
      throw new BadInputException(text + ": " + (e.errno() == Errno.ENOENT
          ? "No such file or directory" : Reasons.of(e)));
    }
  }
}
