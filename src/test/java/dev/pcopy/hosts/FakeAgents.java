package dev.pcopy.hosts;

import dev.pcopy.agent.Agent;
import dev.pcopy.link.PcopyVersion;
import dev.pcopy.pool.WorkerLauncher;
import dev.pcopy.pool.WorkerProcess;
import dev.pcopy.testing.InProcessWorkerLauncher;
import dev.pcopy.testing.Pipe;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link AgentStarter} whose agents are the real {@link Agent} on threads of the test JVM,
 * linked to the coordinator by {@link Pipe}s and running in-process workers: a host can crash
 * (its workers and agent die, its link ends), be cut off (nothing crosses its link any more,
 * though nothing closes), refuse connections, or run another version.
 */
final class FakeAgents implements AgentStarter {
  private static final int PIPE_BYTES = 1 << 16;

  private final Map<String, InProcessWorkerLauncher.WorkerBody> bodies = new ConcurrentHashMap<>();
  private final Map<String, String> versions = new ConcurrentHashMap<>();
  private final Set<String> refusing = ConcurrentHashMap.newKeySet();
  private final Map<String, List<FakeAgent>> started = new ConcurrentHashMap<>();
  /** Worker bodies running now, on any host. */
  private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();

  /** Host {@code host}'s workers run {@code body}. */
  FakeAgents host(String host, InProcessWorkerLauncher.WorkerBody body) {
    bodies.put(host, body);
    running.put(host, new AtomicInteger());
    return this;
  }

  /** Host {@code host}'s agent says it is pcopy {@code version}. */
  FakeAgents version(String host, String version) {
    versions.put(host, version);
    return this;
  }

  /** From now on, starting an agent on {@code host} fails as ssh's "Connection refused". */
  void refuse(String host) {
    refusing.add(host);
  }

  /** How many agents were started on {@code host}. */
  int starts(String host) {
    return started.getOrDefault(host, List.of()).size();
  }

  /** How many of {@code host}'s worker bodies are running now. */
  int workersRunning(String host) {
    return running.get(host).get();
  }

  /** Crashes {@code host}'s latest agent: its workers die, then it, and its link ends. */
  void crash(String host) {
    latest(host).crash();
  }

  /** Cuts {@code host}'s latest agent off: from now on neither side hears from the other. */
  void partition(String host) {
    latest(host).cut = true;
  }

  private FakeAgent latest(String host) {
    List<FakeAgent> agents = started.get(host);
    return agents.get(agents.size() - 1);
  }

  @Override
  public AgentProcess start(Host host) throws IOException {
    if (refusing.contains(host.name())) {
      throw new IOException("ssh: connect to host " + host.name() + ": Connection refused");
    }
    AtomicInteger count = running.get(host.name());
    InProcessWorkerLauncher.WorkerBody body = bodies.get(host.name());
    FakeAgent agent = new FakeAgent(new InProcessWorkerLauncher((index, in, out) -> {
      count.incrementAndGet();
      try {
        body.serve(index, in, out);
      } finally {
        count.decrementAndGet();
      }
    }), versions.getOrDefault(host.name(), PcopyVersion.current()));
    started.computeIfAbsent(host.name(), h -> new CopyOnWriteArrayList<>()).add(agent);
    return agent;
  }

  /** One agent on a thread, and the pipes of its link. */
  private static final class FakeAgent implements AgentProcess {
    private final Pipe down = new Pipe(PIPE_BYTES);
    private final Pipe up = new Pipe(PIPE_BYTES);
    private final InProcessWorkerLauncher workers;
    private final List<Integer> launched = new CopyOnWriteArrayList<>();
    private final Thread thread;
    volatile boolean cut;

    FakeAgent(InProcessWorkerLauncher workers, String version) {
      this.workers = workers;
      WorkerLauncher recording = new WorkerLauncher() {
        @Override
        public WorkerProcess launch(int index) throws IOException {
          // Counted once it runs, so that a crash meanwhile finds every worker it counts.
          WorkerProcess process = workers.launch(index);
          launched.add(index);
          return process;
        }
      };
      Agent agent = new Agent(new Gated(down.input()), up.output(), recording, version,
          new PrintStream(OutputStream.nullOutputStream()));
      thread = new Thread(() -> {
        try {
          agent.serve();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "fake-agent");
      thread.setDaemon(true);
      thread.start();
    }

    void crash() {
      for (int index : launched) {
        workers.kill(index);
      }
      closeQuietly(up.output());
      closeQuietly(down.input());
    }

    @Override
    public InputStream input() {
      return new Gated(up.input());
    }

    @Override
    public OutputStream output() {
      return down.output();
    }

    @Override
    public boolean awaitExit(Duration timeout) throws InterruptedException {
      thread.join(Math.max(1, timeout.toMillis()));
      return !thread.isAlive();
    }

    /** What killing ssh does: the coordinator's ends close; the agent learns it, if it can. */
    @Override
    public void kill() {
      closeQuietly(down.output());
    }

    @Override
    public String errorTail() {
      return "";
    }

    private static void closeQuietly(java.io.Closeable c) {
      try {
        c.close();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    /** A stream that delivers nothing while the host is cut off, as a dead network. */
    private final class Gated extends FilterInputStream {
      Gated(InputStream in) {
        super(in);
      }

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        while (cut) {
          try {
            Thread.sleep(10);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException();
          }
        }
        return n;
      }
    }
  }
}
