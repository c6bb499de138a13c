package dev.pcopy;

import static dev.pcopy.testing.TreeAssert.assertNoTempFilesOutside;
import static dev.pcopy.testing.TreeAssert.assertSameFile;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pcopy.testing.AttackLoop;
import dev.pcopy.testing.Pcopy;
import dev.pcopy.testing.PcopyResult;
import dev.pcopy.testing.RunningPcopy;
import dev.pcopy.testing.Shell;
import dev.pcopy.testing.TestTrees;
import dev.pcopy.testing.TreeAssert;
import dev.pcopy.testing.TreeSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user who may write into DST attacks a copy that root runs (issue 11, items 1 and 3; rsync's
 * CVE-2026-53796): a directory of DST swapped for a symbolic link to an outside directory while
 * the copy runs, and a file of DST that is a hard link to an outside file. Whatever the attack,
 * nothing outside DST is written, chowned or chmodded, and no temporary file is left outside DST.
 */
class DestinationRaceIT {
  /**
   * Files right in src/sub (and a few more in a directory below it): enough that the copy lasts
   * seconds and the swap lands many times.
   */
  private static final int FILES = 2_500;
  private static final int NESTED_FILES = 100;
  /** Per entry, so that a single worker takes several seconds over the tree. */
  private static final int DELAY_MS = 2;
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);

  @TempDir
  Path tmp;

  /**
   * The attack of issue 11 item 1, as found: {@code -w 1} as root, while the unprivileged owner
   * of DST keeps renaming {@code DST/sub} away and putting {@code DST/sub -> outside} in its
   * place (and back, so that a check made once is not enough). Today files, temporary files and
   * directories go into the outside directory, which at the end gets the source directory's
   * owner and mode.
   */
  @Test
  void dstSubdirectorySwappedForSymlink_nothingOutsideDstChanges() throws IOException {
    assumeTrue(Shell.isRoot(), "the attack needs pcopy run as root and an unprivileged attacker");
    // The attacker must reach DST, which it owns; the outside directory it cannot write to.
    Files.setAttribute(tmp, "unix:mode", 0755);
    Path src = tmp.resolve("src");
    TestTrees tree = TestTrees.at(src.resolve("sub"), 17);
    for (int i = 0; i < FILES; i++) {
      tree.file(String.format("file-%04d", i), 100, 0644);
    }
    for (int i = 0; i < NESTED_FILES; i++) {
      tree.file(String.format("nested/file-%03d", i), 100, 0644);
    }
    tree.finish();
    // As in the issue: a source directory of the attacker's, so that a chown or chmod that goes
    // through the link hands the outside directory to the attacker.
    Shell.run(tmp, "chown 65534:65534 src/sub && chmod 0700 src/sub");
    Path outside = outsideDirectory();
    Path dst = Files.createDirectory(tmp.resolve("dst"));
    Shell.run(tmp, "chown 65534:65534 dst && chmod 0755 dst");
    TreeSnapshot before = TreeSnapshot.of(outside);

    PcopyResult result;
    try (RunningPcopy run = Pcopy.args("-w", "1", src.toString(), dst.toString())
            .workerDelay(DELAY_MS).timeout(RUN_TIMEOUT).start();
        AttackLoop attack = AttackLoop.swappingForLink(dst, "sub", outside, "0.05")) {
      run.awaitUntil("the attacker's first swap of dst/sub", RUN_TIMEOUT,
          () -> attack.attacks() >= 1);
      result = run.awaitExit(RUN_TIMEOUT);
      assertTrue(attack.attacks() >= 1, attack.describe());
    }

    before.assertUnchanged("the directory the attacker's link pointed at", result);
    assertNoTempFilesOutside(tmp, dst);
    assertTrue(result.exitCode() == 0 || result.exitCode() == 1,
        "neither a copy nor failed entries\n" + result);
    ExitCodesIT.assertNoStackTrace(result);
  }

  /**
   * Issue 11 item 3: {@code DST/f} is a hard link to an outside file (root's, mode 0600) with
   * the source's size and time, so the quick check says "same content, fix the mode and owner".
   * Fixing them in place would change the outside inode; the target must be replaced instead.
   */
  @Test
  void dstFileHardLinkedToAnOutsideFile_outsideFileKeepsItsModeAndOwner() throws IOException {
    Path src = TestTrees.at(tmp.resolve("src"), 11).file("f", 100, 0644).finish();
    Path outside = Files.createDirectory(tmp.resolve("outside")).resolve("secret");
    byte[] secret = "outside content, the same size as the source: ".repeat(3)
        .substring(0, 100).getBytes();
    Files.write(outside, secret);
    Files.setAttribute(outside, "unix:mode", 0600);
    Files.setLastModifiedTime(outside, Files.getLastModifiedTime(src.resolve("f")));
    if (Shell.isRoot()) {
      // Run as root, pcopy also fixes owners: give the source one the outside file has not.
      Shell.run(tmp, "chown 1234:1234 src/f && chmod 0644 src/f");
    }
    int uid = (Integer) Files.getAttribute(outside, "unix:uid");
    int gid = (Integer) Files.getAttribute(outside, "unix:gid");
    Path dst = Files.createDirectory(tmp.resolve("dst"));
    Files.createLink(dst.resolve("f"), outside);

    PcopyResult result = Pcopy.args(src.toString(), dst.toString()).run();

    assertEquals(0600, (Integer) Files.getAttribute(outside, "unix:mode") & 07777,
        "the outside file's mode changed\n" + result);
    assertEquals(uid, Files.getAttribute(outside, "unix:uid"), "outside file's owner changed");
    assertEquals(gid, Files.getAttribute(outside, "unix:gid"), "outside file's group changed");
    assertArrayEquals(secret, Files.readAllBytes(outside), "the outside file's content changed");
    assertEquals(0, result.exitCode(), result.toString());
    // Replaced by a new file, the target is a true copy of the source.
    assertSameFile(src.resolve("f"), dst.resolve("f"));
    if (Shell.isRoot()) {
      assertEquals(1234, Files.getAttribute(dst.resolve("f"), "unix:uid",
          LinkOption.NOFOLLOW_LINKS), "the copy did not get the source's owner");
    }
  }

  /**
   * A link's or special file's temporary entry swapped, while root gives it its owner, for a
   * hard link to a file outside DST that the attacker may link (its own): before, the owner,
   * times and attributes were set by name and went to the outside file (a root-owned
   * group-writable file changed hands this way), and the swapped-in file reached the final name
   * with exit 0. Now they go through a handle on the entry made, checked to be it, and the
   * entry fails.
   */
  @Test
  void tempEntrySwappedForAHardLinkToAnOutsideFile_theOutsideFileKeepsItsOwnerAndTime()
      throws IOException, InterruptedException {
    assumeTrue(Shell.isRoot(), "needs root: the attack is on a root run that gives owners");
    Path src = Files.createDirectories(tmp.resolve("src"));
    for (int i = 0; i < 6; i++) {
      Files.createSymbolicLink(src.resolve("l" + i), Path.of("target" + i));
      Files.createFile(src.resolve("fifo-placeholder" + i));
    }
    Shell.run(tmp, "for i in 0 1 2 3 4 5; do rm src/fifo-placeholder$i && mkfifo src/p$i; done"
        + " && chown -h 1234:1234 src/l* src/p* && touch -h -d 2001-01-01 src/l* src/p*");
    Path dst = Files.createDirectory(tmp.resolve("dst"));
    Path outside = Files.createDirectory(tmp.resolve("outside"));
    // The attacker reaches the outside file from DST: through the test's directory (0700).
    Shell.run(tmp, "chmod 0755 . && chmod 0777 dst outside && echo mine > outside/victim"
        + " && chown 65534:65534 outside/victim && touch -d 2020-02-02 outside/victim");
    FileTime before = Files.getLastModifiedTime(outside.resolve("victim"));

    PcopyResult result;
    long attacks;
    try (AttackLoop attacker = AttackLoop.start(dst, "for t in .pcopy-*; do"
        + " [ -e \"$t\" ] || [ -L \"$t\" ] || continue;"
        + " ln -f ../outside/victim .swap && mv -f .swap \"$t\" && echo swapped; done;"
        + " sleep 0.01")) {
      result = Pcopy.args("-w", "1", src.toString(), dst.toString()).madeDelay(300).run();
      attacks = attacker.attacks();
    }

    assertTrue(attacks > 0, "the attacker never got a turn\n" + result);
    Path victim = outside.resolve("victim");
    assertEquals(65534, Files.getAttribute(victim, "unix:uid"), "outside file chowned\n" + result);
    assertEquals(before, Files.getLastModifiedTime(victim), "outside file's time set\n" + result);
    assertEquals(1, result.exitCode(), result.toString());
    assertTrue(result.stderr().contains("was replaced while it was being written"),
        result.toString());
    try (var names = Files.list(dst)) {
      for (Path p : (Iterable<Path>) names::iterator) {
        if (p.getFileName().toString().matches("[lp][0-9]")) {
          assertFalse(Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS),
              p + " is the attacker's file\n" + result);
        }
      }
    }
  }

  /**
   * A file's finished temporary copy replaced, before its rename, by a file of the attacker's:
   * the rename puts the attacker's file at the final name. Before, the run said nothing and
   * ended with exit 0 (235 of 1,000 files in a hostile try); now each such entry is named as a
   * failure, exit 1, so that no run claims a copy it did not make.
   */
  @Test
  void finishedCopySwappedBeforeItsRename_theEntryFails() throws IOException {
    assumeTrue(Shell.isRoot(), "needs root: the attacker is another user");
    Path src = Files.createDirectories(tmp.resolve("src"));
    List<String> names = new java.util.ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Files.writeString(src.resolve("f" + i), "the source's own bytes " + i);
      names.add("f" + i);
    }

    assertEverySwapNamed(src, names);
  }

  /**
   * A hard link's temporary name replaced, before its rename, by a file of the attacker's: the
   * rename would publish it as a member of the group. Before, the run said nothing and ended
   * with exit 0 (12 to 16 names of 50 in a hostile try); now each such entry is named.
   */
  @Test
  void hardLinkTempSwappedBeforeItsRename_theEntryFails() throws IOException {
    assumeTrue(Shell.isRoot(), "needs root: the attacker is another user");
    Path src = Files.createDirectories(tmp.resolve("src"));
    List<String> names = new java.util.ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Files.writeString(src.resolve("h" + i), "linked " + i);
      Files.createLink(src.resolve("h" + i + "b"), src.resolve("h" + i));
      names.addAll(List.of("h" + i, "h" + i + "b"));
    }

    assertEverySwapNamed(src, names);
  }

  /**
   * Copies {@code src} into a DST that user nobody may write, with a pause before each rename
   * during which nobody puts a file of its own ("evil") at every temporary name it finds: the
   * run must end with exit 1 and name each of {@code names} that holds the attacker's bytes.
   */
  private void assertEverySwapNamed(Path src, List<String> names) throws IOException {
    Path dst = Files.createDirectory(tmp.resolve("dst"));
    Shell.run(tmp, "chmod 0755 . && chmod 0777 dst");

    PcopyResult result;
    long attacks;
    try (AttackLoop attacker = AttackLoop.start(dst, "for t in .pcopy-*; do"
        + " [ -f \"$t\" ] || continue;"
        + " echo evil > .swap && mv -f .swap \"$t\" && echo swapped; done;"
        + " sleep 0.01")) {
      result = Pcopy.args("-w", "1", src.toString(), dst.toString()).madeDelay(300).run();
      attacks = attacker.attacks();
    }

    assertTrue(attacks > 0, "the attacker never got a turn\n" + result);
    assertEquals(1, result.exitCode(), result.toString());
    for (String name : names) {
      Path copy = dst.resolve(name);
      if (Files.exists(copy) && Files.readString(copy).startsWith("evil")) {
        assertTrue(result.stderr().contains(name + ": its temporary copy was replaced"),
            name + " holds the attacker's bytes, not named\n" + result);
      }
    }
  }

  /**
   * The other side of the rule, rsync issue #1067: DST as written is resolved as the user wrote
   * it, links in its own path included (a mount reached through a link, say); only below it is
   * no link followed. rsync 3.5.0 broke exactly this ("Too many levels of symbolic links").
   * (This holds today; it guards the fix from going too far.)
   */
  @Test
  void dstArgumentReachedThroughSymlinks_isUsedAsWritten() throws IOException {
    Path src = TestTrees.at(tmp.resolve("src"), 13).file("a", 10, 0644).file("sub/b", 10, 0644)
        .finish();
    Path real = Files.createDirectories(tmp.resolve("volumes/backup"));
    Files.createSymbolicLink(tmp.resolve("mnt"), tmp.resolve("volumes"));
    Files.createSymbolicLink(real.resolve("current"), Files.createDirectory(real.resolve("v1")));

    PcopyResult result = Pcopy.args(src.toString(), tmp.resolve("mnt/backup/current").toString())
        .run();

    assertEquals(0, result.exitCode(), result.toString());
    TreeAssert.assertContainsTree(src, real.resolve("v1"));
  }

  /**
   * Makes a root-owned 0755 directory beside DST with a file and a directory in it and an old
   * time, like {@code /etc}: what an attacker would point a link at.
   */
  private Path outsideDirectory() throws IOException {
    Path outside = tmp.resolve("outside");
    TestTrees tree = TestTrees.at(outside, 5).file("keep", 10, 0644).directory("keep-dir", 0755);
    Files.setAttribute(outside, "unix:mode", 0755);
    tree.finish();
    Files.setLastModifiedTime(outside, FileTime.fromMillis(1_000_000_000_000L));
    return outside;
  }
}
