package dev.pcopy.hosts;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts agents with the launcher template: {@code ssh -T host /opt/pcopy/bin/pcopy agent}.
 * The process's stderr (ssh's complaints, the agent's and its workers' own lines) is kept, its
 * last lines for the messages about the host, and shown as it comes with {@code --debug}.
 */
public final class CommandAgentStarter implements AgentStarter {
  /** Lines of stderr kept for messages. */
  private static final int TAIL_LINES = 5;

  private final LauncherTemplate template;
  private final List<String> agentCommand;
  private final PrintStream debug;

  /**
   * @param template starts a command on a host
   * @param agentCommand the agent's command there
   * @param debug where to copy the agents' stderr, or null
   */
  public CommandAgentStarter(LauncherTemplate template, List<String> agentCommand,
      PrintStream debug) {
    this.template = template;
    this.agentCommand = List.copyOf(agentCommand);
    this.debug = debug;
  }

  @Override
  public AgentProcess start(Host host) throws IOException {
    Process process = new ProcessBuilder(template.argv(host.name(), agentCommand)).start();
    Launched launched = new Launched(process);
    Thread drain = new Thread(() -> launched.drain(host.name(), debug),
        "pcopy-agent-stderr-" + host.name());
    drain.setDaemon(true);
    drain.start();
    return launched;
  }

  /** A started launcher process and the tail of its stderr. */
  private static final class Launched implements AgentProcess {
    private final Process process;
    private final Deque<String> tail = new ArrayDeque<>();

    Launched(Process process) {
      this.process = process;
    }

    void drain(String host, PrintStream debug) {
      try (InputStream err = process.getErrorStream()) {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = err.read()) >= 0) {
          if (b != '\n') {
            line.append((char) b);
            continue;
          }
          String text = new String(line.toString().getBytes(StandardCharsets.ISO_8859_1),
              StandardCharsets.UTF_8).strip();
          line.setLength(0);
          if (debug != null) {
            debug.println("pcopy: debug: host " + host + ": " + text);
          }
          synchronized (tail) {
            tail.addLast(text);
            if (tail.size() > TAIL_LINES) {
              tail.removeFirst();
            }
          }
        }
      } catch (IOException e) {
        // The process is gone; what was read is kept.
      }
    }

    @Override
    public InputStream input() {
      return process.getInputStream();
    }

    @Override
    public OutputStream output() {
      return process.getOutputStream();
    }

    @Override
    public boolean awaitExit(Duration timeout) throws InterruptedException {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void kill() {
      process.destroyForcibly();
    }

    @Override
    public String errorTail() {
      synchronized (tail) {
        return String.join("; ", tail);
      }
    }
  }
}
