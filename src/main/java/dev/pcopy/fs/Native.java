package dev.pcopy.fs;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The system calls of {@code src/main/c/pcopy_native.c}, one Java method each. Every call returns
 * its result, or the error number negated; {@link SysException#check} turns the latter into an
 * exception where the caller wants one.
 *
 * <p>The library is found through the system property {@code pcopy.native} (the launcher sets it
 * to the install's {@code lib/libpcopy.so}, and hands it on to the workers), else beside the jar
 * this class was loaded from.
 */
final class Native {
  /** The system property naming the library. */
  static final String LIBRARY_PROPERTY = "pcopy.native";
  private static final String LIBRARY_FILE = "libpcopy.so";

  static final int O_RDONLY;
  static final int O_WRONLY;
  static final int O_RDWR;
  static final int O_CREAT;
  static final int O_EXCL;
  static final int O_NOFOLLOW;
  static final int O_DIRECTORY;
  static final int O_NONBLOCK;
  static final int O_NOCTTY;
  static final int O_PATH;
  static final int AT_FDCWD;
  static final int AT_SYMLINK_NOFOLLOW;
  static final int AT_REMOVEDIR;
  static final int AT_EACCESS;
  static final int RENAME_NOREPLACE;
  static final int SEEK_DATA;
  static final int SEEK_HOLE;
  static final int XATTR_CREATE;
  static final int O_TRUNC;

  static {
    System.load(library().toString());
    int[] c = constants();
    O_RDONLY = c[0];
    O_WRONLY = c[1];
    O_RDWR = c[2];
    O_CREAT = c[3];
    O_EXCL = c[4];
    O_NOFOLLOW = c[5];
    O_DIRECTORY = c[6];
    O_NONBLOCK = c[7];
    O_NOCTTY = c[8];
    O_PATH = c[9];
    AT_FDCWD = c[10];
    AT_SYMLINK_NOFOLLOW = c[11];
    AT_REMOVEDIR = c[12];
    AT_EACCESS = c[13];
    RENAME_NOREPLACE = c[14];
    SEEK_DATA = c[15];
    SEEK_HOLE = c[16];
    XATTR_CREATE = c[17];
    O_TRUNC = c[18];
  }

  private Native() {}

  /** Loads the library now, so that a missing one is reported before any work starts. */
  static void load() {
    // The static initializer did it.
  }

  private static Path library() {
    String named = System.getProperty(LIBRARY_PROPERTY);
    if (named != null && !named.isEmpty()) {
      return Path.of(named);
    }
    try {
      Path jar = Path.of(Native.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path beside = jar.resolveSibling(LIBRARY_FILE);
      if (Files.exists(beside)) {
        return beside;
      }
      // Built but not packaged (target/classes): the build puts the library in target/native.
      Path built = jar.resolveSibling("native").resolve(LIBRARY_FILE);
      if (Files.exists(built)) {
        return built;
      }
      return beside;
    } catch (Exception e) {
      throw new UnsatisfiedLinkError("cannot find " + LIBRARY_FILE + ": " + e.getMessage());
    }
  }

  static native int[] constants();

  static native int openat(int dirfd, byte[] name, int flags, int mode);

  static native int close(int fd);

  /** Fills {@code out} with the fields listed in {@link Stat#fromFields}; name null: dirfd. */
  static native int stat(int dirfd, byte[] name, int flags, long[] out);

  static native int mkdirat(int dirfd, byte[] name, int mode);

  static native int renameat2(int fromDir, byte[] from, int toDir, byte[] to, int flags);

  static native int unlinkat(int dirfd, byte[] name, int flags);

  static native int symlinkat(byte[] target, int dirfd, byte[] name);

  /** Returns the length of the link text written to {@code buf}; name null: dirfd itself. */
  static native int readlinkat(int dirfd, byte[] name, byte[] buf);

  static native int linkat(int fromDir, byte[] from, int toDir, byte[] to, int flags);

  static native int mknodat(int dirfd, byte[] name, int mode, long dev);

  /** name null changes dirfd itself. */
  static native int fchownat(int dirfd, byte[] name, int uid, int gid, int flags);

  static native int fchmod(int fd, int mode);

  /** chmod of what fd is open on, an O_PATH descriptor included. */
  static native int chmodOpened(int fd, int mode);

  /** name null sets the times of what dirfd is open on, an O_PATH descriptor included. */
  static native int utimensat(int dirfd, byte[] name, long atime, long atimeNs, long mtime,
      long mtimeNs, int flags);

  static native int futimens(int fd, long atime, long atimeNs, long mtime, long mtimeNs);

  static native int getdents(int fd, ByteBuffer direct, int capacity);

  static native long copyFileRange(int in, long inOffset, int out, long outOffset, long count);

  static native long sendfile(int out, int in, long offset, long count);

  /** pos below 0 reads at the file's position. */
  static native long pread(int fd, ByteBuffer direct, int at, int count, long pos);

  static native long pwrite(int fd, ByteBuffer direct, int at, int count, long pos);

  static native long lseek(int fd, long offset, int whence);

  static native int ftruncate(int fd, long length);

  static native int fsync(int fd);

  /** name null: what fd is open on; else the entry name in directory fd, not followed. */
  static native long listxattr(int fd, byte[] name, byte[] buf);

  static native long getxattr(int fd, byte[] name, byte[] attribute, byte[] buf);

  static native int setxattr(int fd, byte[] name, byte[] attribute, byte[] value);

  static native int removexattr(int fd, byte[] name, byte[] attribute);

  static native int faccessat(int dirfd, byte[] name, int mode, int flags);

  static native long fstatfsType(int fd);

  static native String strerror(int errno);

  /** Effective user, effective group, then the supplementary groups. */
  static native int[] identity();
}
