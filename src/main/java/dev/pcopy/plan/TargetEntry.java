package dev.pcopy.plan;

import dev.pcopy.fs.Stat;

/**
 * What is at an entry's name in the target directory (the walk passes null when nothing is).
 *
 * @param stat what {@code lstat} said of it
 * @param linkText its text when it is a symbolic link and the source entry is one too; else null
 * @param sameBytes with {@code --checksum}, whether a file of the source's size holds the
 *     source's bytes; null when not compared
 */
public record TargetEntry(Stat stat, byte[] linkText, Boolean sameBytes) {
  /** What is at an entry's name, its content not compared. */
  public TargetEntry(Stat stat, byte[] linkText) {
    this(stat, linkText, null);
  }
}
