package dev.pcopy.hosts;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A worker's stdout as it arrives over the link: chunks put by the link's reader, read by the
 * worker's handle. Putting never waits, so one slow reader cannot hold up the other channels.
 */
final class ChunkStream extends InputStream {
  /** Marks the end; compared by identity. */
  private static final byte[] END = new byte[0];

  private final BlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
  private byte[] current = new byte[0];
  private int at;
  private boolean ended;

  /** Adds bytes that arrived. */
  void add(byte[] bytes) {
    chunks.add(bytes);
  }

  /** Ends the stream after what was added. */
  void end() {
    chunks.add(END);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (at == current.length) {
      if (ended) {
        return -1;
      }
      try {
        byte[] next = chunks.take();
        if (next == END) {
          ended = true;
        } else {
          current = next;
          at = 0;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted while waiting for a worker");
      }
    }
    int n = Math.min(len, current.length - at);
    System.arraycopy(current, at, b, off, n);
    at += n;
    return n;
  }

  @Override
  public int available() {
    return current.length - at;
  }
}
