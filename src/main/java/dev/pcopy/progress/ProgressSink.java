package dev.pcopy.progress;

/**
 * Where progress and per-entry messages go. All calls come from the coordinator thread; a sink
 * decides itself how often it actually redraws or prints.
 */
public interface ProgressSink extends AutoCloseable {
  /** Shows the latest state (called several times a second). */
  void update(Snapshot snapshot);

  /** Prints one line (an error or warning) without garbling the progress display. */
  void message(String line);

  /** Shows the final state and releases the display. */
  @Override
  void close();
}
