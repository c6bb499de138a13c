package dev.pcopy.agent;

import dev.pcopy.link.PcopyVersion;
import dev.pcopy.pool.ProcessWorkerLauncher;
import dev.pcopy.pool.WorkerJvm;
import java.io.BufferedInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.OutputStream;
import sun.misc.Signal;

/**
 * {@code pcopy agent}: the process ssh or srun starts on a host. Its stdin and stdout are the
 * link; everything else it has to say goes to stderr, which the coordinator keeps for its
 * messages about the host.
 */
public final class AgentMain {
  private AgentMain() {}

  /** Serves the link on stdin and stdout; returns the exit code. */
  public static int run() {
    OutputStream link = new FileOutputStream(FileDescriptor.out);
    // Anything a library prints must not corrupt the link.
    System.setOut(System.err);
    // The agent's own workers print their failures on stderr too, where the coordinator sees
    // them when it reports the host's failure (and always with --debug).
    Agent agent = new Agent(new BufferedInputStream(new FileInputStream(FileDescriptor.in),
        1 << 16), link, new ProcessWorkerLauncher(WorkerJvm.options(), true),
        PcopyVersion.current(), System.err);
    // srun cancels a step with SIGTERM, a terminal with SIGINT or SIGHUP: stop the workers as
    // for a lost coordinator, so that their temporary files go.
    for (String name : new String[] {"INT", "TERM", "HUP"}) {
      Signal.handle(new Signal(name), s -> agent.end("stopped by SIG" + s.getName()));
    }
    try {
      return agent.serve();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }
}
