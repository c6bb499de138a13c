package dev.pcopy.progress;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of a run, as printed at its end.
 *
 * @param filesCopied regular files written (hard links made to one of them included)
 * @param linksCopied symbolic links written
 * @param specialsCopied FIFOs, sockets and devices made
 * @param modesFixed entries whose content was right but mode wrong: fixed in place (a dry run:
 *     would be)
 * @param ownersFixed likewise for owner and group
 * @param timesFixed entries whose times alone were fixed: files whose bytes {@code --checksum}
 *     found equal, links and special files, existing directories whose time differed
 * @param xattrsFixed existing directories whose extended attributes or ACLs were fixed
 * @param deleted entries of the target that the source lacks, removed ({@code --delete})
 * @param unchanged entries already up to date
 * @param failed entries that could not be copied (walker and workers)
 * @param notKept entries copied without something the destination could not keep (extended
 *     attributes, ACLs, an owner)
 * @param bytesWritten bytes written
 * @param elapsed wall time of the run
 * @param failures the first failure lines, for repeating at the end
 * @param ending how the run ended
 */
public record Summary(long filesCopied, long linksCopied, long specialsCopied, long modesFixed,
    long ownersFixed, long timesFixed, long xattrsFixed, long deleted, long unchanged, long failed,
    long notKept, long bytesWritten, Duration elapsed, List<String> failures, Ending ending) {

  /** How a run ended, which sets the first words of its summary. */
  public enum Ending {
    /** Every entry was handed out and answered ("copied"). */
    COMPLETE,
    /** A signal stopped it ("interrupted after copying"). */
    INTERRUPTED,
    /**
     * The destination refused writes (full, over quota, read-only), so it stopped ("stopped
     * after copying").
     */
    STOPPED,
    /** Nothing was written, on purpose ("would copy"). */
    DRY_RUN
  }

  /** Copies the failure list so a summary never changes. */
  public Summary {
    failures = List.copyOf(failures);
  }
}
