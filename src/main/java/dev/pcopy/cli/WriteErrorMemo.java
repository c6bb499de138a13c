package dev.pcopy.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Passes bytes through and remembers why the first write failed: a {@code PrintStream} keeps
 * only a flag, and the reason decides whether the user is told (a full disk) or not (a reader
 * such as {@code head} that stopped reading, which {@code ls} and {@code cat} die of in silence).
 */
final class WriteErrorMemo extends FilterOutputStream {
  private volatile String firstError;

  WriteErrorMemo(OutputStream out) {
    super(out);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    try {
      out.write(b, off, len);
    } catch (IOException e) {
      remember(e);
      throw e;
    }
  }

  @Override
  public void write(int b) throws IOException {
    try {
      out.write(b);
    } catch (IOException e) {
      remember(e);
      throw e;
    }
  }

  @Override
  public void flush() throws IOException {
    try {
      out.flush();
    } catch (IOException e) {
      remember(e);
      throw e;
    }
  }

  /** Returns the first write error's message, or null if every write succeeded. */
  String firstError() {
    return firstError;
  }

  /** Whether the first write failed because the reading end of a pipe was closed. */
  boolean readerWentAway() {
    return firstError != null && firstError.contains("Broken pipe");
  }

  private void remember(IOException e) {
    if (firstError == null) {
      firstError = String.valueOf(e.getMessage());
    }
  }
}
