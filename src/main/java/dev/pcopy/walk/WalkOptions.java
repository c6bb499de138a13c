package dev.pcopy.walk;

/**
 * How a walk reads the source.
 *
 * @param followLinks follow symbolic links in the tree ({@code -L}): copy what they lead to
 * @param threads how many directories are read at once; one gives the order of a sorted
 *     depth-first listing, which the dry run prints
 * @param dryRun nothing is made, so a directory the run would make has no handle to read
 */
public record WalkOptions(boolean followLinks, int threads, boolean dryRun) {
  /** Checks the thread count. */
  public WalkOptions {
    if (threads < 1) {
      throw new IllegalArgumentException("threads (" + threads + ") must be positive");
    }
  }
}
