package dev.pcopy.fs;

import java.util.ArrayList;
import java.util.List;

/**
 * An open file descriptor, and what can be done to the entry it is open on without naming it
 * again: its status, owner, mode, times and extended attributes. Whatever happens to the entry's
 * names meanwhile (renamed away, replaced by a symbolic link), these act on that very entry.
 */
public abstract sealed class Handle implements AutoCloseable permits DirHandle, FileHandle {
  /** The descriptor; -1 once closed, so that a late use fails (EBADF) instead of reaching
   * whatever file the same number was given to since. */
  volatile int fd;

  Handle(int fd) {
    this.fd = fd;
  }

  /** Returns the status of the entry this handle is open on. */
  public Stat stat() throws SysException {
    long[] f = new long[Stat.FIELDS];
    SysException.check(Native.stat(fd, null, 0, f), "fstat");
    return Stat.fromFields(f);
  }

  /** Gives the entry owner {@code uid} and group {@code gid} (-1 leaves one as it is). */
  public void chown(int uid, int gid) throws SysException {
    SysException.check(Native.fchownat(fd, null, uid, gid, 0), "fchown");
  }

  /** Gives the entry mode {@code mode} (the {@code 07777} bits). */
  public void chmod(int mode) throws SysException {
    SysException.check(Native.chmodOpened(fd, mode & 07777), "fchmod");
  }

  /** Sets the entry's access and modification times. */
  public void setTimes(Timestamp atime, Timestamp mtime) throws SysException {
    SysException.check(Native.utimensat(fd, null, atime.seconds(), atime.nanos(),
        mtime.seconds(), mtime.nanos(), 0), "utimensat");
  }

  /** Flushes the entry's data and metadata to the disk. */
  public void fsync() throws SysException {
    SysException.check(Native.fsync(fd), "fsync");
  }

  /** Returns the extended attributes (ACLs included) of the entry. */
  public List<Xattr> xattrs() throws SysException {
    return Xattrs.read(fd, null);
  }

  /** Returns the value of the extended attribute {@code name}, or null if there is none. */
  public byte[] xattr(byte[] name) throws SysException {
    long size = Native.getxattr(fd, null, name, null);
    if (size == -Errno.ENODATA || size == -Errno.EOPNOTSUPP) {
      return null;
    }
    SysException.check(size, "getxattr");
    byte[] value = new byte[(int) size];
    long n = size == 0 ? 0 : Native.getxattr(fd, null, name, value);
    if (n == -Errno.ENODATA) {
      return null;
    }
    SysException.check(n, "getxattr");
    return n == size ? value : java.util.Arrays.copyOf(value, (int) n);
  }

  /** Sets one extended attribute of the entry. */
  public void setXattr(byte[] name, byte[] value) throws SysException {
    SysException.check(Native.setxattr(fd, null, name, value), "fsetxattr");
  }

  /** Removes one extended attribute of the entry; returns false if it had none of that name. */
  public boolean removeXattr(byte[] name) throws SysException {
    int r = Native.removexattr(fd, null, name);
    if (r == -Errno.ENODATA) {
      return false;
    }
    SysException.check(r, "fremovexattr");
    return true;
  }

  /** Returns the statfs type of the file system the entry is on. */
  public long fileSystemType() throws SysException {
    return SysException.check(Native.fstatfsType(fd), "fstatfs");
  }

  /** Closes the descriptor; a second call does nothing. */
  @Override
  public synchronized void close() {
    int open = fd;
    if (open >= 0) {
      fd = -1;
      Native.close(open);
    }
  }

  /** Reads extended attributes through the native calls. */
  static final class Xattrs {
    private Xattrs() {}

    /** Reads all attributes of fd (name null) or of the entry name in directory fd. */
    static List<Xattr> read(int fd, byte[] name) throws SysException {
      long size = Native.listxattr(fd, name, null);
      if (size == -Errno.EOPNOTSUPP || size == -Errno.ENODATA) {
        return List.of();
      }
      SysException.check(size, "listxattr");
      if (size == 0) {
        return List.of();
      }
      byte[] names = new byte[(int) size];
      long n = SysException.check(Native.listxattr(fd, name, names), "listxattr");
      List<Xattr> all = new ArrayList<>();
      int start = 0;
      for (int i = 0; i < n; i++) {
        if (names[i] == 0) {
          if (i > start) {
            byte[] attribute = java.util.Arrays.copyOfRange(names, start, i);
            byte[] value = value(fd, name, attribute);
            if (value != null) {
              all.add(new Xattr(attribute, value));
            }
          }
          start = i + 1;
        }
      }
      return all;
    }

    /** Returns the value, or null if the attribute went away since it was listed. */
    private static byte[] value(int fd, byte[] name, byte[] attribute) throws SysException {
      long size = Native.getxattr(fd, name, attribute, null);
      if (size == -Errno.ENODATA) {
        return null;
      }
      SysException.check(size, "getxattr");
      byte[] value = new byte[(int) size];
      if (size == 0) {
        return value;
      }
      long n = Native.getxattr(fd, name, attribute, value);
      if (n == -Errno.ENODATA) {
        return null;
      }
      SysException.check(n, "getxattr");
      return n == size ? value : java.util.Arrays.copyOf(value, (int) n);
    }
  }
}
