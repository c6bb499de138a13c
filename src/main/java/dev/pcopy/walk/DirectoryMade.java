package dev.pcopy.walk;

import dev.pcopy.fs.Stat;

/**
 * What became of a directory the walk asked its sink to make.
 *
 * @param entered whether the walk goes on into it
 * @param found the directory another process made under its name since the target was listed,
 *     as found (not following a link), which the walk enters as one that was there before; null
 *     if this run made it, or a dry run shows it made
 */
public record DirectoryMade(boolean entered, Stat found) {
  /** Made (or shown made): the walk goes on into it as a new directory. */
  public static final DirectoryMade MADE = new DirectoryMade(true, null);
  /** Not made: the failure was reported, and nothing below it is walked. */
  public static final DirectoryMade FAILED = new DirectoryMade(false, null);

  /** A directory someone else made meanwhile, found as {@code found}. */
  public static DirectoryMade foundMade(Stat found) {
    return new DirectoryMade(true, found);
  }
}
