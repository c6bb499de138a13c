package dev.pcopy.pool;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/** One started worker as the coordinator sees it: two pipes and a life that can end. */
public interface WorkerProcess {
  /** The worker's frames (its stdout). */
  InputStream frames();

  /** The coordinator's commands to it (its stdin); closing it asks the worker to stop. */
  OutputStream commands();

  /** Waits up to {@code timeout} for the worker to end; returns whether it has. */
  boolean awaitExit(Duration timeout) throws InterruptedException;

  /** Ends the worker at once (SIGKILL for a process). */
  void kill();

  /** Says how the worker ended ("exit code 3", "killed by signal 9"), or that it is alive. */
  String exitDescription();

  /**
   * Whether the worker ended by a signal from outside (killed), rather than on its own (an exit
   * code, a JVM that could not start); false while it runs.
   */
  boolean killedBySignal();
}
