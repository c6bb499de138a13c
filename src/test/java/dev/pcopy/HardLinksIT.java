package dev.pcopy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.testing.ExactTree;
import dev.pcopy.testing.Pcopy;
import dev.pcopy.testing.PcopyResult;
import dev.pcopy.testing.Shell;
import dev.pcopy.testing.TreeAssert;
import dev.pcopy.testing.TreeSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hard links, as {@code cp -a} keeps them: names that share an inode in SRC share one in DST,
 * within a directory and across directories; a re-run copies nothing; a group that a re-run
 * finds split is mended by linking, not by a new copy; {@code --no-hard-links} copies them
 * apart.
 */
class HardLinksIT {
  @TempDir
  Path tmp;

  private Path src;
  private Path dst;

  /**
   * SRC: {@code a/f}, {@code a/g} and {@code b/h} are one file (three links, across
   * directories); {@code d/x} and {@code d/y} another (two links in one directory);
   * {@code c/single} has one link.
   */
  @BeforeEach
  void tree() {
    src = tmp.resolve("src");
    dst = tmp.resolve("dst");
    Shell.run(tmp, "mkdir -p src/a src/b src/c src/d"
        + " && head -c 3000 /dev/urandom > src/a/f && ln src/a/f src/a/g && ln src/a/f src/b/h"
        + " && printf 'two names' > src/d/x && ln src/d/x src/d/y"
        + " && printf 'alone' > src/c/single");
  }

  @Test
  void copy_keepsEveryGroup_withinAndAcrossDirectories() throws IOException {
    PcopyResult result = Pcopy.args(src.toString(), dst.toString()).run();

    assertEquals(0, result.exitCode(), result.toString());
    assertEquals(List.of(Set.of("./a/f", "./a/g", "./b/h"), Set.of("./d/x", "./d/y")),
        ExactTree.linkGroups(ExactTree.stats(dst)), result.toString());
    assertEquals(3, links(dst.resolve("b/h")));
    assertEquals(2, links(dst.resolve("d/y")));
    assertEquals(1, links(dst.resolve("c/single")));
    TreeAssert.assertSameTree(src, dst);
  }

  @Test
  void rerun_copiesNothing_andLeavesEveryGroupAsItIs() {
    assertEquals(0, Pcopy.args(src.toString(), dst.toString()).run().exitCode());
    TreeSnapshot before = TreeSnapshot.of(dst);

    PcopyResult rerun = Pcopy.args(src.toString(), dst.toString()).run();

    assertEquals(0, rerun.exitCode(), rerun.toString());
    assertEquals(0, rerun.summaryCount("file"), rerun.toString());
    assertEquals(6, rerun.summaryCount("unchanged"), rerun.toString());
    before.assertUnchanged("DST", rerun);
  }

  /**
   * A member deleted from DST is made again as a link to the others (the content is there
   * already), not as a new copy: the group keeps one inode and its full link count.
   */
  @Test
  void rerun_afterAMemberWasDeleted_mendsTheGroupByLinking() throws IOException {
    assertEquals(0, Pcopy.args(src.toString(), dst.toString()).run().exitCode());
    Object inode = inode(dst.resolve("a/f"));
    Files.delete(dst.resolve("a/g"));
    Files.delete(dst.resolve("d/x"));

    PcopyResult rerun = Pcopy.args("-v", src.toString(), dst.toString()).run();

    assertEquals(0, rerun.exitCode(), rerun.toString());
    assertEquals(inode, inode(dst.resolve("a/g")), rerun.toString());
    assertEquals(inode, inode(dst.resolve("a/f")), "the anchor was copied again");
    assertEquals(inode(dst.resolve("d/y")), inode(dst.resolve("d/x")), rerun.toString());
    assertEquals(3, links(dst.resolve("a/f")));
    assertEquals(2, links(dst.resolve("d/x")));
    List<String> actions = rerun.stdoutLines().stream()
        .filter(l -> !l.startsWith("pcopy: ")).sorted().toList();
    assertEquals(2, actions.size(), rerun.toString());
    assertTrue(actions.get(0).startsWith("hardlink a/g => "), rerun.toString());
    assertEquals("hardlink d/x => d/y", actions.get(1), rerun.toString());
    assertTrue(rerun.summaryLine().orElseThrow().startsWith("pcopy: copied 2 files, 0 links, 0 B"),
        rerun.toString());
  }

  /** The member a fresh copy would have written first is gone: another one anchors the group. */
  @Test
  void rerun_afterTheFirstMemberWasDeleted_linksItToTheOthers() throws IOException {
    assertEquals(0, Pcopy.args(src.toString(), dst.toString()).run().exitCode());
    Object inode = inode(dst.resolve("b/h"));
    Files.delete(dst.resolve("a/f"));

    PcopyResult rerun = Pcopy.args(src.toString(), dst.toString()).run();

    assertEquals(0, rerun.exitCode(), rerun.toString());
    assertEquals(inode, inode(dst.resolve("a/f")), rerun.toString());
    assertEquals(3, links(dst.resolve("a/f")));
    assertTrue(rerun.summaryLine().orElseThrow().contains(", 0 B in "), rerun.toString());
  }

  @Test
  void noHardLinks_copiesEveryNameApart() throws IOException {
    PcopyResult result = Pcopy.args("--no-hard-links", src.toString(), dst.toString()).run();

    assertEquals(0, result.exitCode(), result.toString());
    assertEquals(List.of(), ExactTree.linkGroups(ExactTree.stats(dst)), result.toString());
    Set<Object> inodes = new TreeSet<>();
    for (String name : List.of("a/f", "a/g", "b/h")) {
      assertEquals(1, links(dst.resolve(name)), name);
      inodes.add(inode(dst.resolve(name)).toString());
    }
    assertEquals(3, inodes.size());
    TreeAssert.assertSameTree(src, dst);
    assertEquals(6, result.summaryCount("file"), result.toString());
  }

  @Test
  void dryRun_listsOneCopyPerGroupAndLinksForTheRest() {
    PcopyResult dry = Pcopy.args("-n", src.toString(), dst.toString()).run();

    assertEquals(0, dry.exitCode(), dry.toString());
    List<String> lines = dry.stdoutLines();
    assertEquals(1, lines.stream().filter(l -> l.matches("copy (a/f|a/g|b/h)")).count(),
        dry.toString());
    assertEquals(2, lines.stream().filter(l -> l.matches("hardlink (a/f|a/g|b/h) => .*"))
        .count(), dry.toString());
    assertEquals(1, lines.stream().filter(l -> l.matches("hardlink d/. => d/.")).count(),
        dry.toString());
    assertTrue(lines.contains("copy c/single"), dry.toString());
    assertFalse(Files.exists(dst), "a dry run wrote DST");
  }

  private static Object inode(Path p) throws IOException {
    return Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS);
  }

  private static int links(Path p) throws IOException {
    return (Integer) Files.getAttribute(p, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
  }
}
