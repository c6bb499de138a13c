package dev.pcopy.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything about a tree that a write would change: names, kinds, sizes, modes, link targets,
 * modification and change times, inode numbers. Two equal snapshots of the same tree taken before
 * and after a run prove that the run wrote nothing there (the change time moves with any write,
 * chmod, utimes or rename).
 *
 * @param root the tree's top
 * @param entries one line of properties per relative path; empty if the root does not exist
 */
public record TreeSnapshot(Path root, Map<Path, String> entries) {

  /** Takes a snapshot of {@code root}, which need not exist. */
  public static TreeSnapshot of(Path root) {
    Map<Path, String> entries = new TreeMap<>();
    if (Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      for (Map.Entry<Path, TreeAssert.Entry> e : TreeAssert.list(root).entrySet()) {
        entries.put(e.getKey(), e.getValue() + " " + unixTimes(root.resolve(e.getKey())));
      }
    }
    return new TreeSnapshot(root, entries);
  }

  /** Describes the snapshot's differences from {@code other}, for assertion messages. */
  public String describeChangesTo(TreeSnapshot other) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<Path, String> e : entries.entrySet()) {
      String now = other.entries.get(e.getKey());
      if (!e.getValue().equals(now)) {
        b.append("\n  ").append(TreeAssert.printable(root, e.getKey())).append(": ")
            .append(e.getValue()).append(" -> ").append(now);
      }
    }
    for (Path p : other.entries.keySet()) {
      if (!entries.containsKey(p)) {
        b.append("\n  ").append(TreeAssert.printable(root, p)).append(": new");
      }
    }
    return b.toString();
  }

  private static String unixTimes(Path path) {
    try {
      Map<String, Object> a = Files.readAttributes(path, "unix:ctime,ino",
          LinkOption.NOFOLLOW_LINKS);
      return "ctime=" + a.get("ctime") + " ino=" + a.get("ino");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
