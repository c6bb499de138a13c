package dev.pcopy.plan;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A directory of the target whose mode and times are applied once everything inside it is done.
 *
 * @param source the directory it copies (for messages)
 * @param target the directory in the destination
 * @param mode Unix mode bits ({@code 07777} part)
 * @param mtime modification time to restore
 * @param atime access time to restore
 * @param owner owner and group to restore when pcopy runs as root
 */
public record DirectoryRecord(Path source, Path target, int mode, Instant mtime, Instant atime,
    Owner owner) {

  /** Creates a record of unknown owner. */
  public DirectoryRecord(Path source, Path target, int mode, Instant mtime, Instant atime) {
    this(source, target, mode, mtime, atime, Owner.UNKNOWN);
  }
}
