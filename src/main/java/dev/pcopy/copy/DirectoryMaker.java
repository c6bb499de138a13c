package dev.pcopy.copy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
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
   * @return true if it was created, false if it already existed
   * @throws FileSystemException if something other than a directory has that name
   */
  public static boolean ensure(Path directory) throws IOException {
    try {
      Files.createDirectory(directory);
      return true;
    } catch (FileAlreadyExistsException e) {
      Optional<String> obstacle = obstacle(directory);
      if (obstacle.isPresent()) {
        throw new FileSystemException(directory.toString(), null, obstacle.get());
      }
      openUpForOwner(directory);
      return false;
    }
  }

  private static void openUpForOwner(Path directory) throws IOException {
    Set<PosixFilePermission> permissions;
    try {
      permissions = Files.getPosixFilePermissions(directory);
    } catch (UnsupportedOperationException e) {
      // No POSIX permissions on this file system: nothing can be locked, nothing to open up.
      return;
    }
    // Read as well: leftovers are found by listing the directory, and its times are set at the
    // end through an open descriptor, which a mode like 0300 forbids.
    if (!permissions.contains(PosixFilePermission.OWNER_READ)
        || !permissions.contains(PosixFilePermission.OWNER_WRITE)
        || !permissions.contains(PosixFilePermission.OWNER_EXECUTE)) {
      permissions.add(PosixFilePermission.OWNER_WRITE);
      permissions.add(PosixFilePermission.OWNER_EXECUTE);
      permissions.add(PosixFilePermission.OWNER_READ);
      Files.setPosixFilePermissions(directory, permissions);
    }
  }
}
