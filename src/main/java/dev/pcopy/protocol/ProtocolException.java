package dev.pcopy.protocol;

import java.io.IOException;

/** A frame that cannot be decoded: truncated, oversized, unknown type or wrong version. */
public final class ProtocolException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming what was wrong. */
  public ProtocolException(String message) {
    super(message);
  }
}
