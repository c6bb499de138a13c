package dev.pcopy.job;

import dev.pcopy.progress.PathText;
import dev.pcopy.protocol.RawPaths;
import java.nio.file.Path;

/**
 * Names entries in messages the way the user named them: the source (or destination) argument
 * as typed, then the entry's path below it, escaped to one printable line.
 */
final class PathDisplay {
  private final Path root;
  private final String rootText;
  private final Path targetRoot;
  private final String targetText;

  /** Names paths under {@code root} only; others are shown in full. */
  PathDisplay(Path root, String rootText) {
    this(root, rootText, null, null);
  }

  /** Names paths under the source root and under the target root. */
  PathDisplay(Path root, String rootText, Path targetRoot, String targetText) {
    this.root = root;
    this.rootText = rootText;
    this.targetRoot = targetRoot;
    this.targetText = targetText;
  }

  /** Returns the printable name of {@code path}. */
  String of(Path path) {
    if (path.startsWith(root)) {
      return below(root, rootText, path);
    }
    if (targetRoot != null && path.startsWith(targetRoot)) {
      return below(targetRoot, targetText, path);
    }
    return PathText.escape(RawPaths.toBytes(path));
  }

  /**
   * Returns the destination as the user named it, without the trailing slashes that only said
   * "into this directory" ({@code /mnt/usb/} is shown as {@code /mnt/usb}); null if only the
   * source was given.
   */
  String target() {
    if (targetText == null) {
      return null;
    }
    int end = targetText.length();
    while (end > 1 && targetText.charAt(end - 1) == '/') {
      end--;
    }
    return targetText.substring(0, end);
  }

  /**
   * Returns the printable name of the directory holding {@code path}, named as {@code path} is:
   * {@code usb} for {@code usb/big.iso}, {@code .} for {@code big.iso}. A single file's target
   * may be DST itself, whose parent lies outside both roots.
   */
  String parentOf(Path path) {
    String shown = of(path);
    String name = PathText.escape(RawPaths.toBytes(path.getFileName()));
    if (shown.equals(name)) {
      return ".";
    }
    if (shown.endsWith("/" + name)) {
      String parent = shown.substring(0, shown.length() - name.length() - 1);
      return parent.isEmpty() ? "/" : parent;
    }
    return of(path.getParent());
  }

  /** Returns the printable path of {@code path} relative to the source root. */
  String relative(Path path) {
    return PathText.escape(RawPaths.toBytes(root.relativize(path)));
  }

  private static String below(Path base, String baseText, Path path) {
    if (path.equals(base)) {
      return baseText;
    }
    String relative = PathText.escape(RawPaths.toBytes(base.relativize(path)));
    return baseText.endsWith("/") ? baseText + relative : baseText + "/" + relative;
  }
}
