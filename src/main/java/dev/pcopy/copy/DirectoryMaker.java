package dev.pcopy.copy;

import dev.pcopy.plan.Reasons;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Makes sure a target directory exists and can be written into while the copy runs.
 *
 * <p>Directories get their real mode only at the end of the run, after their contents: a source
 * directory without write permission would otherwise stop its own files from being created. For
 * the same reason an existing target directory that its owner cannot write to (left so by an
 * earlier run) is opened up for the owner (read, write, search) until the end.
 */
public final class DirectoryMaker {
  /** Why a directory cannot be made where an entry of another kind has its name. */
  public static final String NOT_A_DIRECTORY = "exists and is not a directory";

  private DirectoryMaker() {}

  /**
   * Returns why {@link #ensure} fails at {@code directory} because an entry of another kind has
   * its name, or empty; reads only, so that {@code --dry-run} predicts what a run meets. A
   * symbolic link is such an entry even when it names a directory: links in DST are never
   * followed, which keeps a copy from spilling out of DST.
   */
  public static Optional<String> obstacle(Path directory) {
    boolean inTheWay = Files.exists(directory, LinkOption.NOFOLLOW_LINKS)
        && !Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS);
    return inTheWay ? Optional.of(NOT_A_DIRECTORY) : Optional.empty();
  }

  /**
   * Creates {@code directory} unless it exists as a directory.
   *
   * @return empty if it was created; otherwise the modification time the existing directory had,
   *     which tells whether a run may have left temporary files in it ({@link LeftoverSweep})
   * @throws FileSystemException if something other than a directory has that name
   */
  public static Optional<Instant> ensure(Path directory) throws IOException {
    try {
      Files.createDirectory(directory);
      return Optional.empty();
    } catch (FileAlreadyExistsException e) {
      // One lstat answers all three questions: what is there, its mode, its time.
      PosixFileAttributes existing;
      try {
        existing = Files.readAttributes(directory, PosixFileAttributes.class,
            LinkOption.NOFOLLOW_LINKS);
      } catch (UnsupportedOperationException noPosix) {
        return existingWithoutPosix(directory);
      }
      if (!existing.isDirectory()) {
        throw new FileSystemException(directory.toString(), null, NOT_A_DIRECTORY);
      }
      try {
        openUpForOwner(directory, existing.permissions());
      } catch (FileSystemException refused) {
        // On a read-only file system a finished copy needs nothing written, and a write that is
        // needed fails where it happens and is reported there. A full one is not let off: the
        // files below would each fail for want of the mode, hiding why.
        if (!Reasons.isReadOnlyFileSystem(refused)) {
          throw refused;
        }
      }
      return Optional.of(existing.lastModifiedTime().toInstant());
    }
  }

  /** No POSIX permissions on this file system: nothing can be locked, nothing to open up. */
  private static Optional<Instant> existingWithoutPosix(Path directory) throws IOException {
    BasicFileAttributes existing = Files.readAttributes(directory, BasicFileAttributes.class,
        LinkOption.NOFOLLOW_LINKS);
    if (!existing.isDirectory()) {
      throw new FileSystemException(directory.toString(), null, NOT_A_DIRECTORY);
    }
    return Optional.of(existing.lastModifiedTime().toInstant());
  }

  private static void openUpForOwner(Path directory, Set<PosixFilePermission> permissions)
      throws IOException {
    // Read as well: leftovers are found by listing the directory, and its times are set at the
    // end through an open descriptor, which a mode like 0300 forbids.
    if (!permissions.contains(PosixFilePermission.OWNER_READ)
        || !permissions.contains(PosixFilePermission.OWNER_WRITE)
        || !permissions.contains(PosixFilePermission.OWNER_EXECUTE)) {
      Set<PosixFilePermission> opened = EnumSet.of(PosixFilePermission.OWNER_READ,
          PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
      opened.addAll(permissions);
      Files.setPosixFilePermissions(directory, opened);
    }
  }
}
