package dev.pcopy.worker;

import dev.pcopy.copy.EntryCopier;
import dev.pcopy.copy.FileCopier;
import dev.pcopy.copy.ProcessIdentity;
import dev.pcopy.plan.CopyTask;
import dev.pcopy.protocol.FrameCodec;
import dev.pcopy.protocol.Message;
import dev.pcopy.protocol.Message.Assign;
import dev.pcopy.protocol.Message.Configure;
import dev.pcopy.protocol.Message.Hello;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Entry point of a worker process. Its stdout carries protocol frames and nothing else; its stdin
 * brings tasks, and its end means the coordinator is gone or wants the worker to stop.
 *
 * <p>Two threads: this one reads frames, so that a closed stdin is noticed even in the middle of a
 * large file, and a copier thread runs tasks one after the other.
 */
public final class WorkerMain {
  /** Exit code of a worker whose copier thread was still stuck when it had to stop. */
  static final int STUCK_EXIT = 4;
  /** How long a stopping worker waits for its copier thread. */
  private static final Duration COPIER_STOP_WAIT = Duration.ofSeconds(10);

  private final InputStream in;
  private final OutputStream out;
  private final Duration copierStopWait;
  private final AtomicBoolean cancelled = new AtomicBoolean();
  /** Tasks for the copier thread; empty means stop. */
  private final BlockingQueue<Optional<CopyTask>> tasks = new LinkedBlockingQueue<>();

  private WorkerMain(InputStream in, OutputStream out, Duration copierStopWait) {
    this.in = in;
    this.out = out;
    this.copierStopWait = copierStopWait;
  }

  /** Runs a worker on the process's stdin and stdout until stdin ends. */
  public static void main(String[] args) {
    OutputStream frames = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
    // Anything a library prints must not corrupt the frame stream.
    System.setOut(System.err);
    // Ctrl-C on a terminal, and a service manager's or `kill -TERM -PGID`'s stop, reach the
    // whole process group; the coordinator decides how workers stop (it closes their stdin, and
    // they report what they finished first), so the signals themselves are ignored here.
    Signal.handle(new Signal("INT"), SignalHandler.SIG_IGN);
    Signal.handle(new Signal("TERM"), SignalHandler.SIG_IGN);
    InputStream tasks = new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16);
    int code;
    try {
      code = serve(tasks, frames);
    } catch (IOException | RuntimeException e) {
      e.printStackTrace();
      code = 3;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      code = 3;
    }
    System.exit(code);
  }

  /**
   * Serves tasks from {@code in}, writing frames to {@code out}, until {@code in} ends; returns the
   * exit code. Public so that tests can run a worker in-process on piped streams.
   */
  public static int serve(InputStream in, OutputStream out)
      throws IOException, InterruptedException {
    return serve(in, out, COPIER_STOP_WAIT);
  }

  /** Like {@link #serve(InputStream, OutputStream)}, with a shorter wait for tests. */
  static int serve(InputStream in, OutputStream out, Duration copierStopWait)
      throws IOException, InterruptedException {
    return new WorkerMain(in, out, copierStopWait).serve();
  }

  private int serve() throws IOException, InterruptedException {
    Message first = FrameCodec.read(in);
    if (!(first instanceof Configure config)) {
      throw new IOException("expected a Configure frame, got " + first);
    }
    if (config.version() != FrameCodec.VERSION) {
      throw new IOException("protocol version " + config.version() + " is not "
          + FrameCodec.VERSION);
    }
    synchronized (this) {
      FrameCodec.writePreamble(out);
    }
    send(new Hello(FrameCodec.VERSION, ProcessHandle.current().pid()));
    ProcessIdentity identity = ProcessIdentity.current();
    FileCopier files = config.testRoomBytes() < 0
        ? new FileCopier(config.progressBytes(), identity.umask())
        : FileCopier.withLimitedRoom(config.progressBytes(), identity.umask(),
            config.testRoomBytes(), config.testRefusal());
    EntryCopier copier = new EntryCopier(config.runId(), config.force(), files, identity);
    TaskRunner runner = new TaskRunner(copier, this::send, config.progressBytes(),
        config.testDelayMillis(), cancelled::get);
    Thread copierThread = new Thread(() -> runTasks(runner), "pcopy-copier");
    copierThread.start();
    try {
      Message message;
      while ((message = FrameCodec.read(in)) != null) {
        if (!(message instanceof Assign assign)) {
          throw new IOException("unexpected frame " + message);
        }
        tasks.put(Optional.of(assign.task()));
      }
    } finally {
      cancelled.set(true);
      tasks.put(Optional.empty());
      // A copy stuck in a system call (a stalled network file system, a FIFO put in place of a
      // listed file) must not keep this process alive once the coordinator is gone: workers
      // ignore SIGINT and SIGTERM, so this bound is what ends such a one. The main method then
      // exits under the stuck thread; its temporary file is swept by the next run.
      copierThread.join(copierStopWait.toMillis());
    }
    return copierThread.isAlive() ? STUCK_EXIT : 0;
  }

  private void runTasks(TaskRunner runner) {
    try {
      while (true) {
        Optional<CopyTask> next = tasks.take();
        if (next.isEmpty() || cancelled.get()) {
          return;
        }
        runner.run(next.get());
      }
    } catch (FileCopier.CancelledException e) {
      // Stopping: the task's finished entries are reported, its partial temporary file removed.
    } catch (IOException e) {
      // The frame pipe broke: the coordinator is gone. Stop; stdin will end too.
      cancelled.set(true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private synchronized void send(Message message) throws IOException {
    FrameCodec.write(out, message);
    out.flush();
  }
}
