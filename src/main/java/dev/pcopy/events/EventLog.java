package dev.pcopy.events;

import dev.pcopy.plan.Action;
import dev.pcopy.progress.Snapshot;
import dev.pcopy.progress.Summary;
import java.util.List;

/**
 * What a run tells a program that reads its output, besides what it shows a person: the events
 * of {@code --json} ({@link JsonEventLog}), or nothing ({@link #NONE}). Paths are below SRC and
 * DST, as the dry run's lines name them. Any thread may call.
 */
public interface EventLog {
  /** Tells nothing: a run without {@code --json}. */
  EventLog NONE = new EventLog() {};

  /**
   * What a run is about to do.
   *
   * @param version pcopy's version
   * @param arguments the command line, each argument's exact bytes
   * @param source SRC's exact bytes, as given
   * @param destination DST's exact bytes, as given
   * @param workers worker processes at most
   * @param dryRun whether nothing is written
   */
  record Start(String version, List<byte[]> arguments, byte[] source, byte[] destination,
      int workers, boolean dryRun) {}

  /** The run starts. */
  default void started(Start start) {}

  /** An action was carried out (in a dry run: would be), or an entry found unchanged. */
  default void entry(Action action) {}

  /** Whether {@link #entry} tells each entry, so that a skip must reach it one by one. */
  default boolean tellsEntries() {
    return false;
  }

  /**
   * An entry failed.
   *
   * @param target whether the destination refused it (else the source could not be read)
   * @param path the entry's path below SRC or DST; empty for the root
   */
  default void failed(boolean target, byte[] path, String reason) {}

  /** Something worth a warning, about the entry {@code path}, or about the run when null. */
  default void warned(byte[] path, String message) {}

  /** How far the run is, several times a second; the log says how often it tells. */
  default void progress(Snapshot snapshot) {}

  /**
   * What one host did, with {@code --hosts}.
   *
   * @param host its name
   * @param entries entries its workers finished
   * @param failed entries that failed there
   * @param bytes bytes its workers wrote
   * @param losses how often it was lost
   * @param retired whether it was not used again after a loss
   * @param notUsed why it was never used, or null
   */
  record Host(String host, long entries, long failed, long bytes, int losses, boolean retired,
      String notUsed) {}

  /** What each host did, once the run is over, before {@link #finished}. */
  default void hosts(List<Host> hosts) {}

  /** The run ended with {@code summary} (null when it never began) and {@code exitCode}. */
  default void finished(Summary summary, int exitCode) {}
}
