package dev.pcopy.plan;

import dev.pcopy.fs.Stat;
import dev.pcopy.fs.Xattr;
import java.util.List;

/**
 * A directory as the walk found it, for deciding how it is finished: its status and its
 * extended attributes and ACLs (all of them: the planner keeps those its policy copies).
 *
 * @param stat what {@code statx} said of it
 * @param xattrs its attributes, or none when this run copies no attributes
 */
public record DirectoryStatus(Stat stat, List<Xattr> xattrs) {
  /** Copies the attributes, so that a decision never changes. */
  public DirectoryStatus {
    xattrs = List.copyOf(xattrs);
  }
}
