package dev.pcopy.job;

/**
 * How a run ended, for the command line to map to an exit code.
 *
 * @param interrupted a signal stopped it
 * @param stopped the destination refused writes (full, over quota, read-only), so it stopped
 *     before the end
 * @param failed entries that could not be copied
 */
public record JobResult(boolean interrupted, boolean stopped, long failed) {}
