package dev.pcopy.select;

/**
 * A selection option that cannot be used: a bad pattern, an unreadable or malformed list file, a
 * size that cannot be read. The message is one line that names the option, the file and line
 * where there is one, the value and the problem, ready to print after {@code pcopy: }.
 */
public final class SelectionException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with its one-line message. */
  public SelectionException(String message) {
    super(message);
  }
}
