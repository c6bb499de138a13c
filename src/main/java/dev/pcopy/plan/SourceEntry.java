package dev.pcopy.plan;

import dev.pcopy.fs.Stat;

/**
 * One entry the walk found in a source directory.
 *
 * @param name its name
 * @param stat what {@code lstat} (with {@code -L}: {@code stat}) said of it
 * @param linkText a symbolic link's text, byte for byte; null for anything else
 * @param readable whether this process may read it (a file it may not is refused, in a dry run
 *     as in a real one)
 */
public record SourceEntry(byte[] name, Stat stat, byte[] linkText, boolean readable) {}
