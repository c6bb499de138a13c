package dev.pcopy.plan;

/** What a {@link FileOp} creates at its target. */
public enum OpKind {
  /** A regular file: bytes, mode and times. */
  FILE,
  /** A symbolic link with the same target text, never followed. */
  SYMLINK
}
