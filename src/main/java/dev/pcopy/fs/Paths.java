package dev.pcopy.fs;

import java.util.Arrays;

/**
 * The few operations on whole paths, which only the arguments the user typed get: looking them up
 * as the kernel does, links included, and reading back where a handle really is.
 */
public final class Paths {
  private Paths() {}

  /**
   * Returns the status of the path {@code path} (absolute, or relative to the working directory),
   * following a final symbolic link only if {@code follow}; null if it does not exist.
   */
  public static Stat statIfExists(byte[] path, boolean follow) throws SysException {
    long[] f = new long[Stat.FIELDS];
    int r = Native.stat(Native.AT_FDCWD, path, follow ? 0 : Native.AT_SYMLINK_NOFOLLOW, f);
    if (r == -Errno.ENOENT) {
      return null;
    }
    SysException.check(r, follow ? "stat" : "lstat");
    return Stat.fromFields(f);
  }

  /**
   * Returns the absolute path, without symbolic links, of what {@code handle} is open on, as the
   * kernel names it in {@code /proc/self/fd}.
   */
  public static byte[] realPath(Handle handle) throws SysException {
    byte[] buf = new byte[4096];
    byte[] proc = ("/proc/self/fd/" + handle.fd).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    int n = SysException.check(Native.readlinkat(Native.AT_FDCWD, proc, buf), "readlink");
    return Arrays.copyOf(buf, n);
  }

  /**
   * Opens what {@code path} names, following links as any program does, without reading it
   * ({@code O_PATH}): to learn where a file argument really is.
   */
  public static FileHandle openEntry(byte[] path) throws SysException {
    return new FileHandle(SysException.check(Native.openat(Native.AT_FDCWD, path, Native.O_PATH,
        0), "open"));
  }

  /**
   * Creates the directory {@code path} and its missing parents, as {@code mkdir -p} does,
   * following links in the path as the user wrote it.
   */
  public static void makeDirectories(byte[] path) throws SysException {
    makeDirectories(path, 0777);
  }

  /**
   * As {@link #makeDirectories(byte[])}, the last directory made with {@code mode} (and the
   * umask): a copy's top directory is made for its owner alone until it gets its source's mode
   * at the end, as {@code cp -a} makes it, so that nobody else can put anything in it meanwhile.
   */
  public static void makeDirectories(byte[] path, int mode) throws SysException {
    Stat existing = statIfExists(path, true);
    if (existing != null) {
      if (!existing.isDirectory()) {
        throw new SysException(Errno.ENOTDIR, "mkdir");
      }
      return;
    }
    byte[] parent = Names.parent(path);
    if (!Arrays.equals(parent, path) && !(parent.length == 1 && parent[0] == '.')) {
      makeDirectories(parent);
    }
    int r = Native.mkdirat(Native.AT_FDCWD, path, mode);
    if (r != -Errno.EEXIST) {
      SysException.check(r, "mkdir");
    }
  }
}
