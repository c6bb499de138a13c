package dev.pcopy.hosts;

/**
 * The run cannot use its hosts: none passed the checks, or one failed them under
 * {@code --require-all-hosts}. Nothing has been copied.
 */
public final class HostsRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message for the user. */
  public HostsRefusedException(String message) {
    super(message);
  }
}
