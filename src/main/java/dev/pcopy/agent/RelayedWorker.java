package dev.pcopy.agent;

import dev.pcopy.link.LinkFrame;
import dev.pcopy.link.LinkFrame.Data;
import dev.pcopy.link.LinkFrame.Exited;
import dev.pcopy.link.QueuedOutput;
import dev.pcopy.pool.WorkerProcess;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * One worker of this host and its relay: bytes from the coordinator go to its stdin through a
 * queue of their own (a worker busy in a large file must not hold up the link), its stdout goes
 * back as {@link Data} frames as it comes, and its end is told with {@link Exited}.
 */
final class RelayedWorker {
  /** Bytes read from a worker's stdout at once. */
  private static final int CHUNK = 64 << 10;
  /** How long a worker whose stdout ended is given to exit before its end is told anyway. */
  private static final Duration EXIT_WAIT = Duration.ofSeconds(10);

  private final int channel;
  private final WorkerProcess process;
  private final ConfigureRewriter rewriter;
  private final Consumer<LinkFrame> link;
  private final QueuedOutput stdin;

  RelayedWorker(int channel, WorkerProcess process, ConfigureRewriter rewriter,
      Consumer<LinkFrame> link) {
    this.channel = channel;
    this.process = process;
    this.rewriter = rewriter;
    this.link = link;
    this.stdin = new QueuedOutput(process.commands(), "pcopy-agent-stdin-" + channel);
  }

  /** Starts relaying the worker's stdout. */
  void start() {
    Thread pump = new Thread(this::pump, "pcopy-agent-stdout-" + channel);
    pump.setDaemon(true);
    pump.start();
  }

  /** Passes bytes from the coordinator to the worker's stdin. */
  void write(byte[] bytes) {
    try {
      stdin.write(rewriter.accept(bytes));
    } catch (IOException e) {
      // The worker is gone; its stdout ends and the pump tells the coordinator.
    }
  }

  /** Closes the worker's stdin: it stops, removing its temporary file, and exits. */
  void closeInput() {
    stdin.close();
  }

  /** Kills the worker at once. */
  void kill() {
    process.kill();
  }

  /** Waits up to {@code timeout} for the worker to end; returns whether it has. */
  boolean awaitExit(Duration timeout) throws InterruptedException {
    return process.awaitExit(timeout);
  }

  private void pump() {
    byte[] buffer = new byte[CHUNK];
    try (InputStream out = process.frames()) {
      int n;
      while ((n = out.read(buffer)) > 0) {
        link.accept(new Data(channel, Arrays.copyOf(buffer, n)));
      }
    } catch (IOException e) {
      // Its stdout broke: it is ending, as at the end of the stream.
    }
    try {
      process.awaitExit(EXIT_WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    link.accept(new Exited(channel, process.exitDescription(), process.killedBySignal()));
  }
}
