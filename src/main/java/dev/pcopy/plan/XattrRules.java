package dev.pcopy.plan;

import dev.pcopy.fs.Xattr;
import java.util.ArrayList;
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
}
