package dev.pcopy.select;

/**
 * A compiled pattern, matched against an entry's path below SRC ({@code a/b/c.log}: no leading
 * slash, '/' between components).
 *
 * <p>A pattern is a list of {@link Segment}s, one for each component, where {@code **} stands
 * for any number of components. A pattern without a '/' (apart from a trailing one) matches the
 * last component only, at any depth; any other pattern is anchored at SRC's top. A trailing '/'
 * makes it match directories only.
 */
final class PathPattern {
  private final Segment[] segments;
  private final boolean nameOnly;
  private final boolean directoryOnly;
  private final String shown;

  /**
   * @param segments one per component; {@link Segment#DEEP} for any number of them
   * @param nameOnly match {@code segments[0]} against the last component only
   * @param directoryOnly match directories only
   * @param shown the pattern as typed, for messages and {@link #toString}
   */
  PathPattern(Segment[] segments, boolean nameOnly, boolean directoryOnly, String shown) {
    this.segments = segments;
    this.nameOnly = nameOnly;
    this.directoryOnly = directoryOnly;
    this.shown = shown;
  }

  /** Compiles {@code text}; see {@link PatternCompiler}. */
  static PathPattern compile(byte[] text) throws BadPatternException {
    return PatternCompiler.compile(text);
  }

  /**
   * Whether the pattern matches {@code path}.
   *
   * @param path a path below SRC, not empty, without a leading or trailing '/'
   * @param nameStart where its last component starts (after the last '/', or 0); computed once
   *     by the caller for all the rules it asks
   * @param isDirectory whether the entry is a directory
   */
  boolean matches(byte[] path, int nameStart, boolean isDirectory) {
    if (directoryOnly && !isDirectory) {
      return false;
    }
    if (nameOnly) {
      return segments[0].matches(path, nameStart, path.length);
    }
    return matchesComponents(path);
  }

  /**
   * Matches segments against components as a glob matches bytes, with {@code **} as the star:
   * on a mismatch the last {@code **} takes one more component and matching resumes after it.
   */
  private boolean matchesComponents(byte[] path) {
    int len = path.length;
    int seg = 0;
    int pos = 0;
    int deepSeg = -1;
    int deepPos = 0;
    while (pos <= len) {
      if (seg < segments.length && segments[seg].isDeep()) {
        deepSeg = seg++;
        deepPos = pos;
        continue;
      }
      int end = componentEnd(path, pos);
      if (seg < segments.length && segments[seg].matches(path, pos, end)) {
        seg++;
        pos = end + 1;
      } else if (deepSeg >= 0) {
        deepPos = componentEnd(path, deepPos) + 1;
        pos = deepPos;
        seg = deepSeg + 1;
      } else {
        return false;
      }
    }
    while (seg < segments.length && segments[seg].isDeep()) {
      seg++;
    }
    return seg == segments.length;
  }

  private static int componentEnd(byte[] path, int from) {
    int i = from;
    while (i < path.length && path[i] != '/') {
      i++;
    }
    return i;
  }

  @Override
  public String toString() {
    return shown;
  }
}
