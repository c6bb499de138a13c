package dev.pcopy.select;

import java.util.Arrays;

/**
 * One '/'-free piece of a pattern, matched against one path component (a name), or {@code **},
 * which stands for any number of whole components.
 *
 * <p>The walk asks every rule about every entry, so matching allocates nothing and the common
 * shapes skip the general glob: a plain name ({@code build}), a suffix ({@code *.log}), a prefix
 * ({@code core.*}) and a lone {@code *} are compared directly.
 */
final class Segment {
  /** How this segment matches; all but {@link #GLOB} are shortcuts. */
  enum Kind { DEEP, ANY, LITERAL, PREFIX, SUFFIX, GLOB }

  /** {@code **}: zero or more whole components, matched by {@link PathPattern}. */
  static final Segment DEEP = new Segment(Kind.DEEP, null, null);
  /** {@code *}: any one component. */
  static final Segment ANY = new Segment(Kind.ANY, null, null);

  private final Kind kind;
  private final byte[] literal;
  /** For {@link Kind#GLOB}: per position the set of bytes it matches, {@code null} for a star. */
  private final boolean[][] positions;

  private Segment(Kind kind, byte[] literal, boolean[][] positions) {
    this.kind = kind;
    this.literal = literal;
    this.positions = positions;
  }

  static Segment literal(byte[] name) {
    return new Segment(Kind.LITERAL, name, null);
  }

  /** A segment matching names that start with {@code start}: {@code start*}. */
  static Segment prefix(byte[] start) {
    return new Segment(Kind.PREFIX, start, null);
  }

  /** A segment matching names that end with {@code end}: {@code *end}. */
  static Segment suffix(byte[] end) {
    return new Segment(Kind.SUFFIX, end, null);
  }

  /** A general glob; {@code positions} holds a byte set for each fixed byte, null for a star. */
  static Segment glob(boolean[][] positions) {
    return new Segment(Kind.GLOB, null, positions);
  }

  Kind kind() {
    return kind;
  }

  boolean isDeep() {
    return kind == Kind.DEEP;
  }

  /** Whether the name {@code s[from, to)} matches; never called on {@link #DEEP}. */
  boolean matches(byte[] s, int from, int to) {
    switch (kind) {
      case ANY:
        return true;
      case LITERAL:
        return Arrays.equals(s, from, to, literal, 0, literal.length);
      case PREFIX:
        return to - from >= literal.length
            && Arrays.equals(s, from, from + literal.length, literal, 0, literal.length);
      case SUFFIX:
        return to - from >= literal.length
            && Arrays.equals(s, to - literal.length, to, literal, 0, literal.length);
      case GLOB:
        return matchesGlob(s, from, to);
      default:
        throw new IllegalStateException("** is matched by whole components, not as a name");
    }
  }

  /**
   * The classic wildcard match with one backtracking point: on a mismatch only the last star
   * takes one more byte. That is enough because every other position is exactly one byte wide.
   */
  private boolean matchesGlob(byte[] s, int from, int to) {
    int t = 0;
    int p = from;
    int starT = -1;
    int starP = from;
    while (true) {
      if (t < positions.length && positions[t] == null) {
        starT = t++;
        starP = p;
      } else if (t < positions.length && p < to && positions[t][s[p] & 0xff]) {
        t++;
        p++;
      } else if (t == positions.length && p == to) {
        return true;
      } else if (starT >= 0 && starP < to) {
        starP++;
        p = starP;
        t = starT + 1;
      } else {
        return false;
      }
    }
  }
}
