package dev.pcopy.hosts;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/** One started agent as the coordinator sees it: the link's two ends and a life that can end. */
public interface AgentProcess {
  /** What the agent sends (its stdout, through ssh or srun). */
  InputStream input();

  /** What the agent reads (its stdin); closing it tells the agent to stop. */
  OutputStream output();

  /** Waits up to {@code timeout} for the launcher's process to end; returns whether it has. */
  boolean awaitExit(Duration timeout) throws InterruptedException;

  /** Ends the launcher's process (ssh, srun) at once, which cuts the link. */
  void kill();

  /** The last lines the launcher and the agent printed on stderr, for messages; may be empty. */
  String errorTail();
}
