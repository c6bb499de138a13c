/**
 * One copy run: checks and opens SRC and DST, runs the walk into the real run's sink (directory
 * actions carried out at once, the rest batched for workers) or the dry run's printer, runs the
 * coordinator, then deletes ({@code --delete}), finishes the directories, and reports.
 *
 * <p>{@link dev.pcopy.job.CopyJob} is the only entry; everything it needs from the command line
 * arrives in a {@link dev.pcopy.job.CopyRequest}, and how the run ended leaves in a
 * {@link dev.pcopy.job.JobResult}. Every write to the destination goes through
 * {@link dev.pcopy.copy}.
 */
package dev.pcopy.job;
