package dev.pcopy.plan;

import dev.pcopy.fs.Timestamp;

/**
 * The metadata a copy is given: mode, owner and times. The owner is what the planner decided to
 * keep: -1 leaves the owner (or group) a new entry gets, its creator's.
 *
 * @param mode the {@code 07777} mode bits to set
 * @param uid owner to set, or -1
 * @param gid group to set, or -1
 * @param atime access time
 * @param mtime modification time
 */
public record Meta(int mode, int uid, int gid, Timestamp atime, Timestamp mtime) {
  /** Checks the mode bits. */
  public Meta {
    if ((mode & ~07777) != 0) {
      throw new IllegalArgumentException("mode 0" + Integer.toOctalString(mode)
          + " has more than the 07777 bits");
    }
  }

  /** Whether an owner or a group is to be set. */
  public boolean setsOwner() {
    return uid != -1 || gid != -1;
  }
}
