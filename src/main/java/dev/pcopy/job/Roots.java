package dev.pcopy.job;

import dev.pcopy.fs.DirHandle;
import dev.pcopy.fs.Stat;

/**
 * The checked and opened ends of a run: the directory the source entries are read from and the
 * one the copies go into, and for a single-file copy the file's name on each side.
 *
 * @param source the source directory (for a single file, the directory it really is in)
 * @param sourceStat what the source directory is
 * @param target the target directory, or null in a dry run when the run would make it
 * @param targetFound the target directory as it was before the run, or null if the run makes it
 * @param display names entries in messages
 * @param file for a single-file copy: the file, its name in {@code source} and its copy's name
 *     in {@code target}; null for a directory copy
 */
record Roots(DirHandle source, Stat sourceStat, DirHandle target, Stat targetFound,
    Display display, SingleFile file) implements AutoCloseable {

  /**
   * A single file to copy.
   *
   * @param sourceName its name in the source directory
   * @param stat what it is
   * @param targetName its copy's name in the target directory
   */
  record SingleFile(byte[] sourceName, Stat stat, byte[] targetName) {}

  @Override
  public void close() {
    source.close();
    if (target != null) {
      target.close();
    }
  }
}
