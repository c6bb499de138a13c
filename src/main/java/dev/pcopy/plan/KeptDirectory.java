package dev.pcopy.plan;

/**
 * A directory of the target that the source lacks and {@code --delete} keeps, because it holds
 * something {@link Protection} keeps; what else it holds is deleted. Told as a warning (as
 * rsync's "cannot delete non-empty directory"), not a failure.
 *
 * @param dir the directory's own directory below the roots
 * @param name its name
 * @param why what it holds that is kept: {@link Protection}'s bits
 */
public record KeptDirectory(byte[] dir, byte[] name, int why) {
  /** The warning, after the directory's path. */
  public String warning() {
    return "directory not deleted: it holds " + Protection.holds(why);
  }
}
