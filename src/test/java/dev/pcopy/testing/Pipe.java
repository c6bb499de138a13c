package dev.pcopy.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;

/**
 * An in-memory pipe with the semantics of an OS pipe: the reader sees end of stream once the
 * writer closes and the buffer is drained, and the writer gets "Broken pipe" once the reader
 * closes.
 *
 * <p>Written instead of using {@link java.io.PipedInputStream}, which waits in one-second steps
 * and reports "Write end dead" whenever the thread that last wrote has ended, so an in-process
 * worker whose copier thread finishes would look broken to the coordinator.
 */
public final class Pipe {
  private final byte[] buffer;
  private int head;
  private int count;
  private boolean writerClosed;
  private boolean readerClosed;
  private final InputStream input = new Input();
  private final OutputStream output = new Output();

  /** Creates a pipe holding up to {@code capacity} unread bytes. */
  public Pipe(int capacity) {
    this.buffer = new byte[capacity];
  }

  /** Returns the reading end. */
  public InputStream input() {
    return input;
  }

  /** Returns the writing end. */
  public OutputStream output() {
    return output;
  }

  private synchronized int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (true) {
      if (readerClosed) {
        throw new IOException("Pipe closed");
      }
      if (count > 0) {
        break;
      }
      if (writerClosed) {
        return -1;
      }
      await();
    }
    int n = Math.min(len, count);
    for (int i = 0; i < n; i++) {
      b[off + i] = buffer[(head + i) % buffer.length];
    }
    head = (head + n) % buffer.length;
    count -= n;
    notifyAll();
    return n;
  }

  private synchronized void write(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      if (writerClosed) {
        throw new IOException("Pipe closed");
      }
      if (readerClosed) {
        throw new IOException("Broken pipe");
      }
      if (count == buffer.length) {
        await();
        continue;
      }
      int n = Math.min(len, buffer.length - count);
      for (int i = 0; i < n; i++) {
        buffer[(head + count + i) % buffer.length] = b[off + i];
      }
      count += n;
      off += n;
      len -= n;
      notifyAll();
    }
  }

  private synchronized void closeReader() {
    readerClosed = true;
    notifyAll();
  }

  private synchronized void closeWriter() {
    writerClosed = true;
    notifyAll();
  }

  private void await() throws InterruptedIOException {
    try {
      wait();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting on a pipe");
    }
  }

  private final class Input extends InputStream {
    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = Pipe.this.read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return Pipe.this.read(b, off, len);
    }

    @Override
    public void close() {
      closeReader();
    }
  }

  private final class Output extends OutputStream {
    @Override
    public void write(int b) throws IOException {
      Pipe.this.write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      Pipe.this.write(b, off, len);
    }

    @Override
    public void close() {
      closeWriter();
    }
  }
}
