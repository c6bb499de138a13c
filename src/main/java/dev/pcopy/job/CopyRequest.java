package dev.pcopy.job;

import dev.pcopy.progress.Units;
import dev.pcopy.select.Selection;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything one run needs, validated by the command line.
 *
 * @param ends what to copy where
 * @param copying how to copy
 * @param selecting which entries to copy
 * @param mirroring what to delete
 * @param output what to show
 * @param workers size of the worker pool
 */
public record CopyRequest(Ends ends, Copying copying, Selecting selecting, Mirroring mirroring,
    Output output, int workers) {

  /** Checks the values that the command line cannot get wrong without a bug. */
  public CopyRequest {
    Objects.requireNonNull(ends, "ends");
    Objects.requireNonNull(copying, "copying");
    Objects.requireNonNull(selecting, "selecting");
    Objects.requireNonNull(mirroring, "mirroring");
    Objects.requireNonNull(output, "output");
    if (workers < 1) {
      throw new IllegalArgumentException("workers (" + workers + ") must be positive");
    }
  }

  /**
   * SRC and DST as the user gave them.
   *
   * @param source the source argument's exact bytes
   * @param target the destination argument's exact bytes
   * @param sourceText the source as the user typed it, printable
   * @param targetText the destination as the user typed it, printable
   * @param sourceIsDirectory the source was written with a trailing slash: it must be a directory
   * @param targetIsDirectory the destination was written with a trailing slash: it names a
   *     directory, even for a single-file source
   */
  public record Ends(byte[] source, byte[] target, String sourceText, String targetText,
      boolean sourceIsDirectory, boolean targetIsDirectory) {}

  /**
   * How to copy.
   *
   * @param force copy even entries that look unchanged
   * @param dryRun list what would be done, write nothing
   * @param dereference follow symbolic links in the tree
   * @param fsync flush every file and directory to the disk before the run says it is done
   * @param xattrs keep extended attributes
   * @param acls keep POSIX ACLs
   * @param hardLinks keep hard links between files
   * @param checksum decide whether a file is unchanged by its content ({@code -c})
   * @param verify read every file back after writing it and compare checksums
   * @param partial keep what is copied of a big file when the run stops short, for the next run
   *     to resume
   * @param stallTimeout how long a worker holding work may report nothing before it is replaced
   */
  public record Copying(boolean force, boolean dryRun, boolean dereference, boolean fsync,
      boolean xattrs, boolean acls, boolean hardLinks, boolean checksum, boolean verify,
      boolean partial, Duration stallTimeout) {}

  /**
   * Which entries to copy.
   *
   * @param selection the rules, lists and size limits
   * @param oneFileSystem do not cross mount points below SRC
   */
  public record Selecting(Selection selection, boolean oneFileSystem) {}

  /**
   * What to delete.
   *
   * @param delete remove entries of DST that SRC lacks, after a copy in which nothing failed
   * @param deleteExcluded remove those the selection excludes too
   * @param maxDelete delete nothing when more than this many entries would go; -1 for no limit
   */
  public record Mirroring(boolean delete, boolean deleteExcluded, long maxDelete) {}

  /**
   * What to show.
   *
   * @param verbose print a line per action carried out, as the dry run prints them
   * @param quiet print errors only: no progress, no warnings, no summary
   * @param progressInterval time between plain progress lines
   * @param debug show stack traces and the workers' own output
   * @param units how sizes and rates read in the human output ({@code --bytes}: raw numbers)
   */
  public record Output(boolean verbose, boolean quiet, Duration progressInterval,
      boolean debug, Units units) {}
}
