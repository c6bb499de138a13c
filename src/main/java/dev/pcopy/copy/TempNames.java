package dev.pcopy.copy;

import java.nio.file.Path;

/**
 * Names the temporary file an entry is written to before it is renamed into place.
 *
 * <p>The name is derived from the run and the entry's sequence number only, never from the
 * entry's own name, so that it stays short (a long final name plus a suffix could pass the
 * 255-byte limit) and so that the coordinator can find and remove the temporary files of a
 * worker that was killed without asking it.
 */
public final class TempNames {
  /** Every temporary name starts with this, so leftovers are easy to recognise. */
  public static final String PREFIX = ".pcopy-";

  private TempNames() {}

  /** Returns the temporary path for entry {@code seq} of run {@code runId} beside {@code target}. */
  public static Path of(Path target, String runId, long seq) {
    return target.resolveSibling(PREFIX + runId + "-" + seq + ".tmp");
  }
}
