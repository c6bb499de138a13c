package dev.pcopy.fs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An open directory, and every operation on the entries in it by their names: a name is one path
 * component, looked up in this very directory and never followed if it is a symbolic link
 * (unless a method says so). Whatever another process does to the paths above (renames a
 * directory away, puts a link in its place), an operation through a handle stays in the
 * directory the handle was opened on.
 *
 * <p>Only {@link #open} takes a whole path: the one the user named as SRC or DST, resolved as
 * the kernel resolves any path, links included. Everything below it is reached one name at a
 * time from there.
 */
public final class DirHandle extends Handle {
  private static final int LIST_BUFFER = 64 << 10;
  private static final ThreadLocal<ByteBuffer> LIST = ThreadLocal.withInitial(
      () -> ByteBuffer.allocateDirect(LIST_BUFFER).order(ByteOrder.nativeOrder()));
  private static final byte[] DOT = {'.'};
  private static final byte[] DOT_DOT = {'.', '.'};

  /** Whether it can be listed and read ({@code O_RDONLY}), or only used to reach names. */
  private final boolean readable;

  private DirHandle(int fd, boolean readable) {
    super(fd);
    this.readable = readable;
  }

  /** Loads the native library, so that a broken install fails before any work starts. */
  public static void loadLibrary() {
    Native.load();
  }

  /**
   * Opens the directory at {@code path}, a path as the user gave it (absolute, or relative to
   * the working directory), following symbolic links in it as any program does.
   */
  public static DirHandle open(byte[] path) throws SysException {
    return opened(Native.AT_FDCWD, path, 0, "open");
  }

  /**
   * Opens the subdirectory {@code name}; fails with {@link Errno#ENOTDIR} or
   * {@link Errno#ELOOP} if it is not a directory, a symbolic link to one included.
   */
  public DirHandle openDirectory(byte[] name) throws SysException {
    return opened(fd, name, Native.O_NOFOLLOW, "openat");
  }

  /** Opens the subdirectory {@code name}, following it if it is a symbolic link ({@code -L}). */
  public DirHandle openDirectoryFollowing(byte[] name) throws SysException {
    return opened(fd, name, 0, "openat");
  }

  /**
   * A directory this process may not read (a drop box, mode 0300) can still hold new entries:
   * it is then opened for reaching its names only ({@code O_PATH}).
   */
  private static DirHandle opened(int dirfd, byte[] name, int extra, String call)
      throws SysException {
    int r = Native.openat(dirfd, name, Native.O_RDONLY | Native.O_DIRECTORY | Native.O_NOCTTY
        | extra, 0);
    if (r == -Errno.EACCES) {
      int p = Native.openat(dirfd, name, Native.O_PATH | Native.O_DIRECTORY | extra, 0);
      if (p >= 0) {
        return new DirHandle(p, false);
      }
    }
    return new DirHandle(SysException.check(r, call), true);
  }

  /** Whether this directory can be listed (it was opened for reading). */
  public boolean readable() {
    return readable;
  }

  /** Returns the status of {@code name}, not following a link; fails if it does not exist. */
  public Stat stat(byte[] name) throws SysException {
    long[] f = new long[Stat.FIELDS];
    SysException.check(Native.stat(fd, name, Native.AT_SYMLINK_NOFOLLOW, f), "lstat");
    return Stat.fromFields(f);
  }

  /** Returns the status of {@code name}, not following a link, or null if it does not exist. */
  public Stat statIfExists(byte[] name) throws SysException {
    long[] f = new long[Stat.FIELDS];
    int r = Native.stat(fd, name, Native.AT_SYMLINK_NOFOLLOW, f);
    if (r == -Errno.ENOENT) {
      return null;
    }
    SysException.check(r, "lstat");
    return Stat.fromFields(f);
  }

  /** Returns the status of what {@code name} leads to, following links ({@code -L}). */
  public Stat statFollowing(byte[] name) throws SysException {
    long[] f = new long[Stat.FIELDS];
    SysException.check(Native.stat(fd, name, 0, f), "stat");
    return Stat.fromFields(f);
  }

  /**
   * Opens the file {@code name} for reading. Never blocks on a FIFO (the caller checks what it
   * opened) and never makes a terminal the process's own; follows a symbolic link only if
   * {@code follow}.
   */
  public FileHandle openRead(byte[] name, boolean follow) throws SysException {
    int flags = Native.O_RDONLY | Native.O_NONBLOCK | Native.O_NOCTTY
        | (follow ? 0 : Native.O_NOFOLLOW);
    return new FileHandle(SysException.check(Native.openat(fd, name, flags, 0), "open"));
  }

  /** Creates the file {@code name}, which must not exist, for writing, with mode bits. */
  public FileHandle create(byte[] name, int mode) throws SysException {
    int flags = Native.O_WRONLY | Native.O_CREAT | Native.O_EXCL | Native.O_NOFOLLOW
        | Native.O_NOCTTY;
    return new FileHandle(SysException.check(Native.openat(fd, name, flags, mode & 0777),
        "open"));
  }

  /**
   * Opens the existing file {@code name} for writing, without following a link and without
   * truncating it: a temporary copy that several workers fill at once.
   */
  public FileHandle openWrite(byte[] name) throws SysException {
    int flags = Native.O_WRONLY | Native.O_NOFOLLOW | Native.O_NOCTTY | Native.O_NONBLOCK;
    return new FileHandle(SysException.check(Native.openat(fd, name, flags, 0), "open"));
  }

  /**
   * Opens a handle on the entry {@code name} itself, whatever it is and whatever its
   * permissions, without following it ({@code O_PATH | O_NOFOLLOW}): for changing its metadata
   * once it is known to be what it should be.
   */
  public FileHandle openEntry(byte[] name) throws SysException {
    return new FileHandle(SysException.check(Native.openat(fd, name,
        Native.O_PATH | Native.O_NOFOLLOW, 0), "open"));
  }

  /** Creates the directory {@code name}. */
  public void mkdir(byte[] name, int mode) throws SysException {
    SysException.check(Native.mkdirat(fd, name, mode & 07777), "mkdir");
  }

  /** Renames {@code from} in this directory to {@code to} in {@code target}, replacing it. */
  public void rename(byte[] from, DirHandle target, byte[] to) throws SysException {
    SysException.check(Native.renameat2(fd, from, target.fd, to, 0), "rename");
  }

  /**
   * Renames {@code from} to {@code to} in {@code target} unless {@code to} exists; returns
   * false if it does.
   */
  public boolean renameNoReplace(byte[] from, DirHandle target, byte[] to) throws SysException {
    int r = Native.renameat2(fd, from, target.fd, to, Native.RENAME_NOREPLACE);
    if (r == -Errno.EEXIST) {
      return false;
    }
    SysException.check(r, "rename");
    return true;
  }

  /** Removes the file, link or special file {@code name}. */
  public void unlink(byte[] name) throws SysException {
    SysException.check(Native.unlinkat(fd, name, 0), "unlink");
  }

  /**
   * Removes the file, link or special file {@code name} if there is one; returns false if there
   * was none. A read-only file system refuses an unlink before it looks the name up, so a name
   * that fails to go is looked up: one that is not there was never there, whatever unlink said.
   */
  public boolean unlinkIfExists(byte[] name) throws SysException {
    int r = Native.unlinkat(fd, name, 0);
    if (r == -Errno.ENOENT) {
      return false;
    }
    if (r < 0 && absent(name)) {
      return false;
    }
    SysException.check(r, "unlink");
    return true;
  }

  /** Whether {@code name} is surely not there (a failed look-up proves nothing). */
  private boolean absent(byte[] name) {
    try {
      return statIfExists(name) == null;
    } catch (SysException e) {
      return false;
    }
  }

  /** Removes the empty directory {@code name}. */
  public void rmdir(byte[] name) throws SysException {
    SysException.check(Native.unlinkat(fd, name, Native.AT_REMOVEDIR), "rmdir");
  }

  /** Creates the symbolic link {@code name} with the text {@code target}, byte for byte. */
  public void symlink(byte[] target, byte[] name) throws SysException {
    SysException.check(Native.symlinkat(target, fd, name), "symlink");
  }

  /** Returns the text of the symbolic link {@code name}, byte for byte. */
  public byte[] readlink(byte[] name) throws SysException {
    byte[] buf = new byte[4096];
    int n = SysException.check(Native.readlinkat(fd, name, buf), "readlink");
    return Arrays.copyOf(buf, n);
  }

  /** Makes {@code name} a new hard link to {@code from} in the directory {@code fromDir}. */
  public void link(DirHandle fromDir, byte[] from, byte[] name) throws SysException {
    SysException.check(Native.linkat(fromDir.fd, from, fd, name, 0), "link");
  }

  /** Creates the special file {@code name}: a FIFO, socket or device of {@code kind}. */
  public void mknod(byte[] name, Stat.Kind kind, int mode, long rdev) throws SysException {
    SysException.check(Native.mknodat(fd, name, kind.typeBits() | (mode & 07777), rdev),
        "mknod");
  }

  /** Gives the entry {@code name}, a link itself if it is one, an owner and group. */
  public void chown(byte[] name, int uid, int gid) throws SysException {
    SysException.check(Native.fchownat(fd, name, uid, gid, Native.AT_SYMLINK_NOFOLLOW),
        "lchown");
  }

  /** Sets the times of the entry {@code name}, a link itself if it is one. */
  public void setTimes(byte[] name, Timestamp atime, Timestamp mtime) throws SysException {
    SysException.check(Native.utimensat(fd, name, atime.seconds(), atime.nanos(),
        mtime.seconds(), mtime.nanos(), Native.AT_SYMLINK_NOFOLLOW), "utimensat");
  }

  /** Returns the extended attributes of the entry {@code name}, not following a link. */
  public List<Xattr> xattrs(byte[] name) throws SysException {
    return Xattrs.read(fd, name);
  }

  /**
   * Returns the value of the extended attribute {@code attribute} of the entry {@code name}, not
   * following a link; null if it has none, or its file system keeps none.
   */
  public byte[] xattr(byte[] name, byte[] attribute) throws SysException {
    long size = Native.getxattr(fd, name, attribute, null);
    if (size == -Errno.ENODATA || size == -Errno.EOPNOTSUPP) {
      return null;
    }
    SysException.check(size, "lgetxattr");
    byte[] value = new byte[(int) size];
    long n = size == 0 ? 0 : Native.getxattr(fd, name, attribute, value);
    if (n == -Errno.ENODATA) {
      return null;
    }
    SysException.check(n, "lgetxattr");
    return n == size ? value : java.util.Arrays.copyOf(value, (int) n);
  }

  /** Sets an extended attribute of the entry {@code name}, not following a link. */
  public void setXattr(byte[] name, byte[] attribute, byte[] value) throws SysException {
    SysException.check(Native.setxattr(fd, name, attribute, value), "lsetxattr");
  }

  /**
   * Whether this process may read {@code name}, as the kernel decides it for the effective user
   * (permission bits, ACLs, capabilities).
   */
  public boolean mayRead(byte[] name) {
    return Native.faccessat(fd, name, 4 /* R_OK */,
        Native.AT_EACCESS | Native.AT_SYMLINK_NOFOLLOW) == 0;
  }

  /**
   * Whether this process may reach the entries of this directory (search permission), as the
   * kernel decides it for the effective user: without it, a listing gives names whose status
   * cannot be read.
   */
  public boolean maySearch() {
    return Native.faccessat(fd, DOT, 1 /* X_OK */, Native.AT_EACCESS) == 0;
  }

  /**
   * Returns the names in this directory, but "." and "..", in the order the file system gives
   * them. Names are raw bytes: no decoding, nothing lost.
   */
  public List<byte[]> list() throws SysException {
    if (!readable) {
      throw new SysException(Errno.EACCES, "getdents");
    }
    ByteBuffer buf = LIST.get();
    List<byte[]> names = new ArrayList<>();
    // Listing starts where the descriptor is; a handle listed twice starts again at the top.
    SysException.check(Native.lseek(fd, 0, 0), "lseek");
    while (true) {
      int n = SysException.check(Native.getdents(fd, buf, LIST_BUFFER), "getdents64");
      if (n == 0) {
        return names;
      }
      int at = 0;
      while (at < n) {
        int reclen = buf.getShort(at + 16) & 0xffff;
        int nameStart = at + 19;
        int nameEnd = nameStart;
        while (buf.get(nameEnd) != 0) {
          nameEnd++;
        }
        byte[] name = new byte[nameEnd - nameStart];
        buf.get(nameStart, name);
        if (!Arrays.equals(name, DOT) && !Arrays.equals(name, DOT_DOT)) {
          names.add(name);
        }
        at += reclen;
      }
    }
  }
}
