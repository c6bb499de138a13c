package dev.pcopy.job;

import dev.pcopy.progress.Summary;

/**
 * How a run ended, for the command line to map to an exit code.
 *
 * @param signal the signal that stopped it ({@code INT}, {@code TERM}, {@code HUP}), or null
 * @param stopped the destination refused writes (full, over quota, read-only), so it stopped
 *     before the end
 * @param failed entries that could not be copied
 * @param notKept entries copied without something the destination could not keep
 * @param deleteLimited {@code --max-delete} stopped {@code --delete}: nothing was deleted
 * @param summary the counts the run ended with
 */
public record JobResult(String signal, boolean stopped, long failed, long notKept,
    boolean deleteLimited, Summary summary) {
  /** Whether a signal stopped the run. */
  public boolean interrupted() {
    return signal != null;
  }
}
