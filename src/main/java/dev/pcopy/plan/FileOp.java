package dev.pcopy.plan;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * One entry to create in the target: a regular file or a symbolic link.
 *
 * @param seq unique number of this entry within a run; names its temporary file
 * @param kind what to create
 * @param source where the entry is read from
 * @param target the final name it gets in the destination
 * @param size the source's size in bytes when it was listed (0 for links)
 * @param mode the source's Unix mode bits ({@code 07777} part; type bits are dropped)
 * @param mtime the source's modification time
 * @param atime the source's access time
 * @param linkTarget the text of a symbolic link, or {@code null} for a file
 * @param targetChecked the coordinator already knows the target must be written (nothing is there,
 *     or something out of date), so the worker need not look at it
 * @param owner the source's owner and group, kept when pcopy runs as root
 */
public record FileOp(
    long seq,
    OpKind kind,
    Path source,
    Path target,
    long size,
    int mode,
    Instant mtime,
    Instant atime,
    Path linkTarget,
    boolean targetChecked,
    Owner owner) {

  /** Validates the combination of kind and link target. */
  public FileOp {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(mtime, "mtime");
    Objects.requireNonNull(atime, "atime");
    Objects.requireNonNull(owner, "owner");
    if (size < 0) {
      throw new IllegalArgumentException("size (" + size + ") must not be negative");
    }
    if ((kind == OpKind.SYMLINK) != (linkTarget != null)) {
      throw new IllegalArgumentException("a link target is required for, and only for, SYMLINK");
    }
    mode &= 07777;
  }

  /** Creates an entry whose target directory may already hold something. */
  public FileOp(long seq, OpKind kind, Path source, Path target, long size, int mode,
      Instant mtime, Instant atime, Path linkTarget, Owner owner) {
    this(seq, kind, source, target, size, mode, mtime, atime, linkTarget, false, owner);
  }

  /** Creates an entry of unknown owner whose target directory may already hold something. */
  public FileOp(long seq, OpKind kind, Path source, Path target, long size, int mode,
      Instant mtime, Instant atime, Path linkTarget) {
    this(seq, kind, source, target, size, mode, mtime, atime, linkTarget, false, Owner.UNKNOWN);
  }

  /** Returns this entry, marked as known to need writing. */
  public FileOp withTargetChecked() {
    return new FileOp(seq, kind, source, target, size, mode, mtime, atime, linkTarget, true,
        owner);
  }
}
