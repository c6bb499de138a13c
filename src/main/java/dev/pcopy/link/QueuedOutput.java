package dev.pcopy.link;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * An output stream written by a thread of its own from a queue, so that whoever writes never
 * waits on the other end: a link whose peer stopped reading (a partitioned host, a stopped
 * worker) must not hold up the thread that notices the silence, nor the other channels.
 *
 * <p>The queue is unbounded; what goes through it is small and paced: tasks handed out a few at
 * a time per worker, progress reports a few a second.
 */
public final class QueuedOutput {
  /** Marks the end; compared by identity, so an empty write is not taken for it. */
  private static final byte[] END = new byte[0];

  private final BlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
  private final OutputStream out;
  private final Thread writer;
  private volatile IOException failure;
  private volatile boolean closed;

  /** Starts the thread, named {@code name}, that writes to {@code out}. */
  public QueuedOutput(OutputStream out, String name) {
    this.out = out;
    writer = new Thread(this::drain, name);
    writer.setDaemon(true);
    writer.start();
  }

  /**
   * Queues {@code bytes}, which must not change afterwards.
   *
   * @throws IOException if the stream is closed, or an earlier write failed
   */
  public void write(byte[] bytes) throws IOException {
    if (failure != null) {
      throw failure;
    }
    if (closed) {
      throw new IOException("Stream closed");
    }
    queue.add(bytes);
  }

  /** Whether nothing waits to be written. */
  public boolean isEmpty() {
    return queue.isEmpty();
  }

  /** Closes the stream once what is queued is written; a second close does nothing. */
  public void close() {
    if (!closed) {
      closed = true;
      queue.add(END);
    }
  }

  /**
   * Closes the stream once what is queued is written, and waits for that up to {@code max}: for
   * a process about to exit, whose last frame (its verdict, say) would otherwise die with the
   * writer thread.
   */
  public void closeAndWait(Duration max) throws InterruptedException {
    close();
    writer.join(Math.max(1, max.toMillis()));
  }

  private void drain() {
    try {
      while (true) {
        byte[] bytes = queue.take();
        if (bytes == END) {
          out.close();
          return;
        }
        out.write(bytes);
        // Flushed when the queue runs dry: a burst goes out in few system calls.
        if (queue.isEmpty()) {
          out.flush();
        }
      }
    } catch (IOException e) {
      failure = e;
      closed = true;
      try {
        out.close();
      } catch (IOException again) {
        // The first failure is the one reported.
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
