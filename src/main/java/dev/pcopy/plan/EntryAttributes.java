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
 * @param special what kind of special file it is when {@code type} is {@code SPECIAL}, else null
 */
public record EntryAttributes(
    EntryType type, long size, int mode, Instant mtime, Instant atime, Object fileKey,
    Owner owner, SpecialKind special) {

  /** The kinds of entries a tree holds. */
  public enum EntryType { FILE, DIRECTORY, SYMLINK, SPECIAL }

  /** Checks that {@code special} is given exactly for special files. */
  public EntryAttributes {
    if ((type == EntryType.SPECIAL) != (special != null)) {
      throw new IllegalArgumentException("special (" + special + ") must be given exactly"
          + " for SPECIAL, not for " + type);
    }
  }

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
    int stMode = UnixStat.stMode(path, a, followLinks);
    return new EntryAttributes(type, a.size(), stMode & 07777,
        a.lastModifiedTime().toInstant(), a.lastAccessTime().toInstant(), a.fileKey(),
        new Owner(UnixStat.uid(path, a, followLinks), UnixStat.gid(path, a, followLinks)),
        type == EntryType.SPECIAL ? SpecialKind.of(stMode) : null);
  }
}
