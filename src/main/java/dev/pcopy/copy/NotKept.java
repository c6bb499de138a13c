package dev.pcopy.copy;

/**
 * The text of what an entry's copy could not keep ("modification time ...; ACL ..."), put
 * together from its parts, each of which may be empty.
 */
final class NotKept {
  private NotKept() {}

  /** {@code a} and {@code b} as one text, either of which may be empty. */
  static String join(String a, String b) {
    return a.isEmpty() ? b : b.isEmpty() ? a : a + "; " + b;
  }
}
