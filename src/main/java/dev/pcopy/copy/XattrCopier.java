package dev.pcopy.copy;

import dev.pcopy.fs.Errno;
import dev.pcopy.fs.SysException;
import dev.pcopy.fs.Xattr;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives a new entry the extended attributes and ACLs of its source, and says what of them the
 * target would not take (a file system without extended attributes, say): the entry is still
 * written, and the run reports what it could not keep.
 */
final class XattrCopier {
  private static final byte[] ACL_ACCESS = Xattr.ACL_ACCESS.getBytes(StandardCharsets.US_ASCII);

  /** Sets or removes one attribute of the entry being written. */
  interface Target {
    void set(byte[] name, byte[] value) throws SysException;

    void remove(byte[] name) throws SysException;
  }

  private XattrCopier() {}

  /**
   * Sets {@code kept} on {@code target}.
   *
   * @param inheritedAcl the entry was created in a directory with a default ACL, so it has an
   *     access ACL of its own that the source may not have
   * @return what could not be kept and why, or an empty string
   */
  static String apply(List<Xattr> kept, Target target, boolean inheritedAcl) {
    List<String> lost = new ArrayList<>();
    boolean hasAccessAcl = false;
    for (Xattr x : aclsLast(kept)) {
      hasAccessAcl |= x.nameText().equals(Xattr.ACL_ACCESS);
      try {
        target.set(x.name(), x.value());
      } catch (SysException e) {
        lost.add(lost(x.name(), e));
      }
    }
    if (inheritedAcl && !hasAccessAcl) {
      // The source has none, so the copy must not keep the directory's: cp -a removes it too.
      try {
        target.remove(ACL_ACCESS);
      } catch (SysException e) {
        if (e.errno() != Errno.ENODATA) {
          lost.add("ACL " + Xattr.ACL_ACCESS + " inherited from its directory: "
              + e.getMessage());
        }
      }
    }
    return String.join("; ", lost);
  }

  /**
   * Returns {@code xattrs} with the ACLs after the other attributes: an access ACL sets the
   * entry's mode bits, which may leave its owner without the write permission that setting a
   * {@code user.*} attribute needs (a read-only file or directory copied by its owner, not
   * root), as {@code cp -a} knows too.
   */
  static List<Xattr> aclsLast(List<Xattr> xattrs) {
    List<Xattr> ordered = new ArrayList<>(xattrs.size());
    for (Xattr x : xattrs) {
      if (!x.isAcl()) {
        ordered.add(x);
      }
    }
    for (Xattr x : xattrs) {
      if (x.isAcl()) {
        ordered.add(x);
      }
    }
    return ordered;
  }

  /** Says that the attribute {@code name} could not be kept, and why. */
  static String lost(byte[] name, SysException e) {
    Xattr x = new Xattr(name, new byte[0]);
    return (x.isAcl() ? "ACL " : "extended attribute ") + x.nameText() + ": " + e.getMessage();
  }
}
