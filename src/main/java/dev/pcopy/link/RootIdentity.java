package dev.pcopy.link;

import dev.pcopy.fs.Stat;

/**
 * What says that two hosts see the same SRC: its inode number and its modification and
 * status-change times, to the nanosecond. The device number is left out on purpose: every NFS
 * or Lustre client numbers its mounts on its own, so the same directory has a different device
 * on each host, while the server gives inode and times.
 *
 * @param ino the inode number
 * @param mtimeSeconds modification time, seconds
 * @param mtimeNanos and nanoseconds
 * @param ctimeSeconds status change time, seconds (set by the file system, never by a user)
 * @param ctimeNanos and nanoseconds
 */
public record RootIdentity(long ino, long mtimeSeconds, int mtimeNanos, long ctimeSeconds,
    int ctimeNanos) {

  /** Returns the identity of the directory {@code stat} describes. */
  public static RootIdentity of(Stat stat) {
    return new RootIdentity(stat.ino(), stat.mtime().seconds(), stat.mtime().nanos(),
        stat.ctime().seconds(), stat.ctime().nanos());
  }

  /** Says what it is, for a message that shows two of them. */
  public String describe() {
    return "inode " + ino + ", modified " + mtimeSeconds + "." + String.format("%09d", mtimeNanos)
        + ", changed " + ctimeSeconds + "." + String.format("%09d", ctimeNanos);
  }
}
