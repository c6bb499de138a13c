package dev.pcopy.select;

/** What the walk does with one entry. */
public enum Verdict {
  /** Not copied. A directory is neither created nor walked: nothing below it is looked at. */
  EXCLUDE,
  /** Copied. A directory is created and walked, each entry in it decided on its own. */
  INCLUDE,
  /**
   * A directory on the way to paths named by {@code --files-from}: it is created, and only the
   * children that {@link Selection#listedChildren} names need to be visited (every other child
   * would be {@link #EXCLUDE}d).
   */
  PASS_THROUGH
}
