package dev.pcopy.job;

/**
 * The source or target is refused before anything is written; exit code 2. It knows which of
 * the two ends its message is about, so that a program reading the JSON events can tell a bad
 * SRC from a bad DST without parsing the words.
 */
public final class BadInputException extends Exception {
  private static final long serialVersionUID = 1L;

  private final boolean destination;

  /** Creates the exception about SRC; the message names the path and the problem. */
  public BadInputException(String message) {
    this(message, false);
  }

  /**
   * Creates the exception; the message names the path and the problem.
   *
   * @param destination whether the message is about DST (else about SRC)
   */
  public BadInputException(String message, boolean destination) {
    super(message);
    this.destination = destination;
  }

  /** Creates the exception about DST; the message names the path and the problem. */
  static BadInputException ofDestination(String message) {
    return new BadInputException(message, true);
  }

  /** Whether the message is about DST (else about SRC). */
  public boolean destination() {
    return destination;
  }
}
