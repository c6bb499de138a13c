package dev.pcopy.pool;

import java.io.IOException;

/** Starts workers; the seam between the pool's logic and real processes. */
public interface WorkerLauncher {
  /** Starts worker number {@code index}. */
  WorkerProcess launch(int index) throws IOException;

  /**
   * Whether a worker can be started now; the pool starts none while not. Local workers always
   * can; workers on other hosts cannot while every host that is up runs its share.
   */
  default boolean canLaunch() {
    return true;
  }
}
