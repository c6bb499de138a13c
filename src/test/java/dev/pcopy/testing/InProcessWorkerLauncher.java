package dev.pcopy.testing;

import dev.pcopy.pool.WorkerLauncher;
import dev.pcopy.pool.WorkerProcess;
import dev.pcopy.worker.WorkerMain;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link WorkerLauncher} whose workers are threads of the test JVM talking over {@link Pipe}s,
 * so pool logic is tested without starting processes.
 *
 * <p>When a worker's body returns or throws, its frame stream is closed and its command stream
 * stops being read, which is what the coordinator sees when a real worker process exits.
 */
public final class InProcessWorkerLauncher implements WorkerLauncher {
  private static final int PIPE_BYTES = 1 << 16;

  /** What one in-process worker runs: it reads commands and writes frames. */
  @FunctionalInterface
  public interface WorkerBody {
    /** Serves worker number {@code index} until it wants to end. */
    void serve(int index, InputStream commands, OutputStream frames) throws Exception;
  }

  private final WorkerBody body;
  private final AtomicInteger launched = new AtomicInteger();
  private final java.util.Map<Integer, ThreadWorker> workers =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** Launches workers that run {@code body}. */
  public InProcessWorkerLauncher(WorkerBody body) {
    this.body = body;
  }

  /** Launches workers that run the real {@link WorkerMain#serve} loop. */
  public static InProcessWorkerLauncher runningWorkerMain() {
    return new InProcessWorkerLauncher((index, commands, frames) -> WorkerMain.serve(commands, frames));
  }

  /** Returns how many workers were launched. */
  public int launched() {
    return launched.get();
  }

  /**
   * Kills worker {@code index} as {@code kill -9} from outside would: its streams end and it
   * reports itself killed by a signal. A body may call it on its own worker.
   */
  public void kill(int index) {
    workers.get(index).kill();
  }

  @Override
  public WorkerProcess launch(int index) {
    launched.incrementAndGet();
    ThreadWorker worker = new ThreadWorker(index, body);
    workers.put(index, worker);
    worker.start();
    return worker;
  }

  /** One worker: a thread and the two pipes it shares with the coordinator. */
  private static final class ThreadWorker implements WorkerProcess {
    private final Pipe commands = new Pipe(PIPE_BYTES);
    private final Pipe frames = new Pipe(PIPE_BYTES);
    private final Thread thread;
    private volatile String ending = "still running";
    private volatile boolean killed;

    ThreadWorker(int index, WorkerBody body) {
      thread = new Thread(() -> {
        try {
          body.serve(index, commands.input(), frames.output());
          ending = "returned";
        } catch (Exception e) {
          ending = "threw " + e;
        } finally {
          // As when a process exits: its stdout ends and writes to its stdin fail.
          close();
        }
      }, "in-process-worker-" + index);
      thread.setDaemon(true);
    }

    /** Started only once the launcher knows it, so that a body can kill its own worker. */
    void start() {
      thread.start();
    }

    private void close() {
      try {
        frames.output().close();
        commands.input().close();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    @Override
    public InputStream frames() {
      return frames.input();
    }

    @Override
    public OutputStream commands() {
      return commands.output();
    }

    @Override
    public boolean awaitExit(Duration timeout) throws InterruptedException {
      thread.join(Math.max(1, timeout.toMillis()));
      return !thread.isAlive();
    }

    @Override
    public void kill() {
      ending = "killed";
      killed = true;
      close();
      thread.interrupt();
    }

    @Override
    public boolean killedBySignal() {
      return killed && !thread.isAlive();
    }

    @Override
    public String exitDescription() {
      return thread.isAlive() ? "in-process worker still running" : "in-process worker " + ending;
    }
  }
}
