package dev.pcopy.plan;

import dev.pcopy.fs.Stat;

/**
 * The mode a copy gets when its source's access ACL is not kept ({@code --no-acls}). With an
 * ACL, the group class bits of a mode are the ACL's mask, which may grant more than the owning
 * group's own entry does ({@code group::r--} under {@code mask::rwx} shows as {@code rwx}).
 * Kept as plain mode bits without the ACL, the mask would give the owning group what only the
 * named users and groups had: so the copy's group bits are what the owning group could really
 * do, its entry limited by the mask.
 */
public final class AclModes {
  /** A POSIX ACL in its extended attribute: this version, then 8-byte entries. */
  private static final int VERSION = 2;
  private static final int HEADER = 4;
  private static final int ENTRY = 8;
  private static final int GROUP_OBJ = 0x04;
  private static final int MASK = 0x10;

  private AclModes() {}

  /**
   * Returns {@code stat} with the group class bits of its mode made the owning group's
   * effective permissions under the access ACL {@code acl} (the raw value of
   * {@code system.posix_acl_access}); {@code stat} itself when there is no ACL, it has no mask,
   * or it cannot be read.
   */
  public static Stat withoutAcl(Stat stat, byte[] acl) {
    if (acl == null || acl.length < HEADER || (acl.length - HEADER) % ENTRY != 0
        || le32(acl, 0) != VERSION) {
      return stat;
    }
    int group = -1;
    int mask = -1;
    for (int at = HEADER; at < acl.length; at += ENTRY) {
      int tag = le16(acl, at);
      int perm = le16(acl, at + 2) & 07;
      if (tag == GROUP_OBJ) {
        group = perm;
      } else if (tag == MASK) {
        mask = perm;
      }
    }
    if (group < 0 || mask < 0) {
      return stat;
    }
    int mode = (stat.mode() & ~070) | ((group & mask) << 3);
    return mode == stat.mode() ? stat : new Stat(stat.kind(), mode, stat.uid(), stat.gid(),
        stat.nlink(), stat.ino(), stat.dev(), stat.rdev(), stat.size(), stat.blocks(),
        stat.atime(), stat.mtime(), stat.ctime());
  }

  private static int le16(byte[] b, int at) {
    return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
  }

  private static int le32(byte[] b, int at) {
    return le16(b, at) | le16(b, at + 2) << 16;
  }
}
