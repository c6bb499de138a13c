package dev.pcopy.job;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything one run needs, validated by the command line.
 *
 * @param source the source path, absolute, exactly as named by the argument's bytes
 * @param target the destination path, likewise
 * @param sourceText the source as the user typed it, printable
 * @param targetText the destination as the user typed it, printable
 * @param sourceIsDirectory the source was written with a trailing slash: it must be a directory
 * @param targetIsDirectory the destination was written with a trailing slash: it names a
 *     directory, even for a single-file source
 * @param workers size of the worker pool
 * @param force copy even entries that look unchanged
 * @param dryRun list what would be done, write nothing
 * @param dereference follow symbolic links in the tree
 * @param quiet print errors only: no progress and no summary
 * @param progressInterval time between plain progress lines
 * @param debug show stack traces and worker output
 * @param testDelayMillis pause workers before each entry (tests only)
 * @param testRoomBytes bytes each worker may write before the destination refuses more, or
 *     negative for the real destination (tests only)
 * @param testRefusal the reason the destination gives once {@code testRoomBytes} are used
 *     (tests only)
 */
public record CopyRequest(Path source, Path target, String sourceText,
    String targetText, boolean sourceIsDirectory, boolean targetIsDirectory, int workers, boolean force,
    boolean dryRun, boolean dereference, boolean quiet, Duration progressInterval, boolean debug,
    int testDelayMillis, long testRoomBytes, String testRefusal) {

  /** Checks the values that the command line cannot get wrong without a bug. */
  public CopyRequest {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(testRefusal, "testRefusal");
    if (workers < 1) {
      throw new IllegalArgumentException("workers (" + workers + ") must be positive");
    }
  }
}
