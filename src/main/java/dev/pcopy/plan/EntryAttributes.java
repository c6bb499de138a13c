package dev.pcopy.plan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Instant;

/**
 * What one {@code lstat} (or {@code stat} when following links) says about an entry.
 *
 * @param type the kind of entry
 * @param size size in bytes
 * @param mode the {@code 07777} part of {@code st_mode}
 * @param mtime modification time
 * @param atime access time
 * @param fileKey identity of the file (device and inode), for loop detection; may be null
 * @param owner numeric owner and group
 */
public record EntryAttributes(
    EntryType type, long size, int mode, Instant mtime, Instant atime, Object fileKey,
    Owner owner) {

  /** The kinds of entries a tree holds. */
  public enum EntryType { FILE, DIRECTORY, SYMLINK, SPECIAL }

  /** Reads the attributes of {@code path}, following a final symbolic link only if asked. */
  public static EntryAttributes read(Path path, boolean followLinks) throws IOException {
    BasicFileAttributes a = followLinks
        ? Files.readAttributes(path, PosixFileAttributes.class)
        : Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    EntryType type;
    if (a.isSymbolicLink()) {
      type = EntryType.SYMLINK;
    } else if (a.isDirectory()) {
      type = EntryType.DIRECTORY;
    } else if (a.isRegularFile()) {
      type = EntryType.FILE;
    } else {
      type = EntryType.SPECIAL;
    }
    return new EntryAttributes(type, a.size(), UnixStat.mode(path, a, followLinks),
        a.lastModifiedTime().toInstant(), a.lastAccessTime().toInstant(), a.fileKey(),
        new Owner(UnixStat.uid(path, a, followLinks), UnixStat.gid(path, a, followLinks)));
  }
}
