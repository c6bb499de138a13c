package dev.pcopy.hosts;

/**
 * A host to run workers on.
 *
 * @param name what the launcher template's {@code {host}} becomes
 * @param workers most workers at once on it
 */
public record Host(String name, int workers) {
  /** Checks the values. */
  public Host {
    if (name.isEmpty() || name.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("host name (\"" + name + "\") must be one word");
    }
    if (workers < 1) {
      throw new IllegalArgumentException("workers (" + workers + ") on " + name
          + " must be positive");
    }
  }
}
