package dev.pcopy.job;

/**
 * The destination refuses every write (read-only, full, over quota) before the run could write
 * anything; exit code 1, since the input is fine and the same command works on another day.
 */
public final class TargetRefusedException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; the message names the path and the system's reason. */
  public TargetRefusedException(String message) {
    super(message);
  }
}
