package dev.pcopy.select;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Compiles one '/'-free piece of a pattern into a {@link Segment}: {@code *} is any run of
 * bytes, {@code ?} one byte, {@code [...]} one byte of a set, {@code \} makes the next byte
 * literal, and any other byte stands for itself. Consecutive stars are one star, so
 * {@code a**b} is {@code a*b}, as in gitignore.
 */
final class SegmentCompiler {
  /** Shared by every {@code ?}: all bytes but '/'. */
  private static final boolean[] ANY_BYTE = anyByte();

  private SegmentCompiler() {}

  /** One position of a piece: a literal byte, a set of bytes, or a star (neither). */
  private record Atom(int literal, boolean[] set) {
    static final Atom STAR = new Atom(-1, null);

    boolean isStar() {
      return literal < 0 && set == null;
    }

    boolean isLiteral() {
      return literal >= 0;
    }
  }

  /** Compiles {@code p[from, to)}, which holds no '/'. */
  static Segment compile(byte[] p, int from, int to) throws BadPatternException {
    List<Atom> atoms = parse(p, from, to);
    int stars = 0;
    for (Atom a : atoms) {
      stars += a.isStar() ? 1 : 0;
    }
    boolean noSets = atoms.stream().allMatch(a -> a.isLiteral() || a.isStar());
    int n = atoms.size();
    if (noSets && stars == 0) {
      return Segment.literal(literals(atoms, 0, n));
    }
    if (noSets && stars == 1 && n == 1) {
      return Segment.ANY;
    }
    if (noSets && stars == 1 && atoms.get(0).isStar()) {
      return Segment.suffix(literals(atoms, 1, n));
    }
    if (noSets && stars == 1 && atoms.get(n - 1).isStar()) {
      return Segment.prefix(literals(atoms, 0, n - 1));
    }
    boolean[][] positions = new boolean[n][];
    for (int i = 0; i < n; i++) {
      Atom a = atoms.get(i);
      positions[i] = a.isStar() ? null : a.isLiteral() ? single(a.literal()) : a.set();
    }
    return Segment.glob(positions);
  }

  private static List<Atom> parse(byte[] p, int from, int to) throws BadPatternException {
    List<Atom> atoms = new ArrayList<>(to - from);
    int i = from;
    while (i < to) {
      byte b = p[i];
      if (b == '\\') {
        if (i + 1 >= to) {
          throw new BadPatternException("'\\' at the end escapes nothing");
        }
        atoms.add(new Atom(p[i + 1] & 0xff, null));
        i += 2;
      } else if (b == '*') {
        if (atoms.isEmpty() || !atoms.get(atoms.size() - 1).isStar()) {
          atoms.add(Atom.STAR);
        }
        i++;
      } else if (b == '?') {
        atoms.add(new Atom(-1, ANY_BYTE));
        i++;
      } else if (b == '[') {
        BracketParser.Parsed bracket = BracketParser.parse(p, i, to);
        atoms.add(new Atom(-1, bracket.members()));
        i = bracket.end();
      } else {
        atoms.add(new Atom(b & 0xff, null));
        i++;
      }
    }
    return atoms;
  }

  private static byte[] literals(List<Atom> atoms, int from, int to) {
    byte[] bytes = new byte[to - from];
    for (int i = from; i < to; i++) {
      bytes[i - from] = (byte) atoms.get(i).literal();
    }
    return bytes;
  }

  private static boolean[] single(int b) {
    boolean[] set = new boolean[256];
    set[b] = true;
    return set;
  }

  private static boolean[] anyByte() {
    boolean[] set = new boolean[256];
    Arrays.fill(set, true);
    set['/'] = false;
    return set;
  }
}
