package dev.pcopy.plan;

/**
 * How a run copies, as the options and the user running it decide: the rules every decision of
 * the {@link Planner} follows.
 *
 * @param force copy every file, even one that looks unchanged
 * @param root running as root: owners and groups are kept, devices can be made
 * @param uid the effective user, who owns what a non-root run creates
 * @param groups the groups a non-root run may give its files (the effective group first)
 * @param xattrs copy extended attributes
 * @param acls copy POSIX ACLs
 * @param hardLinks keep hard links between files as hard links
 * @param checksum decide whether a file is unchanged by its content, not its size and time
 */
public record Policy(boolean force, boolean root, int uid, int[] groups, boolean xattrs,
    boolean acls, boolean hardLinks, boolean checksum) {

  /** Whether a copy can get group {@code gid}: as root any, else one the user is in. */
  public boolean mayGiveGroup(int gid) {
    if (root) {
      return true;
    }
    for (int g : groups) {
      if (g == gid) {
        return true;
      }
    }
    return false;
  }

  /** Whether a copy can get owner {@code ownerUid}: as root any, else only the user's own. */
  public boolean mayGiveOwner(int ownerUid) {
    return root || ownerUid == uid;
  }
}
