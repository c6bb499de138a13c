package dev.pcopy.pool;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts workers as child JVMs: the same {@code java} binary and class path as this process, the
 * worker's main class, and JVM options tuned for a short-lived copier. The only class that
 * creates processes.
 */
public final class ProcessWorkerLauncher implements WorkerLauncher {
  private final List<String> command;
  private final boolean showWorkerOutput;

  /**
   * @param jvmOptions options for the worker JVMs
   * @param showWorkerOutput pass the workers' stderr through (for {@code --debug})
   */
  public ProcessWorkerLauncher(List<String> jvmOptions, boolean showWorkerOutput) {
    List<String> c = new ArrayList<>();
    c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    c.addAll(jvmOptions);
    c.add("-cp");
    c.add(System.getProperty("java.class.path"));
    c.add("dev.pcopy.worker.WorkerMain");
    this.command = List.copyOf(c);
    this.showWorkerOutput = showWorkerOutput;
  }

  @Override
  public WorkerProcess launch(int index) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectError(showWorkerOutput
            ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.DISCARD);
    return new ChildProcess(builder.start());
  }

  /** A worker that is a child process. */
  private static final class ChildProcess implements WorkerProcess {
    private final Process process;

    ChildProcess(Process process) {
      this.process = process;
    }

    @Override
    public InputStream frames() {
      return process.getInputStream();
    }

    @Override
    public OutputStream commands() {
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
    public boolean killedBySignal() {
      // The JDK reports death by signal N as exit value 128 + N. A JVM that aborts itself
      // (SIGABRT, 134) died on its own.
      return !process.isAlive() && process.exitValue() > 128 && process.exitValue() != 134;
    }

    @Override
    public String exitDescription() {
      if (process.isAlive()) {
        return "pid " + process.pid() + " still running";
      }
      int code = process.exitValue();
      // The JDK reports death by signal N as exit value 128 + N.
      return code > 128
          ? "pid " + process.pid() + " killed by signal " + (code - 128)
          : "pid " + process.pid() + " exited with code " + code;
    }
  }
}
