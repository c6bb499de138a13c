package dev.pcopy.testing;

import dev.pcopy.fs.Stat;
import dev.pcopy.fs.Timestamp;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link Stat} values built by hand, for pure tests of what decides on them: every field has a
 * plain default (owner 1000:1000, one link, device 1, a fresh inode, a fixed time with a
 * fraction), and a test changes only the fields it is about.
 */
public final class Stats {
  /** The time every built entry has unless told otherwise: with nanoseconds, after 1970. */
  public static final Timestamp T = new Timestamp(1_700_000_000L, 123_456_789);
  private static final AtomicLong INODES = new AtomicLong(1000);

  private Stats() {}

  /** A regular file of {@code size} bytes, mode 0644. */
  public static Builder file(long size) {
    return new Builder(Stat.Kind.FILE).size(size).mode(0644);
  }

  /** A directory, mode 0755. */
  public static Builder directory() {
    return new Builder(Stat.Kind.DIRECTORY).mode(0755).size(4096);
  }

  /** A symbolic link, mode 0777. */
  public static Builder symlink() {
    return new Builder(Stat.Kind.SYMLINK).mode(0777).size(3);
  }

  /** An entry of {@code kind}, mode 0644. */
  public static Builder of(Stat.Kind kind) {
    return new Builder(kind).mode(0644);
  }

  /** Builds one {@link Stat}; each setter returns the builder. */
  public static final class Builder {
    private final Stat.Kind kind;
    private int mode;
    private int uid = 1000;
    private int gid = 1000;
    private long nlink = 1;
    private long ino = INODES.incrementAndGet();
    private long dev = 1;
    private long rdev;
    private long size;
    private long blocks = -1;
    private Timestamp atime = T;
    private Timestamp mtime = T;

    private Builder(Stat.Kind kind) {
      this.kind = kind;
    }

    public Builder mode(int m) {
      mode = m;
      return this;
    }

    public Builder owner(int u, int g) {
      uid = u;
      gid = g;
      return this;
    }

    public Builder nlink(long n) {
      nlink = n;
      return this;
    }

    /** The same device and inode as {@code other}: the same file. */
    public Builder sameFileAs(Stat other) {
      ino = other.ino();
      dev = other.dev();
      return this;
    }

    public Builder ino(long i) {
      ino = i;
      return this;
    }

    public Builder rdev(long r) {
      rdev = r;
      return this;
    }

    public Builder size(long s) {
      size = s;
      return this;
    }

    private Timestamp ctime;

    public Builder mtime(Timestamp t) {
      mtime = t;
      return this;
    }

    public Builder atime(Timestamp t) {
      atime = t;
      return this;
    }

    /** The status-change time; the modification time unless set. */
    public Builder ctime(Timestamp t) {
      ctime = t;
      return this;
    }

    public Stat build() {
      long b = blocks >= 0 ? blocks : (size + 511) / 512;
      return new Stat(kind, mode, uid, gid, nlink, ino, dev, rdev, size, b, atime, mtime,
          ctime == null ? mtime : ctime);
    }
  }
}
