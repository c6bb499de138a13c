package dev.pcopy.testing;

import dev.pcopy.plan.TempNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Where a run's temporary file for entry {@code seq} would be, for tests that plant them. */
public final class TempFiles {
  private TempFiles() {}

  /** Returns the temporary file of entry {@code seq} of run {@code runId} in {@code directory}. */
  public static Path path(Path directory, String runId, long seq) {
    return directory.resolve(new String(TempNames.of(runId, seq), StandardCharsets.US_ASCII));
  }
}
