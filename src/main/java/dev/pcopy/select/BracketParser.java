package dev.pcopy.select;

import java.nio.charset.StandardCharsets;

/**
 * Parses a bracket expression of a pattern ({@code [abc]}, {@code [a-z]}, {@code [!0-9]},
 * {@code [^.]}, {@code [[:digit:]]}) into the set of bytes it matches.
 *
 * <p>Members are bytes, not characters: a range runs over unsigned byte values, so
 * {@code [\x80-\xff]} written with those raw bytes matches any byte of a non-ASCII name. A
 * {@code ]} right after the opening (or after {@code !}/{@code ^}) is a member, a {@code -}
 * first or last is a member, and a backslash takes the next byte as a member.
 */
final class BracketParser {
  /** The set a bracket expression matches, indexed by unsigned byte, and where it ended. */
  record Parsed(boolean[] members, int end) {}

  private BracketParser() {}

  /**
   * Parses the expression whose {@code [} is at {@code open}, within {@code p[open, to)}.
   *
   * @return the set and the index just after the closing {@code ]}
   */
  static Parsed parse(byte[] p, int open, int to) throws BadPatternException {
    int i = open + 1;
    boolean negate = i < to && (p[i] == '!' || p[i] == '^');
    if (negate) {
      i++;
    }
    boolean[] members = new boolean[256];
    boolean first = true;
    while (true) {
      if (i >= to) {
        throw new BadPatternException("unclosed '['");
      }
      if (p[i] == ']' && !first) {
        break;
      }
      first = false;
      i = member(p, i, to, members);
    }
    if (negate) {
      for (int b = 0; b < 256; b++) {
        members[b] = !members[b];
      }
    }
    // A path component never holds '/', but keep the set honest about it.
    members['/'] = false;
    return new Parsed(members, i + 1);
  }

  /** Adds the member starting at {@code i} (a byte, a range or a class); returns where it ends. */
  private static int member(byte[] p, int i, int to, boolean[] members)
      throws BadPatternException {
    if (p[i] == '[' && i + 1 < to && p[i + 1] == ':') {
      int close = classEnd(p, i + 2, to);
      if (close >= 0) {
        // classEnd accepts only 'a'..'z' in the name, so one byte is one character.
        CharacterClass.add(
            new String(p, i + 2, close - i - 2, StandardCharsets.US_ASCII), members);
        return close + 2;
      }
    }
    int lo = p[i] == '\\' ? escaped(p, i, to) : p[i] & 0xff;
    i += p[i] == '\\' ? 2 : 1;
    if (i + 1 < to && p[i] == '-' && p[i + 1] != ']') {
      i++;
      int hi = p[i] == '\\' ? escaped(p, i, to) : p[i] & 0xff;
      i += p[i] == '\\' ? 2 : 1;
      if (hi < lo) {
        throw new BadPatternException("range '" + Shown.bytes(new byte[] {(byte) lo}) + "-"
            + Shown.bytes(new byte[] {(byte) hi}) + "' ends before it starts");
      }
      for (int b = lo; b <= hi; b++) {
        members[b] = true;
      }
    } else {
      members[lo] = true;
    }
    return i;
  }

  private static int escaped(byte[] p, int backslash, int to) throws BadPatternException {
    if (backslash + 1 >= to) {
      throw new BadPatternException("unclosed '['");
    }
    return p[backslash + 1] & 0xff;
  }

  /** Index of the {@code :]} that closes a {@code [:name:]} starting at {@code from}, or -1. */
  private static int classEnd(byte[] p, int from, int to) {
    for (int i = from; i + 1 < to; i++) {
      if (p[i] == ':' && p[i + 1] == ']') {
        return i;
      }
      if (p[i] < 'a' || p[i] > 'z') {
        return -1;
      }
    }
    return -1;
  }
}
