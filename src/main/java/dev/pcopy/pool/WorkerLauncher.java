package dev.pcopy.pool;

import java.io.IOException;

/** Starts workers; the seam between the pool's logic and real processes. */
public interface WorkerLauncher {
  /** Starts worker number {@code index}. */
  WorkerProcess launch(int index) throws IOException;
}
