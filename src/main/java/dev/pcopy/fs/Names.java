package dev.pcopy.fs;

import java.util.Arrays;

/**
 * File names and relative paths as raw bytes: a name is one path component (no {@code /}, not
 * {@code .} or {@code ..}); a relative path is names joined by {@code /}, the empty array being
 * the root itself.
 */
public final class Names {
  /** The relative path of a root. */
  public static final byte[] ROOT = new byte[0];

  private Names() {}

  /** Returns {@code dir/name}, or {@code name} when {@code dir} is the root. */
  public static byte[] join(byte[] dir, byte[] name) {
    if (dir.length == 0) {
      return name;
    }
    byte[] path = Arrays.copyOf(dir, dir.length + 1 + name.length);
    path[dir.length] = '/';
    System.arraycopy(name, 0, path, dir.length + 1, name.length);
    return path;
  }

  /** Returns the number of names in a relative path (0 for the root). */
  public static int depth(byte[] path) {
    if (path.length == 0) {
      return 0;
    }
    int n = 1;
    for (byte b : path) {
      if (b == '/') {
        n++;
      }
    }
    return n;
  }

  /** Returns the last name of a relative or absolute path, without trailing slashes. */
  public static byte[] last(byte[] path) {
    int end = path.length;
    while (end > 1 && path[end - 1] == '/') {
      end--;
    }
    int start = end;
    while (start > 0 && path[start - 1] != '/') {
      start--;
    }
    return Arrays.copyOfRange(path, start, end);
  }

  /**
   * Returns what comes before the last name of a path: {@code a/b} for {@code a/b/c},
   * {@code /} for {@code /c}, {@code .} for {@code c}.
   */
  public static byte[] parent(byte[] path) {
    int end = path.length;
    while (end > 1 && path[end - 1] == '/') {
      end--;
    }
    while (end > 0 && path[end - 1] != '/') {
      end--;
    }
    if (end == 0) {
      return new byte[] {'.'};
    }
    while (end > 1 && path[end - 1] == '/') {
      end--;
    }
    return Arrays.copyOf(path, end);
  }

  /** Whether {@code name} can be one path component: not empty, no '/', not "." or "..". */
  public static boolean isName(byte[] name) {
    if (name.length == 0 || (name.length == 1 && name[0] == '.')
        || (name.length == 2 && name[0] == '.' && name[1] == '.')) {
      return false;
    }
    for (byte b : name) {
      if (b == '/' || b == 0) {
        return false;
      }
    }
    return true;
  }

  /** Compares names byte by byte as unsigned values, as {@code LC_ALL=C ls} sorts them. */
  public static int compare(byte[] a, byte[] b) {
    return Arrays.compareUnsigned(a, b);
  }

  /** Whether {@code name} starts with the ASCII text {@code prefix}. */
  public static boolean startsWith(byte[] name, String prefix) {
    if (name.length < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (name[i] != (byte) prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
