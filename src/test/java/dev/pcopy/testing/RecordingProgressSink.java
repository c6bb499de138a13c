package dev.pcopy.testing;

import dev.pcopy.progress.ProgressSink;
import dev.pcopy.progress.Snapshot;
import java.util.ArrayList;
import java.util.List;

/** A {@link ProgressSink} that keeps everything it is given, for assertions. */
public final class RecordingProgressSink implements ProgressSink {
  private final List<Snapshot> updates = new ArrayList<>();
  private final List<String> messages = new ArrayList<>();
  private int closed;

  @Override
  public synchronized void update(Snapshot snapshot) {
    updates.add(snapshot);
  }

  @Override
  public synchronized void message(String line) {
    messages.add(line);
  }

  @Override
  public synchronized void close() {
    closed++;
  }

  /** Returns the snapshots shown, oldest first. */
  public synchronized List<Snapshot> updates() {
    return List.copyOf(updates);
  }

  /** Returns the lines printed, oldest first. */
  public synchronized List<String> messages() {
    return List.copyOf(messages);
  }

  /** Returns how many times {@link #close()} was called. */
  public synchronized int closeCount() {
    return closed;
  }
}
