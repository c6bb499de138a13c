/**
 * Copying: every write to the destination happens here.
 *
 * <p>Files are written under a temporary name in their target directory, given their mode and
 * times, then renamed over the final name ({@link dev.pcopy.copy.EntryCopier}), so a file at its
 * final name is always complete.
 */
package dev.pcopy.copy;
