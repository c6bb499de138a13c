package dev.pcopy.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What {@code cp -a} keeps of a tree, read by the system's own tools so that the check does not
 * share pcopy's code: ACLs ({@code getfacl -R}), extended attributes ({@code getfattr -R}),
 * and per entry its inode grouping, link count, blocks, size, mode, owner and group
 * ({@code stat}). Every listing is by path relative to the tree's top, in sorted order, so two
 * trees compare whatever order their directories list in. Names must be ASCII.
 */
public final class ExactTree {
  /** Blocks (of 512 bytes) two copies of a file may differ by: allocation is the file system's. */
  private static final long BLOCK_TOLERANCE = 64;

  private ExactTree() {}

  /**
   * Returns {@code getfacl -R -P} of the tree: one block per entry (symbolic links skipped),
   * sorted by path.
   */
  public static String acls(Path root) {
    return sortedBlocks(run(root, "getfacl -R -P -p . 2>&1"));
  }

  /**
   * Returns {@code getfattr -R -h -d -m -} of the tree in hex, every attribute of every entry
   * (ACLs too, as their {@code system.posix_acl_*} attributes): one block per entry that has
   * any, sorted by path.
   */
  public static String xattrs(Path root) {
    return sortedBlocks(run(root, "getfattr -R -h -d -m - -e hex . 2>&1"));
  }

  /** Returns the ACL of one entry as {@code getfacl -c} shows it (no comments). */
  public static String acl(Path path) {
    return run(path.getParent(), "getfacl -c -p '" + path + "'");
  }

  /**
   * The facts {@code stat -c '%i %h %b %s %a %U %G %F'} gives of one entry.
   *
   * @param ino inode number
   * @param links link count
   * @param blocks 512-byte blocks allocated
   * @param size size in bytes
   * @param mode mode bits in octal
   * @param user owner's name (or number)
   * @param group group's name (or number)
   * @param type the kind of entry
   */
  public record Facts(long ino, long links, long blocks, long size, String mode, String user,
      String group, String type) {
    /** Everything but the inode and the blocks, which differ between copies. */
    String comparable() {
      return "links=" + links + " size=" + size + " mode=" + mode + " owner=" + user + ":"
          + group + " " + type;
    }
  }

  /** Returns the facts of every entry below {@code root}, by relative path. */
  public static Map<String, Facts> stats(Path root) {
    Map<String, Facts> facts = new TreeMap<>();
    String out = run(root, "find . -mindepth 1 -exec stat -c '%i %h %b %s %a %U %G %F|%n' {} +");
    for (String line : out.split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      int bar = line.indexOf('|');
      String[] f = line.substring(0, bar).split(" ", 8);
      facts.put(line.substring(bar + 1), new Facts(Long.parseLong(f[0]), Long.parseLong(f[1]),
          Long.parseLong(f[2]), Long.parseLong(f[3]), f[4], f[5], f[6], f[7]));
    }
    return facts;
  }

  /**
   * Returns which names share an inode: each group of two or more names, as sorted sets, in
   * sorted order.
   */
  public static List<TreeSet<String>> linkGroups(Map<String, Facts> stats) {
    Map<Long, TreeSet<String>> byInode = new HashMap<>();
    stats.forEach((name, f) -> byInode.computeIfAbsent(f.ino(), i -> new TreeSet<>()).add(name));
    List<TreeSet<String>> groups = new ArrayList<>();
    for (TreeSet<String> names : byInode.values()) {
      if (names.size() > 1) {
        groups.add(names);
      }
    }
    groups.sort((a, b) -> a.first().compareTo(b.first()));
    return groups;
  }

  /**
   * Asserts that {@code actual} keeps what {@code expected} has, as {@code cp -a} would: the
   * same ACLs, extended attributes, hard-link groups, and per entry the same link count, size,
   * mode, owner, group and kind, blocks within a tolerance for regular files, and the same
   * bytes in every regular file ({@code cmp}).
   */
  public static void assertSameAs(Path expected, Path actual) {
    assertEquals(acls(expected), acls(actual), "getfacl -R of " + actual + " vs " + expected);
    assertEquals(xattrs(expected), xattrs(actual), "getfattr -R of " + actual + " vs "
        + expected);
    Map<String, Facts> want = stats(expected);
    Map<String, Facts> have = stats(actual);
    assertEquals(want.keySet(), have.keySet(), "the names in " + actual);
    assertEquals(linkGroups(want), linkGroups(have), "names sharing an inode in " + actual);
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, Facts> e : want.entrySet()) {
      Facts w = e.getValue();
      Facts h = have.get(e.getKey());
      if (!w.comparable().equals(h.comparable())) {
        problems.add(e.getKey() + ": " + h.comparable() + ", expected " + w.comparable());
      }
      if (w.type().startsWith("regular") && Math.abs(w.blocks() - h.blocks()) > BLOCK_TOLERANCE) {
        problems.add(e.getKey() + ": " + h.blocks() + " blocks, expected " + w.blocks());
      }
      if (w.type().startsWith("regular")) {
        Shell.Outcome cmp = Shell.attempt(expected, "cmp '" + e.getKey() + "' '"
            + actual.resolve(e.getKey()) + "'");
        if (cmp.exitCode() != 0) {
          problems.add(e.getKey() + ": " + cmp.stdoutText() + cmp.stderr());
        }
      }
    }
    assertEquals(List.of(), problems, "entries of " + actual + " that differ from " + expected);
  }

  /** Runs {@code script} in {@code dir} with the C locale and returns its output. */
  private static String run(Path dir, String script) {
    return new String(Shell.output(dir, "LC_ALL=C; export LC_ALL; " + script),
        StandardCharsets.UTF_8);
  }

  /** Splits a listing into its blank-line separated blocks and sorts them. */
  private static String sortedBlocks(String listing) {
    TreeSet<String> blocks = new TreeSet<>();
    for (String block : listing.split("\n\n")) {
      if (!block.isBlank()) {
        blocks.add(block.strip());
      }
    }
    return String.join("\n\n", blocks);
  }
}
