package dev.pcopy.plan;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Pure checks that refuse a source and target pair before anything is written.
 *
 * <p>Both paths must already be canonical (symbolic links and {@code ..} resolved), so that a
 * target reached through a link into the source is still recognised as inside it.
 */
public final class Guards {
  private Guards() {}

  /**
   * Returns why copying {@code source} to {@code target} must be refused, if it must.
   *
   * @param source canonical source path
   * @param target canonical target path (need not exist)
   * @param sourceIsDirectory whether the source is a directory (else a regular file)
   * @param targetKind what exists at the target now
   */
  public static Optional<String> refusal(
      Path source, Path target, boolean sourceIsDirectory, TargetKind targetKind) {
    if (source.equals(target)) {
      return Optional.of("source and destination are the same");
    }
    if (sourceIsDirectory && target.startsWith(source)) {
      return Optional.of("destination is inside the source");
    }
    if (sourceIsDirectory && targetKind == TargetKind.OTHER) {
      return Optional.of("destination exists and is not a directory");
    }
    return Optional.empty();
  }

  /** What the target path names before the copy starts. */
  public enum TargetKind {
    /** Nothing: it will be created. */
    MISSING,
    /** An existing directory: merged into. */
    DIRECTORY,
    /** Anything else: a file, a special file. */
    OTHER
  }
}
