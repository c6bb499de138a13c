package dev.pcopy.select;

/** What an entry is, as far as selection cares: size limits apply to regular files only. */
public enum EntryKind {
  /** A directory (or, when links are followed, a link to one). */
  DIRECTORY,
  /** A regular file: the only kind that {@code --min-size} and {@code --max-size} look at. */
  REGULAR_FILE,
  /** Anything else: a symbolic link that is not followed, a FIFO, a socket, a device. */
  OTHER
}
