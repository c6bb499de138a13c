package dev.pcopy.plan;

import java.nio.file.Path;

/** Receives what {@link TreeWalker} finds, in walk order, on the walking thread. */
public interface WalkVisitor {

  /**
   * A directory to create in the target, reported before anything inside it.
   *
   * @return whether to walk into it (false when its target could not be made)
   */
  boolean directory(DirectoryRecord directory);

  /** A regular file or symbolic link to copy. */
  void entry(FileOp op);

  /** Called after the last entry of one directory listing. */
  void directoryListed(Path source);

  /** A FIFO, socket or device, of the given kind: skipped, never opened. */
  void special(Path source, SpecialKind kind);

  /** An entry that could not be listed or read; the walk goes on. */
  void failed(Path source, String reason);
}
