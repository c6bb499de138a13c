package dev.pcopy.fs;

import java.nio.ByteBuffer;

/**
 * An open regular file (or an {@code O_PATH} descriptor of any entry that is not a directory):
 * reads, writes and the kernel's copy calls by position, holes, truncation.
 */
public final class FileHandle extends Handle {
  FileHandle(int fd) {
    super(fd);
  }

  /**
   * Copies up to {@code count} bytes from this file at {@code from} into {@code out} at
   * {@code to}, inside the kernel ({@code copy_file_range}); returns the bytes copied, 0 at the
   * end of this file.
   *
   * @throws SysException {@link Errno#EXDEV}, {@link Errno#EINVAL}, {@link Errno#ENOSYS} or
   *     {@link Errno#EOPNOTSUPP} where the kernel cannot copy between these two files this way
   */
  public long copyRangeTo(FileHandle out, long from, long to, long count) throws SysException {
    return SysException.check(Native.copyFileRange(fd, from, out.fd, to, count),
        "copy_file_range");
  }

  /**
   * Copies up to {@code count} bytes from this file at {@code from} to the position of
   * {@code out} ({@code sendfile}); returns the bytes copied, 0 at the end of this file.
   */
  public long sendTo(FileHandle out, long from, long count) throws SysException {
    return SysException.check(Native.sendfile(out.fd, fd, from, count), "sendfile");
  }

  /**
   * Reads up to {@code count} bytes at {@code position} (or at the file position if it is
   * negative) into the direct buffer {@code buffer} at {@code at}; returns the bytes read, 0 at
   * the end.
   */
  public int read(ByteBuffer buffer, int at, int count, long position) throws SysException {
    return (int) SysException.check(Native.pread(fd, buffer, at, count, position), "read");
  }

  /** Reads the file from the start, up to {@code max} bytes. */
  public byte[] readAll(int max) throws SysException {
    ByteBuffer buffer = ByteBuffer.allocateDirect(max);
    int done = 0;
    while (done < max) {
      int n = read(buffer, done, max - done, done);
      if (n == 0) {
        break;
      }
      done += n;
    }
    byte[] bytes = new byte[done];
    buffer.get(0, bytes);
    return bytes;
  }

  /** Writes all of {@code bytes} at {@code position}. */
  public void writeAll(byte[] bytes, long position) throws SysException {
    ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length);
    buffer.put(0, bytes);
    int done = 0;
    while (done < bytes.length) {
      done += write(buffer, done, bytes.length - done, position + done);
    }
  }

  /** Writes {@code count} bytes of the direct buffer from {@code at} at {@code position}. */
  public int write(ByteBuffer buffer, int at, int count, long position) throws SysException {
    return (int) SysException.check(Native.pwrite(fd, buffer, at, count, position), "write");
  }

  /** Moves the file position to {@code position}. */
  public void seek(long position) throws SysException {
    SysException.check(Native.lseek(fd, position, 0), "lseek");
  }

  /**
   * Returns the start of the first data at or after {@code position}, or -1 if only a hole
   * follows ({@code SEEK_DATA}).
   */
  public long nextData(long position) throws SysException {
    long r = Native.lseek(fd, position, Native.SEEK_DATA);
    return r == -6 /* ENXIO */ ? -1 : SysException.check(r, "lseek(SEEK_DATA)");
  }

  /**
   * Returns the start of the first hole at or after {@code position} ({@code SEEK_HOLE}); the end
   * of the file counts as a hole.
   */
  public long nextHole(long position) throws SysException {
    return SysException.check(Native.lseek(fd, position, Native.SEEK_HOLE), "lseek(SEEK_HOLE)");
  }

  /** Sets the file's size. */
  public void truncate(long size) throws SysException {
    SysException.check(Native.ftruncate(fd, size), "ftruncate");
  }

  /** Gives the file mode {@code mode} through its descriptor ({@code fchmod}). */
  public void chmodOpen(int mode) throws SysException {
    SysException.check(Native.fchmod(fd, mode & 07777), "fchmod");
  }

  /** Sets the times through the descriptor ({@code futimens}); it must not be O_PATH. */
  public void setTimesOpen(Timestamp atime, Timestamp mtime) throws SysException {
    SysException.check(Native.futimens(fd, atime.seconds(), atime.nanos(), mtime.seconds(),
        mtime.nanos()), "futimens");
  }
}
