package dev.pcopy.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Who this process is, as far as the files it creates and reads are concerned: effective user
 * and group (the owner a new file gets), the supplementary groups (a group it may give its
 * files), and the umask (the bits a new file loses).
 *
 * @param uid effective user id
 * @param gid effective group id
 * @param groups supplementary group ids
 * @param umask the umask, or -1 if {@code /proc} cannot say
 */
public record Identity(int uid, int gid, int[] groups, int umask) {

  /** Reads this process's identity. */
  public static Identity current() {
    int[] ids = Native.identity();
    int[] groups = new int[ids.length - 2];
    System.arraycopy(ids, 2, groups, 0, groups.length);
    return new Identity(ids[0], ids[1], groups, readUmask());
  }

  /** Whether this process may give files any owner, as {@code cp -a} and rsync do as root. */
  public boolean isRoot() {
    return uid == 0;
  }

  /** Whether this process may give its files group {@code group}. */
  public boolean inGroup(int group) {
    if (group == gid) {
      return true;
    }
    for (int g : groups) {
      if (g == group) {
        return true;
      }
    }
    return false;
  }

  /**
   * Reads the umask from {@code /proc/self/status}: the system call that reads it also sets it,
   * which a process with more than one thread must not do.
   */
  private static int readUmask() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Umask:")) {
          return Integer.parseInt(line.substring(6).strip(), 8);
        }
      }
    } catch (IOException | RuntimeException e) {
      // An old kernel: every file then gets an explicit chmod.
    }
    return -1;
  }
}
