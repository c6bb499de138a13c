package dev.pcopy.job;

import dev.pcopy.progress.PathText;
import dev.pcopy.protocol.RawPaths;
import java.nio.file.Path;

/**
 * Names entries in messages the way the user named the source: the source argument as typed,
 * then the entry's path below it, escaped to one printable line.
 */
final class PathDisplay {
  private final Path root;
  private final String rootText;

  PathDisplay(Path root, String rootText) {
    this.root = root;
    this.rootText = rootText;
  }

  /** Returns the printable name of {@code path}, which lies under the root. */
  String of(Path path) {
    if (path.equals(root)) {
      return rootText;
    }
    if (!path.startsWith(root)) {
      return PathText.escape(RawPaths.toBytes(path));
    }
    String relative = relative(path);
    return rootText.endsWith("/") ? rootText + relative : rootText + "/" + relative;
  }

  /** Returns the printable path of {@code path} relative to the root. */
  String relative(Path path) {
    return PathText.escape(RawPaths.toBytes(root.relativize(path)));
  }
}
