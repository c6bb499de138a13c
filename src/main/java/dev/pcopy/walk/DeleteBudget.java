package dev.pcopy.walk;

/**
 * How many entries {@code --max-delete} still lets go. The entries deleted during the walk, to
 * copy a source entry in place of a target entry of another kind, are taken from it one
 * replacement at a time, since each is carried out at once; the deletions of what SRC lacks,
 * counted together at the end, get what is left ({@link #remaining}).
 */
public final class DeleteBudget {
  private final long max;
  private long taken;

  /** @param max the most entries that may go, or -1 for no limit */
  public DeleteBudget(long max) {
    this.max = max;
  }

  /** Whether {@code entries} more may go; if so, they are counted as gone. */
  public synchronized boolean take(long entries) {
    if (max >= 0 && taken + entries > max) {
      return false;
    }
    taken += entries;
    return true;
  }

  /** The entries taken so far. */
  public synchronized long taken() {
    return taken;
  }

  /** The entries that may still go, or -1 for no limit. */
  public synchronized long remaining() {
    return max < 0 ? -1 : max - taken;
  }

  /** The limit, or -1 for none. */
  public long max() {
    return max;
  }
}
