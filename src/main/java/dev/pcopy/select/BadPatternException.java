package dev.pcopy.select;

/**
 * A pattern that cannot be compiled; the message names only the problem ({@code unclosed '['}),
 * and the caller adds the option, file and line it came from.
 */
final class BadPatternException extends Exception {
  private static final long serialVersionUID = 1L;

  BadPatternException(String problem) {
    super(problem);
  }
}
