package dev.pcopy.select;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a pattern's bytes into a {@link PathPattern}, with gitignore's rules for slashes and
 * {@code **}.
 *
 * <ul>
 *   <li>A trailing '/' means directories only, and is then dropped.
 *   <li>A leading '/', or a '/' in the middle, anchors the pattern at SRC's top; without one the
 *       pattern matches a name at any depth.
 *   <li>{@code **} as a whole component: leading ({@code **}/x) and inner (a/{@code **}/b) match
 *       zero or more directories; trailing (a/{@code **}) matches everything inside a, not a
 *       itself. A trailing {@code ***} (a/{@code ***}, from rsync) matches a and everything
 *       inside it. Elsewhere {@code **} is a plain {@code *}.
 * </ul>
 *
 * <p>Runs of '/' count as one, as they do in a path. A backslash cannot escape '/': no name
 * holds one, so such a pattern could never match and is refused instead.
 */
final class PatternCompiler {
  private PatternCompiler() {}

  static PathPattern compile(byte[] text) throws BadPatternException {
    checkEscapes(text);
    int start = 0;
    int end = text.length;
    boolean directoryOnly = false;
    while (end > start && text[end - 1] == '/') {
      directoryOnly = true;
      end--;
    }
    boolean anchored = false;
    while (start < end && text[start] == '/') {
      anchored = true;
      start++;
    }
    if (start == end) {
      throw new BadPatternException(text.length == 0 ? "empty pattern" : "no name in it");
    }
    List<int[]> pieces = split(text, start, end);
    anchored |= pieces.size() > 1;
    List<Segment> segments = new ArrayList<>();
    for (int i = 0; i < pieces.size(); i++) {
      int from = pieces.get(i)[0];
      int to = pieces.get(i)[1];
      boolean last = i == pieces.size() - 1 && pieces.size() > 1;
      if (is(text, from, to, "**")) {
        if (last) {
          // Trailing "/**": everything inside, so at least one component more.
          segments.add(Segment.ANY);
        }
        addDeep(segments);
      } else if (last && is(text, from, to, "***")) {
        addDeep(segments);
      } else {
        segments.add(SegmentCompiler.compile(text, from, to));
      }
    }
    boolean nameOnly = !anchored && !segments.get(0).isDeep();
    return new PathPattern(segments.toArray(new Segment[0]), nameOnly, directoryOnly,
        Shown.bytes(text));
  }

  private static void checkEscapes(byte[] text) throws BadPatternException {
    for (int i = 0; i < text.length; i++) {
      if (text[i] == '\\') {
        if (i + 1 == text.length) {
          throw new BadPatternException("'\\' at the end escapes nothing");
        }
        if (text[i + 1] == '/') {
          throw new BadPatternException("'\\/': no name holds a '/', so it cannot be escaped");
        }
        i++;
      }
    }
  }

  /** The non-empty runs between slashes in {@code text[start, end)}, as {from, to} pairs. */
  private static List<int[]> split(byte[] text, int start, int end) {
    List<int[]> pieces = new ArrayList<>();
    int from = start;
    for (int i = start; i <= end; i++) {
      if (i == end || text[i] == '/') {
        if (i > from) {
          pieces.add(new int[] {from, i});
        }
        from = i + 1;
      }
    }
    return pieces;
  }

  private static void addDeep(List<Segment> segments) {
    if (segments.isEmpty() || !segments.get(segments.size() - 1).isDeep()) {
      segments.add(Segment.DEEP);
    }
  }

  private static boolean is(byte[] text, int from, int to, String piece) {
    if (to - from != piece.length()) {
      return false;
    }
    for (int i = 0; i < piece.length(); i++) {
      if (text[from + i] != piece.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
