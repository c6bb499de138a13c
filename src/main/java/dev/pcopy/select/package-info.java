/**
 * Selection: which entries below SRC a copy takes, from {@code --exclude}/{@code --include}
 * rules, {@code --files-from} lists and size limits.
 *
 * <p>Pure logic beside the walk: the walker asks {@link dev.pcopy.select.Selection#decide} about
 * each entry it meets, with the entry's path below SRC as raw bytes, and skips what is excluded
 * (an excluded directory is not walked). Nothing here imports another pcopy package; the only
 * input it reads is the {@code -from} files it is given. See {@code docs/selection.md}.
 */
package dev.pcopy.select;
