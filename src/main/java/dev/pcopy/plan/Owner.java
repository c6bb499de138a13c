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
    return uid != -1 || gid != -1;
  }

  /**
   * Returns whether {@code other} has the same ids. Compared field by field because a record's
   * own {@code equals} is bootstrapped through method handles on first use, which costs a
   * short-lived worker tens of milliseconds.
   */
  public boolean sameAs(Owner other) {
    return uid == other.uid && gid == other.gid;
  }
}
