package dev.pcopy.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A started {@code pcopy} run: its coordinator process, the worker processes under it, signals to
 * send, and the result once it exits. Closing the handle kills whatever of the run is left, so a
 * failing test leaves no stray JVMs behind.
 */
public final class RunningPcopy implements AutoCloseable {
  private static final String WORKER_MAIN = "dev.pcopy.worker.WorkerMain";

  private final Process process;
  private final Path outputs;
  private final Path out;
  private final Path err;

  RunningPcopy(Process process, Path outputs, Path out, Path err) {
    this.process = process;
    this.outputs = outputs;
    this.out = out;
    this.err = err;
  }

  /** Returns the pid of the launcher, which is the coordinator JVM (the launcher execs java). */
  public long pid() {
    return process.pid();
  }

  /** Returns whether the coordinator is still running. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** Returns every live process below the coordinator. */
  public List<ProcessHandle> descendants() {
    return process.toHandle().descendants().filter(ProcessHandle::isAlive)
        .collect(Collectors.toList());
  }

  /** Returns the live worker JVMs: children of the coordinator running the worker main class. */
  public List<ProcessHandle> workers() {
    return process.toHandle().children()
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().arguments().map(a -> List.of(a).contains(WORKER_MAIN)).orElse(false))
        .sorted(Comparator.comparingLong(ProcessHandle::pid))
        .collect(Collectors.toList());
  }

  /**
   * Returns live worker JVMs of this build started since this run began, wherever they are in
   * the process tree: a worker orphaned by an exiting coordinator is no longer its child.
   */
  public List<ProcessHandle> workersAnywhere() {
    String lib = Pcopy.launcher().getParent().resolveSibling("lib").toString();
    Instant started = process.info().startInstant().orElse(Instant.EPOCH);
    return ProcessHandle.allProcesses()
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().arguments().map(a -> List.of(a).contains(WORKER_MAIN)
            && String.join(" ", a).contains(lib)).orElse(false))
        .filter(p -> !p.info().startInstant().orElse(Instant.EPOCH).isBefore(started))
        .collect(Collectors.toList());
  }

  /** Waits until {@code condition} holds; fails the test with the output after {@code timeout}. */
  public void awaitUntil(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (!process.isAlive()) {
        throw new AssertionError("pcopy ended before " + what + "\n" + result());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what + "\n" + partialOutput());
      }
      sleep(20);
    }
  }

  /**
   * Asserts that the coordinator has installed its own SIGINT and SIGTERM handlers, so a signal
   * sent now tests pcopy and not the JVM's default handling.
   */
  public void assertHandlesInterrupts() {
    try {
      String status = Files.readString(Path.of("/proc/" + pid() + "/status"));
      for (String line : status.split("\n")) {
        if (line.startsWith("SigCgt:")) {
          long caught = Long.parseUnsignedLong(line.substring(7).strip(), 16);
          long intAndTerm = (1L << (2 - 1)) | (1L << (15 - 1));
          if ((caught & intAndTerm) != intAndTerm) {
            throw new AssertionError("pcopy (pid " + pid() + ") does not catch SIGINT and"
                + " SIGTERM: " + line);
          }
          return;
        }
      }
      throw new AssertionError("no SigCgt line in /proc/" + pid() + "/status");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends {@code signal} (e.g. {@code "INT"}) to the coordinator only. */
  public void signal(String signal) {
    kill("-" + signal + " " + pid());
  }

  /**
   * Sends {@code signal} to the coordinator unless the run has ended already, as a fast run may
   * before a test's signal: returns whether it was sent.
   */
  public boolean signalIfRunning(String signal) {
    try {
      signal(signal);
      return true;
    } catch (AssertionError e) {
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
      if (process.isAlive()) {
        throw e;
      }
      return false;
    }
  }

  /**
   * Sends {@code signal} to {@code process} unless it has exited, as a worker does at the end of
   * a run that a test's signal did not catch in time: returns whether it was sent.
   */
  public boolean signalIfAlive(ProcessHandle process, String signal) {
    try {
      signal(process, signal);
      return true;
    } catch (AssertionError e) {
      if (process.isAlive()) {
        throw e;
      }
      return false;
    }
  }

  /**
   * Sends {@code signal} (e.g. {@code "STOP"}) to one process of the run, such as a worker from
   * {@link #workers}.
   */
  public void signal(ProcessHandle process, String signal) {
    kill("-" + signal + " " + process.pid());
  }

  /** Sends {@code signal} to the coordinator's process group, as Ctrl-C on a terminal does. */
  public void signalGroup(String signal) {
    kill("-" + signal + " -" + pid());
  }

  /** Waits for the run to end and returns its result; fails the test after {@code timeout}. */
  public PcopyResult awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        String partial = partialOutput();
        close();
        throw new AssertionError("pcopy did not finish within " + timeout + "\n" + partial);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
    return result();
  }

  private PcopyResult result() {
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return new PcopyResult(process.isAlive() ? -1 : process.exitValue(), read(out), read(err));
  }

  private String partialOutput() {
    return "--- stdout so far ---\n" + read(out) + "--- stderr so far ---\n" + read(err) + "---";
  }

  /** Kills the coordinator and everything under it, and removes the captured output. */
  @Override
  public void close() {
    List<ProcessHandle> left = process.toHandle().descendants().collect(Collectors.toList());
    process.destroyForcibly();
    left.forEach(ProcessHandle::destroyForcibly);
    try {
      process.waitFor(10, TimeUnit.SECONDS);
      try (Stream<Path> files = Files.list(outputs)) {
        for (Path f : files.collect(Collectors.toList())) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(outputs);
    } catch (IOException e) {
      // Only captured output; the JVM's temp directory is cleaned eventually.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String read(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }

  /** Runs the shell's {@code kill} builtin, so no kill binary (procps) is needed. */
  private static void kill(String arguments) {
    String script = "kill " + arguments;
    try {
      Process p = new ProcessBuilder("/bin/sh", "-c", script).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new AssertionError(script + " failed: " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
