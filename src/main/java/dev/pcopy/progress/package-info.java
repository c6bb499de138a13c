/**
 * Progress and reporting: a pure model of how far a run is, pure formatting, and sinks that are
 * the only code writing to the terminal or the standard streams.
 *
 * <p>{@link dev.pcopy.progress.ProgressModel} counts, {@link dev.pcopy.progress.Snapshot} is what a
 * sink sees, and {@link dev.pcopy.progress.TerminalBarSink} or
 * {@link dev.pcopy.progress.PlainLineSink} show it.
 */
package dev.pcopy.progress;
