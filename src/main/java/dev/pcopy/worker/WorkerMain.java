package dev.pcopy.worker;

import dev.pcopy.copy.EntryWriter;
import dev.pcopy.copy.FileCopier;
import dev.pcopy.copy.HandleCache;
import dev.pcopy.fs.DirHandle;
import dev.pcopy.fs.Identity;
import dev.pcopy.fs.Stat;
import dev.pcopy.fs.SysException;
import dev.pcopy.plan.Task;
import dev.pcopy.protocol.FrameCodec;
import dev.pcopy.protocol.Message;
import dev.pcopy.protocol.Message.Assign;
import dev.pcopy.protocol.Message.Configure;
import dev.pcopy.protocol.Message.Hello;
import dev.pcopy.protocol.Message.WorkerOptions;
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
  /** Exit code of a worker that found SRC or DST not to be what the coordinator opened. */
  static final int ROOTS_CHANGED_EXIT = 5;
  /** Exit code of a worker whose copier thread met an unexpected exception or error. */
  static final int INTERNAL_ERROR_EXIT = 6;
  /** Directory handles a worker keeps open on each side. */
  private static final int HANDLES = 64;
  /** How long a stopping worker waits for its copier thread. */
  private static final Duration COPIER_STOP_WAIT = Duration.ofSeconds(10);

  private final InputStream in;
  private final OutputStream out;
  private final Duration copierStopWait;
  private final AtomicBoolean cancelled = new AtomicBoolean();
  /** Tasks for the copier thread; empty means stop. */
  private final BlockingQueue<Optional<Task>> tasks = new LinkedBlockingQueue<>();

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
    Signal.handle(new Signal("HUP"), SignalHandler.SIG_IGN);
    InputStream tasks = new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16);
    int code;
    try {
      code = serve(tasks, frames);
    } catch (RootsChangedException e) {
      System.err.println("pcopy worker: " + e.getMessage());
      code = ROOTS_CHANGED_EXIT;
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
    DirHandle sourceRoot = openRoot(config.source(), config.sourceDev(), config.sourceIno(),
        "SRC");
    DirHandle targetRoot = openRoot(config.target(), config.targetDev(), config.targetIno(),
        "DST");
    synchronized (this) {
      FrameCodec.writePreamble(out);
    }
    send(new Hello(FrameCodec.VERSION, ProcessHandle.current().pid()));
    WorkerOptions options = config.options();
    Identity identity = Identity.current();
    TestHooks hooks = TestHooks.fromProperties();
    HandleCache sources = new HandleCache(sourceRoot, options.followLinks(), HANDLES);
    HandleCache targets = new HandleCache(targetRoot, false, HANDLES);
    EntryWriter writer = new EntryWriter(sources, targets, config.runId(),
        new FileCopier(options.progressBytes(), hooks.gate()),
        new EntryWriter.Settings(options.followLinks(), options.fsync(), options.xattrs(),
            options.acls(), options.verify(), identity.isRoot(), identity.umask()),
        hooks.afterCopy());
    TaskRunner runner = new TaskRunner(writer, this::send, options.progressBytes(),
        options.reportMillis(), hooks.delayMillis(), cancelled::get, System::nanoTime);
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

  /**
   * Opens SRC or DST by the path the coordinator resolved, and checks that it is the very
   * directory the coordinator opened: a path changed in between (a link put in place of one of
   * its directories) must not send this worker's writes elsewhere.
   */
  private static DirHandle openRoot(byte[] path, long dev, long ino, String which)
      throws IOException {
    DirHandle root;
    try {
      root = DirHandle.open(path);
    } catch (SysException e) {
      throw new RootsChangedException(which + " cannot be opened: " + e.getMessage());
    }
    Stat stat = root.stat();
    if (stat.dev() != dev || stat.ino() != ino) {
      root.close();
      throw new RootsChangedException(which + " is no longer the directory the run started on");
    }
    return root;
  }

  /** SRC or DST is not what the coordinator opened: the worker must not work. */
  static final class RootsChangedException extends IOException {
    private static final long serialVersionUID = 1L;

    RootsChangedException(String message) {
      super(message);
    }
  }

  private void runTasks(TaskRunner runner) {
    try {
      while (true) {
        Optional<Task> next = tasks.take();
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
    } catch (RuntimeException | Error e) {
      // A task this code cannot carry out (a bug, no memory left): the process ends now, so that
      // the coordinator sees a worker gone with the task and hands it on or fails it, instead
      // of a live worker that reads tasks and never does them until the stall timeout.
      System.err.println("pcopy worker: internal error: " + e);
      System.err.flush();
      Runtime.getRuntime().halt(INTERNAL_ERROR_EXIT);
    }
  }

  private synchronized void send(Message message) throws IOException {
    FrameCodec.write(out, message);
    out.flush();
  }
}
