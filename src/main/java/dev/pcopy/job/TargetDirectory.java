package dev.pcopy.job;

import dev.pcopy.fs.Paths;
import dev.pcopy.fs.Reasons;
import java.io.IOException;

/**
 * Creates the directory a run copies into, with its missing parents, before anything else is
 * written, and tells a destination that refuses writes from one that is wrong.
 *
 * <p>A read-only, full or over-quota file system is no mistake in the command (exit 2) but a
 * state of the machine (exit 1); a path that cannot be made for any other reason (a file in the
 * way, no permission) is bad input.
 */
final class TargetDirectory {
  /** Makes a directory and its missing parents: {@link Paths#makeDirectories} for real. */
  @FunctionalInterface
  interface Maker {
    void make(byte[] directory) throws IOException;
  }

  private TargetDirectory() {}

  /** Creates {@code directory}, naming it as {@code shown} in a refusal. */
  static void create(byte[] directory, String shown) throws BadInputException,
      TargetRefusedException {
    create(directory, shown, Paths::makeDirectories);
  }

  /**
   * Creates a tree's DST {@code directory}, for its owner alone (its parents as the umask says):
   * it gets SRC's mode once the copy is complete, and until then nobody else may add to it.
   */
  static void createForTree(byte[] directory, String shown) throws BadInputException,
      TargetRefusedException {
    create(directory, shown, d -> Paths.makeDirectories(d, 0700));
  }

  /** Creates {@code directory} with {@code maker}, naming it as {@code shown} in a refusal. */
  static void create(byte[] directory, String shown, Maker maker) throws BadInputException,
      TargetRefusedException {
    try {
      maker.make(directory);
    } catch (IOException e) {
      if (Reasons.refusesWrites(e)) {
        throw new TargetRefusedException(shown + ": " + Reasons.of(e));
      }
      throw BadInputException.ofDestination(shown + ": cannot create: " + Reasons.of(e));
    }
  }
}
