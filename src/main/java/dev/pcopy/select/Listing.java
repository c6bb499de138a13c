package dev.pcopy.select;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The paths named by {@code --files-from}, and where any other path stands relative to them.
 *
 * <p>Held as one sorted array of normalized paths: compact for lists of millions of names, and
 * every question is a few binary searches that allocate nothing. All paths that start with
 * {@code d/} sit next to each other in byte order, which answers "does anything listed lie
 * below {@code d}".
 */
final class Listing {
  /** Where a path stands relative to the listed paths. */
  enum Place {
    /** Neither listed, nor inside a listed directory, nor on the way to a listed path. */
    OUTSIDE,
    /** A proper ancestor of a listed path, itself not listed. */
    ON_THE_WAY,
    /** Listed, or inside a listed directory (which is copied whole). */
    LISTED
  }

  private final byte[][] paths;
  private final boolean everything;

  private Listing(byte[][] paths, boolean everything) {
    this.paths = paths;
    this.everything = everything;
  }

  /**
   * Makes the listing of {@code normalized} paths ({@link #normalize}d); an empty one among
   * them names SRC itself, so that everything is listed.
   */
  static Listing of(List<byte[]> normalized) {
    byte[][] sorted = normalized.toArray(new byte[0][]);
    Arrays.sort(sorted, Arrays::compareUnsigned);
    int n = 0;
    for (byte[] p : sorted) {
      if (n == 0 || !Arrays.equals(sorted[n - 1], p)) {
        sorted[n++] = p;
      }
    }
    boolean everything = n > 0 && sorted[0].length == 0;
    return new Listing(Arrays.copyOf(sorted, n), everything);
  }

  /** Whether a raw listed path has a {@code ..} component, which could leave SRC. */
  static boolean climbs(byte[] raw) {
    int from = 0;
    for (int i = 0; i <= raw.length; i++) {
      if (i == raw.length || raw[i] == '/') {
        if (i - from == 2 && raw[from] == '.' && raw[from + 1] == '.') {
          return true;
        }
        from = i + 1;
      }
    }
    return false;
  }

  /**
   * Returns a listed path as a path below SRC: leading {@code /} and {@code ./}, empty and
   * {@code .} components and a trailing {@code /} dropped. {@code .} or {@code /} alone give the
   * empty path, SRC itself.
   */
  static byte[] normalize(byte[] raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
    int from = 0;
    for (int i = 0; i <= raw.length; i++) {
      if (i == raw.length || raw[i] == '/') {
        boolean dot = i - from == 1 && raw[from] == '.';
        if (i > from && !dot) {
          if (out.size() > 0) {
            out.write('/');
          }
          out.write(raw, from, i - from);
        }
        from = i + 1;
      }
    }
    return out.toByteArray();
  }

  /** Where {@code path} (below SRC; empty for SRC itself) stands. */
  Place place(byte[] path) {
    if (everything) {
      return Place.LISTED;
    }
    for (int end = 0; end <= path.length; end++) {
      if (end == path.length || path[end] == '/') {
        if (end > 0 && contains(path, end)) {
          return Place.LISTED;
        }
      }
    }
    return hasBelow(path) ? Place.ON_THE_WAY : Place.OUTSIDE;
  }

  /**
   * Returns the names of the children of the directory {@code dir} that are listed or on the
   * way to a listed path, sorted by unsigned bytes, each once.
   */
  List<byte[]> children(byte[] dir) {
    int start = dir.length == 0 ? 0 : dir.length + 1;
    List<byte[]> names = new ArrayList<>();
    for (int i = dir.length == 0 ? 0 : firstBelow(dir); i < paths.length; i++) {
      byte[] p = paths[i];
      if (dir.length > 0 && !isBelow(p, dir)) {
        break;
      }
      int end = start;
      while (end < p.length && p[end] != '/') {
        end++;
      }
      names.add(Arrays.copyOfRange(p, start, end));
    }
    // "d/x/y" sorts after "d/x-1", so equal names need not be neighbours until sorted.
    names.sort(Arrays::compareUnsigned);
    List<byte[]> distinct = new ArrayList<>(names.size());
    for (byte[] name : names) {
      if (distinct.isEmpty() || !Arrays.equals(distinct.get(distinct.size() - 1), name)) {
        distinct.add(name);
      }
    }
    return distinct;
  }

  /** Returns the listed paths strictly below {@code dir} (SRC itself when empty), sorted. */
  List<byte[]> below(byte[] dir) {
    if (dir.length == 0) {
      return List.of(paths);
    }
    List<byte[]> found = new ArrayList<>();
    for (int i = firstBelow(dir); i < paths.length && isBelow(paths[i], dir); i++) {
      found.add(paths[i]);
    }
    return found;
  }

  /** Whether {@code path[0, len)} is listed. */
  private boolean contains(byte[] path, int len) {
    int lo = 0;
    int hi = paths.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = Arrays.compareUnsigned(paths[mid], 0, paths[mid].length, path, 0, len);
      if (c == 0) {
        return true;
      }
      if (c < 0) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return false;
  }

  /** Whether some listed path lies below {@code dir} (SRC itself when empty). */
  private boolean hasBelow(byte[] dir) {
    if (dir.length == 0) {
      return paths.length > 0;
    }
    int i = firstBelow(dir);
    return i < paths.length && isBelow(paths[i], dir);
  }

  /** The index of the first listed path not sorting before {@code dir + "/"}. */
  private int firstBelow(byte[] dir) {
    int lo = 0;
    int hi = paths.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (compareToChildKey(paths[mid], dir) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Compares {@code p} with {@code dir + "/"} without building that key. */
  private static int compareToChildKey(byte[] p, byte[] dir) {
    int n = Math.min(p.length, dir.length);
    int c = Arrays.compareUnsigned(p, 0, n, dir, 0, n);
    if (c != 0) {
      return c;
    }
    if (p.length <= dir.length) {
      return -1;
    }
    return Integer.compare(p[dir.length] & 0xff, '/');
  }

  static boolean isBelow(byte[] p, byte[] dir) {
    return p.length > dir.length + 1 && p[dir.length] == '/'
        && Arrays.equals(p, 0, dir.length, dir, 0, dir.length);
  }
}
