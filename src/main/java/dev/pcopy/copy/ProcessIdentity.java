package dev.pcopy.copy;

import dev.pcopy.plan.Owner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Who this process is, as far as the files it creates are concerned: effective user and group
 * (the owner a new file gets) and umask (the bits a new file loses), read from
 * {@code /proc/self/status}, which the JDK offers no API for.
 *
 * @param uid effective user id, or -1 if unknown
 * @param gid effective group id, or -1 if unknown
 * @param umask the umask, or -1 if unknown
 */
public record ProcessIdentity(int uid, int gid, int umask) {

  /** Reads this process's identity; unknown fields are -1 where /proc cannot say. */
  public static ProcessIdentity current() {
    int uid = -1;
    int gid = -1;
    int umask = -1;
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          uid = effective(line);
        } else if (line.startsWith("Gid:")) {
          gid = effective(line);
        } else if (line.startsWith("Umask:")) {
          umask = Integer.parseInt(line.substring(6).strip(), 8);
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux, or an old kernel: unknown fields make every file get an explicit chmod and
      // no chown.
    }
    return new ProcessIdentity(uid, gid, umask);
  }

  /** Returns the owner and group a file this process creates gets. */
  public Owner owner() {
    return new Owner(uid, gid);
  }

  /** Returns whether this process may give files any owner, as {@code cp -a} and rsync do. */
  public boolean isRoot() {
    return uid == 0;
  }

  /**
   * "Uid:\treal\teffective\tsaved\tfs": the second number. Parsed by hand: a regular
   * expression would load a few dozen classes into every worker for one line.
   */
  private static int effective(String line) {
    String fields = line.substring(4).strip();
    int start = fields.indexOf('\t') + 1;
    int end = fields.indexOf('\t', start);
    return Integer.parseInt(fields.substring(start, end < 0 ? fields.length() : end).strip());
  }
}
