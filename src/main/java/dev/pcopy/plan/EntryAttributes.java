package dev.pcopy.plan;

import java.io.IOException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;

/**
 * What one {@code lstat} (or {@code stat} when following links) says about an entry.
 *
 * <p>Read through the {@code unix} attribute view because it is the only JDK view that carries
 * the set-user-ID, set-group-ID and sticky bits, and it does so in the same single system call.
 *
 * @param type the kind of entry
 * @param size size in bytes
 * @param mode the {@code 07777} part of {@code st_mode}
 * @param mtime modification time
 * @param atime access time
 * @param fileKey identity of the file (device and inode), for loop detection; may be null
 */
public record EntryAttributes(
    EntryType type, long size, int mode, Instant mtime, Instant atime, Object fileKey) {

  private static final String ATTRIBUTES =
      "unix:mode,size,lastModifiedTime,lastAccessTime,fileKey,"
          + "isRegularFile,isDirectory,isSymbolicLink,isOther";

  /** The kinds of entries a tree holds. */
  public enum EntryType { FILE, DIRECTORY, SYMLINK, SPECIAL }

  /** Reads the attributes of {@code path}, following a final symbolic link only if asked. */
  public static EntryAttributes read(Path path, boolean followLinks) throws IOException {
    Map<String, Object> a = followLinks
        ? Files.readAttributes(path, ATTRIBUTES)
        : Files.readAttributes(path, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
    EntryType type;
    if (Boolean.TRUE.equals(a.get("isSymbolicLink"))) {
      type = EntryType.SYMLINK;
    } else if (Boolean.TRUE.equals(a.get("isDirectory"))) {
      type = EntryType.DIRECTORY;
    } else if (Boolean.TRUE.equals(a.get("isRegularFile"))) {
      type = EntryType.FILE;
    } else {
      type = EntryType.SPECIAL;
    }
    return new EntryAttributes(
        type,
        (Long) a.get("size"),
        ((Integer) a.get("mode")) & 07777,
        ((FileTime) a.get("lastModifiedTime")).toInstant(),
        ((FileTime) a.get("lastAccessTime")).toInstant(),
        a.get("fileKey"));
  }
}
