package dev.pcopy.plan;

import dev.pcopy.fs.Xattr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which extended attributes a copy keeps: POSIX ACLs when ACLs are kept; otherwise, when
 * extended attributes are kept, every attribute as root and {@code user.*} as anyone else. Only
 * root may read or set {@code trusted.*}, and {@code security.*} labels and capabilities belong
 * to the system: a non-root copy keeps {@code user.*}, as {@code rsync -X} does.
 */
public final class XattrRules {
  private XattrRules() {}

  /** Whether {@code x} is kept. */
  public static boolean keeps(Xattr x, boolean xattrs, boolean acls, boolean root) {
    if (x.isAcl()) {
      return acls;
    }
    return xattrs && (root || x.nameText().startsWith("user."));
  }

  /** Returns the attributes of {@code all} that are kept. */
  public static List<Xattr> kept(List<Xattr> all, boolean xattrs, boolean acls, boolean root) {
    if (all.isEmpty()) {
      return all;
    }
    List<Xattr> kept = new ArrayList<>(all.size());
    for (Xattr x : all) {
      if (keeps(x, xattrs, acls, root)) {
        kept.add(x);
      }
    }
    return kept;
  }

  /**
   * Whether a target that has {@code present} needs a change to have exactly {@code wanted}
   * (attributes already {@link #kept}): one wanted is missing or has another value, or one kept
   * is there that is not wanted. Only ACLs count when {@code aclsOnly}, else only the others, so
   * that each kind of fix is told apart.
   */
  public static boolean differ(List<Xattr> present, List<Xattr> wanted, boolean aclsOnly,
      boolean xattrs, boolean acls, boolean root) {
    for (Xattr w : wanted) {
      if (w.isAcl() == aclsOnly && present.stream().noneMatch(w::sameAs)) {
        return true;
      }
    }
    return extras(present, wanted, xattrs, acls, root).stream()
        .anyMatch(x -> x.isAcl() == aclsOnly);
  }

  /**
   * The attributes a target has, of the kinds kept, that are not wanted (put there by hand, or
   * inherited from the directory above): a copy has only its source's.
   */
  public static List<Xattr> extras(List<Xattr> present, List<Xattr> wanted, boolean xattrs,
      boolean acls, boolean root) {
    return kept(present, xattrs, acls, root).stream()
        .filter(p -> wanted.stream().noneMatch(w -> Arrays.equals(w.name(), p.name())))
        .toList();
  }
}
