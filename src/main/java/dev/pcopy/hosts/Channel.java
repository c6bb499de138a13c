package dev.pcopy.hosts;

import dev.pcopy.link.LinkFrame.Close;
import dev.pcopy.link.LinkFrame.Data;
import dev.pcopy.link.LinkFrame.Kill;
import dev.pcopy.pool.WorkerProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A worker on another host, as the pool sees any worker: its stdout and stdin are a channel of
 * the host's link, and it ends when the agent says it exited or when the whole host is lost. A
 * host that is lost counts as a kill from outside, never as a worker failing on its own.
 */
final class Channel implements WorkerProcess {
  private final int index;
  private final String host;
  private final AgentLink link;
  private final ChunkStream frames = new ChunkStream();
  private final CountDownLatch ended = new CountDownLatch(1);
  private final OutputStream commands = new Commands();
  private volatile String ending;
  private volatile boolean killed;

  Channel(int index, String host, AgentLink link) {
    this.index = index;
    this.host = host;
    this.link = link;
  }

  /** The worker's number, which names the channel on the link. */
  int index() {
    return index;
  }

  /** Bytes of the worker's stdout arrived. */
  void deliver(byte[] bytes) {
    frames.add(bytes);
  }

  /** The agent says the worker ended. */
  void exited(String description, boolean killedBySignal) {
    end(description + " on host " + host, killedBySignal);
  }

  /** The host is lost, and the worker with it. */
  void hostLost(String why) {
    end("lost with host " + host + ": " + why, true);
  }

  private synchronized void end(String description, boolean bySignal) {
    if (ended.getCount() == 0) {
      return;
    }
    ending = description;
    killed = bySignal;
    frames.end();
    ended.countDown();
  }

  /** Whether the worker has ended. */
  boolean hasEnded() {
    return ended.getCount() == 0;
  }

  @Override
  public InputStream frames() {
    return frames;
  }

  @Override
  public OutputStream commands() {
    return commands;
  }

  @Override
  public boolean awaitExit(Duration timeout) throws InterruptedException {
    return ended.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public void kill() {
    try {
      link.send(new Kill(index));
    } catch (IOException e) {
      // The host is gone, and the worker with it.
    }
  }

  @Override
  public String exitDescription() {
    return hasEnded() ? ending : "running on host " + host;
  }

  @Override
  public boolean killedBySignal() {
    return hasEnded() && killed;
  }

  /** The worker's stdin: each write goes out as one frame of the link. */
  private final class Commands extends OutputStream {
    private boolean closed;

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (closed) {
        throw new IOException("Stream closed");
      }
      if (hasEnded()) {
        throw new IOException("Broken pipe: worker " + index + " " + ending);
      }
      link.send(new Data(index, Arrays.copyOfRange(b, off, off + len)));
    }

    @Override
    public void close() throws IOException {
      if (!closed) {
        closed = true;
        link.send(new Close(index));
      }
    }
  }
}
