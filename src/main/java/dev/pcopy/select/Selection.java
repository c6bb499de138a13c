package dev.pcopy.select;

import java.util.List;

/**
 * Decides, entry by entry, what a copy takes from SRC: the {@code --exclude}/{@code --include}
 * rules (first match wins; no match includes), the {@code --files-from} list and the size
 * limits. Immutable, so one instance may serve several walking threads.
 *
 * <p>The walker calls {@link #decide} for every entry it meets below SRC and skips the
 * {@link Verdict#EXCLUDE}d ones; an excluded directory is not walked. Matching allocates
 * nothing, and a selection with no options at all says so through {@link #selectsEverything}.
 */
public final class Selection {
  private static final Selection EVERYTHING = new Selection(List.of(), null, 0, Long.MAX_VALUE);

  private final Rule[] rules;
  private final Listing listing;
  private final long minSize;
  private final long maxSize;

  Selection(List<Rule> rules, Listing listing, long minSize, long maxSize) {
    this.rules = rules.toArray(new Rule[0]);
    this.listing = listing;
    this.minSize = minSize;
    this.maxSize = maxSize;
  }

  /** The selection of a copy without selection options: every entry is included. */
  public static Selection everything() {
    return EVERYTHING;
  }

  /** Starts a selection from option values given in command-line order. */
  public static SelectionBuilder builder() {
    return new SelectionBuilder();
  }

  /** Whether every entry is included, so that the walker need not ask. */
  public boolean selectsEverything() {
    return rules.length == 0 && listing == null && minSize == 0 && maxSize == Long.MAX_VALUE;
  }

  /**
   * Decides about one entry.
   *
   * <p>An entry is included when all three agree: it is listed by {@code --files-from} (or
   * inside a listed directory, or on the way to a listed path; without {@code --files-from},
   * always); the first rule that matches it is an include, or none matches; and, for a regular
   * file, its size is within {@code --min-size} and {@code --max-size} (both inclusive).
   *
   * @param relativePath the entry's path below SRC, e.g. {@code a/b/c.log}: no leading or
   *     trailing '/'. The empty path is SRC itself, which rules never exclude: it is
   *     {@link Verdict#INCLUDE}d, or under {@code --files-from} {@link Verdict#PASS_THROUGH},
   *     unless the list names {@code .}.
   * @param kind what the entry is (after following a link, when links are followed)
   * @param size its size in bytes; looked at for {@link EntryKind#REGULAR_FILE} only
   */
  public Verdict decide(byte[] relativePath, EntryKind kind, long size) {
    Listing.Place place = listing == null ? Listing.Place.LISTED : listing.place(relativePath);
    if (relativePath.length == 0) {
      return place == Listing.Place.LISTED ? Verdict.INCLUDE : Verdict.PASS_THROUGH;
    }
    if (place == Listing.Place.OUTSIDE
        || (place == Listing.Place.ON_THE_WAY && kind != EntryKind.DIRECTORY)) {
      return Verdict.EXCLUDE;
    }
    if (!rulesInclude(relativePath, kind == EntryKind.DIRECTORY)) {
      return Verdict.EXCLUDE;
    }
    if (kind == EntryKind.REGULAR_FILE && (size < minSize || size > maxSize)) {
      return Verdict.EXCLUDE;
    }
    return place == Listing.Place.ON_THE_WAY ? Verdict.PASS_THROUGH : Verdict.INCLUDE;
  }

  /**
   * Returns the names of the children of a {@link Verdict#PASS_THROUGH} directory that the walk
   * must visit: those listed by {@code --files-from} or on the way to a listed path, sorted by
   * unsigned bytes. A walker may look up just these names instead of listing the directory; a
   * name that does not exist was listed but is missing. Empty for any other directory, and
   * without {@code --files-from}.
   *
   * @param directoryPath the directory's path below SRC; empty for SRC itself
   */
  public List<byte[]> listedChildren(byte[] directoryPath) {
    if (listing == null || listing.place(directoryPath) != Listing.Place.ON_THE_WAY) {
      return List.of();
    }
    return listing.children(directoryPath);
  }

  /**
   * Returns the paths {@code --files-from} lists strictly below {@code path}, sorted by unsigned
   * bytes: where {@code path} turns out not to be a directory (a symbolic link, which the walk
   * does not follow, or a file), none of them can be reached. Empty without {@code --files-from}.
   *
   * @param path an entry's path below SRC
   */
  public List<byte[]> listedBelow(byte[] path) {
    return listing == null ? List.of() : listing.below(path);
  }

  private boolean rulesInclude(byte[] path, boolean isDirectory) {
    if (rules.length == 0) {
      return true;
    }
    int nameStart = path.length;
    while (nameStart > 0 && path[nameStart - 1] != '/') {
      nameStart--;
    }
    for (Rule rule : rules) {
      if (rule.pattern().matches(path, nameStart, isDirectory)) {
        return rule.include();
      }
    }
    return true;
  }
}
