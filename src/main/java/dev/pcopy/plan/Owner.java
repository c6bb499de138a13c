package dev.pcopy.plan;

/**
 * The numeric owner and group of an entry.
 *
 * @param uid user id
 * @param gid group id
 */
public record Owner(int uid, int gid) {
  /**
   * Stands for an owner that was not read; a copy keeps whatever owner it gets. (-1 is what
   * {@code chown} takes as "leave unchanged", so no file has it.)
   */
  public static final Owner UNKNOWN = new Owner(-1, -1);

  /** Returns whether this owner was read from a file. */
  public boolean isKnown() {
    return !equals(UNKNOWN);
  }
}
