/**
 * One copy run: checks the source and target, starts the walker, the worker pool and the
 * coordinator, applies directory metadata at the end, and reports the outcome.
 *
 * <p>{@link dev.pcopy.job.CopyJob} is the only entry; everything it needs from the command line
 * arrives in a {@link dev.pcopy.job.CopyRequest}.
 */
package dev.pcopy.job;
