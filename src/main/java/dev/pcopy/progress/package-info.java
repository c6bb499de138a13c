/**
 * Progress and reporting: a pure model of how far a run is and how long the rest will take,
 * pure layouts of it, and sinks that are the only code writing progress to the terminal or the
 * standard streams.
 *
 * <p>{@link dev.pcopy.progress.ProgressModel} counts and learns the run's costs
 * ({@link dev.pcopy.progress.EtaModel}); a {@link dev.pcopy.progress.Snapshot} is what every
 * display renders: {@link dev.pcopy.progress.FrameLayout} on a terminal, drawn by
 * {@link dev.pcopy.progress.TerminalBarSink}, {@link dev.pcopy.progress.ProgressLine} in
 * {@link dev.pcopy.progress.PlainLineSink}'s lines, and the {@code --json} progress event.
 *
 * <p>This package imports no other of pcopy's: what a display shows of a later package comes in
 * a type of this one, as each host's counts come in {@link dev.pcopy.progress.HostLine}s that
 * {@link dev.pcopy.progress.ProgressModel} asks for at each snapshot.
 */
package dev.pcopy.progress;
