package dev.pcopy.job;

/** The source or target is refused before anything is written; exit code 2. */
public final class BadInputException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; the message names the path and the problem. */
  public BadInputException(String message) {
    super(message);
  }
}
