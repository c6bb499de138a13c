package dev.pcopy.hosts;

import java.io.IOException;

/** Starts the agent on a host; the seam between the host logic and real ssh or srun. */
@FunctionalInterface
public interface AgentStarter {
  /** Starts an agent on {@code host}. */
  AgentProcess start(Host host) throws IOException;
}
