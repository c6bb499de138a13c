package dev.pcopy.fs;

/** The error numbers pcopy tells apart (Linux's values, the same on every architecture). */
public final class Errno {
  /** Operation not permitted. */
  public static final int EPERM = 1;
  /** No such file or directory. */
  public static final int ENOENT = 2;
  /** Interrupted system call. */
  public static final int EINTR = 4;
  /** Input/output error. */
  public static final int EIO = 5;
  /** Bad file descriptor. */
  public static final int EBADF = 9;
  /** Resource temporarily unavailable. */
  public static final int EAGAIN = 11;
  /** Permission denied. */
  public static final int EACCES = 13;
  /** Device or resource busy. */
  public static final int EBUSY = 16;
  /** File exists. */
  public static final int EEXIST = 17;
  /** Invalid cross-device link. */
  public static final int EXDEV = 18;
  /** Not a directory. */
  public static final int ENOTDIR = 20;
  /** Is a directory. */
  public static final int EISDIR = 21;
  /** Invalid argument. */
  public static final int EINVAL = 22;
  /** Too many open files. */
  public static final int EMFILE = 24;
  /** File too large. */
  public static final int EFBIG = 27;
  /** No space left on device. */
  public static final int ENOSPC = 28;
  /** Illegal seek. */
  public static final int ESPIPE = 29;
  /** Read-only file system. */
  public static final int EROFS = 30;
  /** Too many links. */
  public static final int EMLINK = 31;
  /** Numerical result out of range. */
  public static final int ERANGE = 34;
  /** File name too long. */
  public static final int ENAMETOOLONG = 36;
  /** Function not implemented. */
  public static final int ENOSYS = 38;
  /** Directory not empty. */
  public static final int ENOTEMPTY = 39;
  /** Too many levels of symbolic links. */
  public static final int ELOOP = 40;
  /** No data available (no such extended attribute). */
  public static final int ENODATA = 61;
  /** Stale file handle: the entry is not the one expected. */
  public static final int ESTALE = 116;
  /** Operation not supported. */
  public static final int EOPNOTSUPP = 95;
  /** Disk quota exceeded. */
  public static final int EDQUOT = 122;

  private Errno() {}

  /** Returns the C library's English words for {@code errno}. */
  public static String describe(int errno) {
    return Native.strerror(errno);
  }

  /**
   * Whether {@code errno} says the destination refuses every write, not just this one: its file
   * system is full, the user's quota there is used up, or it is mounted read-only. Every later
   * write would fail alike, so a run stops at the first.
   */
  public static boolean refusesWrites(int errno) {
    return errno == ENOSPC || errno == EDQUOT || errno == EROFS;
  }
}
