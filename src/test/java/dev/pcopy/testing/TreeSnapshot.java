package dev.pcopy.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything about a tree that a write would change: names, kinds, sizes, modes, owners and
 * groups, link targets, modification and change times, inode numbers. Two equal snapshots of the
 * same tree taken before and after a run prove that the run wrote nothing there (the change time
 * moves with any write, chown, chmod, utimes or rename).
 *
 * @param root the tree's top
 * @param entries one line of properties per relative path; empty if the root does not exist
 */
public record TreeSnapshot(Path root, Map<Path, String> entries) {
  private static final int MAX_REPORTED = 40;

  /** Takes a snapshot of {@code root}, which need not exist. */
  public static TreeSnapshot of(Path root) {
    Map<Path, String> entries = new TreeMap<>();
    if (Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      for (Map.Entry<Path, TreeAssert.Entry> e : TreeAssert.list(root).entrySet()) {
        entries.put(e.getKey(), e.getValue() + " " + unixAttributes(root.resolve(e.getKey())));
      }
    }
    return new TreeSnapshot(root, entries);
  }

  /**
   * Describes the snapshot's differences from {@code other}, for assertion messages: the first
   * 40 changed or new entries, and how many more there are.
   */
  public String describeChangesTo(TreeSnapshot other) {
    List<String> changes = new ArrayList<>();
    for (Map.Entry<Path, String> e : entries.entrySet()) {
      String now = other.entries.get(e.getKey());
      if (!e.getValue().equals(now)) {
        changes.add(TreeAssert.printable(root, e.getKey()) + ": " + e.getValue() + " -> " + now);
      }
    }
    for (Path p : other.entries.keySet()) {
      if (!entries.containsKey(p)) {
        changes.add(TreeAssert.printable(root, p) + ": new");
      }
    }
    StringBuilder b = new StringBuilder();
    for (String change : changes.subList(0, Math.min(changes.size(), MAX_REPORTED))) {
      b.append("\n  ").append(change);
    }
    if (changes.size() > MAX_REPORTED) {
      b.append("\n  ... and ").append(changes.size() - MAX_REPORTED).append(" more");
    }
    return b.toString();
  }

  /**
   * Asserts that {@code root} is as this snapshot saw it: nothing written, created, removed,
   * chowned or chmodded there since.
   *
   * @param what names the tree in the failure message
   * @param context shown after the changes (the run's output, say)
   */
  public void assertUnchanged(String what, Object context) {
    TreeSnapshot now = of(root);
    if (!entries.equals(now.entries)) {
      throw new AssertionError(what + " (" + root + ") changed:" + describeChangesTo(now) + "\n"
          + context);
    }
  }

  private static String unixAttributes(Path path) {
    try {
      Map<String, Object> a = Files.readAttributes(path, "unix:uid,gid,ctime,ino",
          LinkOption.NOFOLLOW_LINKS);
      return "uid=" + a.get("uid") + " gid=" + a.get("gid") + " ctime=" + a.get("ctime")
          + " ino=" + a.get("ino");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
