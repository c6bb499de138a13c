package dev.pcopy.job;

import dev.pcopy.fs.Names;
import dev.pcopy.fs.PathText;

/**
 * Names entries in messages the way the user named them: the source (or destination) argument
 * as typed, then the entry's path below it, escaped to one printable line; and, in the lines of
 * a dry run and {@code -v}, by their path below the roots alone.
 *
 * <p>A single file has no path below the roots: it is named by SRC as typed, and its copy by
 * DST (with the file's name when DST is a directory).
 */
final class Display {
  private final String sourceText;
  private final String targetText;
  private final String singleSource;
  private final String singleTarget;
  private final String singleTargetDirectory;

  /**
   * @param sourceText SRC as typed
   * @param targetText DST as typed
   * @param singleSource a single file as named, or null for a directory copy
   * @param singleTarget a single file's copy as named
   * @param singleTargetDirectory the directory a single file's copy goes into, as named
   */
  private Display(String sourceText, String targetText, String singleSource,
      String singleTarget, String singleTargetDirectory) {
    this.sourceText = sourceText;
    this.targetText = targetText;
    this.singleSource = singleSource;
    this.singleTarget = singleTarget;
    this.singleTargetDirectory = singleTargetDirectory;
  }

  /** Names the entries of a directory copy. */
  static Display ofTree(String sourceText, String targetText) {
    return new Display(sourceText, targetText, null, null, null);
  }

  /**
   * Names a single file's copy: {@code targetName} is the copy's name below DST when DST is a
   * directory, or null when DST names the copy itself.
   */
  static Display ofFile(String sourceText, String targetText, byte[] targetName) {
    String target = targetName == null ? targetText
        : below(stripSlashes(targetText), PathText.escape(targetName));
    String directory = targetName != null ? stripSlashes(targetText) : parentText(targetText);
    return new Display(sourceText, targetText, sourceText, target, directory);
  }

  /** Whether this names a single file's copy. */
  boolean singleFile() {
    return singleSource != null;
  }

  /** Names the source entry at {@code dir/name} (both empty: SRC itself). */
  String source(byte[] dir, byte[] name) {
    if (singleSource != null) {
      return singleSource;
    }
    return below(sourceText, relative(dir, name));
  }

  /** Names the target entry at {@code dir/name} (both empty: DST itself). */
  String target(byte[] dir, byte[] name) {
    if (singleTarget != null) {
      return singleTarget;
    }
    return below(stripSlashes(targetText), relative(dir, name));
  }

  /**
   * Names an entry by its path below the roots, as dry-run lines do: {@code sub/a}, {@code .}
   * for the top; a single file by SRC as typed.
   */
  String line(byte[] dir, byte[] name) {
    if (singleSource != null) {
      return singleSource;
    }
    String r = relative(dir, name);
    return r.isEmpty() ? "." : r;
  }

  /**
   * Names the copy of an entry in a dry-run line, for what is done to the copy alone (chmod,
   * chown): below the roots in a tree, a single file's copy as DST names it.
   */
  String copyLine(byte[] dir, byte[] name) {
    return singleSource != null ? singleTarget : line(dir, name);
  }

  /** Names a single file's copy in a dry-run line: {@code big.iso -> /mnt/usb/big.iso}. */
  String lineWithTarget(byte[] dir, byte[] name) {
    return singleSource != null ? singleSource + " -> " + singleTarget : line(dir, name);
  }

  /**
   * Names an entry in the target directory that is not the entry copied (a killed run's
   * leftover): below the roots in a tree, below the directory the file goes into for a single
   * file ({@code usb/.pcopy-...tmp}).
   */
  String beside(byte[] dir, byte[] name) {
    if (singleSource == null) {
      return line(dir, name);
    }
    String n = PathText.escape(name);
    return singleTargetDirectory.equals(".") ? n : below(singleTargetDirectory, n);
  }

  /** Names the directory a single file goes into, as the user named it ({@code .} if none). */
  String targetDirectory() {
    return singleTargetDirectory;
  }

  /**
   * Returns the destination as the user named it, without the trailing slashes that only said
   * "into this directory" ({@code /mnt/usb/} is shown as {@code /mnt/usb}).
   */
  String targetRoot() {
    return stripSlashes(targetText);
  }

  private static String relative(byte[] dir, byte[] name) {
    byte[] path = name.length == 0 ? dir : Names.join(dir, name);
    return PathText.escape(path);
  }

  private static String below(String base, String relative) {
    if (relative.isEmpty()) {
      return base;
    }
    return base.endsWith("/") ? base + relative : base + "/" + relative;
  }

  /** What comes before the last name of a typed path: {@code usb} for {@code usb/a}. */
  private static String parentText(String text) {
    String t = stripSlashes(text);
    int slash = t.lastIndexOf('/');
    if (slash < 0) {
      return ".";
    }
    String parent = stripSlashes(t.substring(0, slash + 1));
    return parent.isEmpty() ? "/" : parent;
  }

  private static String stripSlashes(String text) {
    int end = text.length();
    while (end > 1 && text.charAt(end - 1) == '/') {
      end--;
    }
    return text.substring(0, end);
  }
}
