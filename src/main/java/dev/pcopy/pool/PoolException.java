package dev.pcopy.pool;

/** The pool cannot go on: workers cannot be started, or keep dying before they say hello. */
public final class PoolException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message for the user. */
  public PoolException(String message) {
    super(message);
  }
}
