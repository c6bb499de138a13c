package dev.pcopy;

import static dev.pcopy.testing.TreeAssert.assertContainsTree;
import static dev.pcopy.testing.TreeAssert.assertNoTempFiles;
import static dev.pcopy.testing.TreeAssert.assertSameTree;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pcopy.testing.Pcopy;
import dev.pcopy.testing.PcopyResult;
import dev.pcopy.testing.Shell;
import dev.pcopy.testing.TestTrees;
import dev.pcopy.testing.TreeSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Copies into a destination that already holds things: merging leaves the destination's own
 * entries alone, a re-run skips files whose size and time match, {@code --force} copies them all
 * again, and changed files are brought up to date.
 */
class MergeAndRerunIT {
  @TempDir
  Path tmp;

  @Test
  void merge_intoExistingTarget_leavesEntriesTheSourceLacksUntouched() throws IOException {
    Path src = TestTrees.richTree(tmp.resolve("src"));
    Path dst = TestTrees.at(tmp.resolve("dst"), 9)
        .file("own-file", 100, 0600)
        .file("docs/own-note", 30, 0644)
        .file("own-dir/inside", 40, 0644)
        .link("own-link", "own-file")
        .finish();
    TreeSnapshot ownBefore = snapshotOf(dst, "own-file", "docs/own-note", "own-dir", "own-link");

    PcopyResult result = Pcopy.args(src.toString(), dst.toString()).run();

    assertEquals(0, result.exitCode(), result.toString());
    assertContainsTree(src, dst);
    TreeSnapshot ownAfter = snapshotOf(dst, "own-file", "docs/own-note", "own-dir", "own-link");
    assertEquals(ownBefore.entries(), ownAfter.entries(), ownBefore.describeChangesTo(ownAfter));
    assertNoTempFiles(dst);
  }

  @Test
  void rerun_unchangedFiles_areSkippedBySizeAndTime() throws IOException {
    Path src = copiedOnce();
    Path dst = tmp.resolve("dst");
    // Same size and time, other bytes: only a skipped file keeps them.
    Path tampered = tamperKeepingSizeAndTime(dst.resolve("docs/readme.txt"));
    Map<Path, Object> inodes = inodes(dst);

    PcopyResult rerun = Pcopy.args(src.toString(), dst.toString()).run();

    assertEquals(0, rerun.exitCode(), rerun.toString());
    assertEquals(0, rerun.summaryCount("file"), rerun.toString());
    assertEquals(0, rerun.summaryCount("link"), rerun.toString());
    assertEquals(inodes, inodes(dst), "a re-run replaced entries that were up to date");
    assertArrayEquals(new byte[100], Files.readAllBytes(tampered), "tampered file was recopied");
  }

  @Test
  void aTimePast2262_isKeptToTheMicrosecond_andTheFileIsSkippedOnRerun() throws IOException {
    Path src = TestTrees.at(tmp.resolve("src"), 41).file("far", 10, 0644).finish();
    // The JDK cannot set such a time (it counts nanoseconds in a long); touch can.
    Shell.run(src, "touch -d '2300-01-01 00:00:00.999999999 UTC' far");
    Path dst = tmp.resolve("dst");

    PcopyResult first = Pcopy.args(src.toString(), dst.toString()).run();
    PcopyResult rerun = Pcopy.args(src.toString(), dst.toString()).run();

    assertEquals(0, first.exitCode(), first.toString());
    assertEquals(Instant.parse("2300-01-01T00:00:00.999999Z"),
        Files.getLastModifiedTime(dst.resolve("far")).toInstant());
    assertEquals(0, rerun.exitCode(), rerun.toString());
    assertEquals(0, rerun.summaryCount("file"), rerun.toString());
    assertEquals(1, rerun.summaryCount("unchanged"), rerun.toString());
  }

  @Test
  void rerun_ofAnUnchangedTree_needsNoWorkerProcess() throws IOException {
    Path src = copiedOnce();
    Path dst = tmp.resolve("dst");

    // A worker JVM cannot start with this option: the run succeeds only if it starts none.
    PcopyResult rerun = Pcopy.args(src.toString(), dst.toString())
        .env("PCOPY_WORKER_JAVA_OPTS", "-XX:+NoSuchOptionInAnyJvm").run();

    assertEquals(0, rerun.exitCode(), rerun.toString());
    assertEquals(0, rerun.summaryCount("file"), rerun.toString());
    assertSameTree(src, dst);
  }

  /**
   * A finished copy needs no write at all, so checking it on a read-only mount (a backup disk,
   * say) succeeds. The mount needs a mount namespace of the test's own.
   */
  @Test
  void rerun_ofACompleteCopyOnAReadOnlyMount_succeedsWithEverythingUnchanged() throws IOException {
    Path src = copiedOnce();
    Path dst = tmp.resolve("dst");
    Map<Path, Object> inodes = inodes(dst);
    String readOnly = "exec unshare -rm sh -c 'mount --bind dst dst && "
        + "mount -o remount,bind,ro dst && exec \"$PCOPY\" %s'";
    PcopyResult probe = Pcopy.shell(String.format(readOnly, "--version")).in(tmp).run();
    assumeTrue(probe.exitCode() == 0, "no private read-only mount on this machine: " + probe);

    PcopyResult rerun = Pcopy.shell(String.format(readOnly, "src dst")).in(tmp).run();
    PcopyResult write = Pcopy.shell("exec unshare -rm sh -c 'mount --bind dst dst && "
        + "mount -o remount,bind,ro dst && exec touch dst/probe'").in(tmp).run();

    assertEquals(0, rerun.exitCode(), rerun.toString());
    assertEquals("", rerun.stderr(), rerun.toString());
    assertEquals(0, rerun.summaryCount("file"), rerun.toString());
    assertEquals(0, rerun.summaryCount("failed"), rerun.toString());
    assertNotEquals(0, write.exitCode(), "the mount was writable, so the test proves nothing");
    assertEquals(inodes, inodes(dst));
    assertSameTree(src, dst);
  }

  @Test
  void rerun_withChangedFiles_stillStartsWorkersForThem() throws IOException {
    Path src = copiedOnce();
    Path dst = tmp.resolve("dst");
    Files.writeString(src.resolve("docs/readme.txt"), "changed since the first run");

    PcopyResult rerun = Pcopy.args(src.toString(), dst.toString())
        .env("PCOPY_WORKER_JAVA_OPTS", "-XX:+NoSuchOptionInAnyJvm").run();

    assertNotEquals(0, rerun.exitCode(), "a changed file needs a worker: " + rerun);
  }

  @Test
  void rerun_withForce_copiesEverythingAgain() throws IOException {
    Path src = copiedOnce();
    Path dst = tmp.resolve("dst");
    tamperKeepingSizeAndTime(dst.resolve("docs/readme.txt"));
    Map<Path, Object> inodes = inodes(dst);

    PcopyResult forced = Pcopy.args("--force", src.toString(), dst.toString()).run();

    assertEquals(0, forced.exitCode(), forced.toString());
    assertEquals(0, forced.summaryCount("unchanged"), forced.toString());
    assertSameTree(src, dst);
    Map<Path, Object> after = inodes(dst);
    for (Map.Entry<Path, Object> e : inodes.entrySet()) {
      if (!Files.isDirectory(dst.resolve(e.getKey()), LinkOption.NOFOLLOW_LINKS)) {
        assertNotEquals(e.getValue(), after.get(e.getKey()), e.getKey() + " was not recopied");
      }
    }
  }

  @Test
  void rerun_afterSourceChanges_bringsTargetUpToDate() throws IOException {
    Path src = copiedOnce();
    Path dst = tmp.resolve("dst");

    Files.writeString(src.resolve("docs/readme.txt"), "new and longer content");
    Files.setLastModifiedTime(src.resolve("bin/tool"), time("2015-05-05T05:05:05.555555555Z"));
    Files.setAttribute(src.resolve("private/secret"), "unix:mode", 0640);
    Files.delete(dst.resolve("docs/empty.txt"));
    // New entries in a read-only directory: its copy is read-only (0555) from the first run.
    Path readOnly = src.resolve("read-only-dir");
    FileTime readOnlyTime = Files.getLastModifiedTime(readOnly);
    Files.setAttribute(readOnly, "unix:mode", 0755);
    TestTrees.at(readOnly, 11).file("added", 10, 0644).link("added-link", "added");
    Files.setAttribute(readOnly, "unix:mode", 0555);
    Files.setLastModifiedTime(readOnly, readOnlyTime);

    PcopyResult rerun = Pcopy.args(src.toString(), dst.toString()).run();

    assertEquals(0, rerun.exitCode(), rerun.toString());
    assertSameTree(src, dst);
    assertEquals(4, rerun.summaryCount("file"), rerun.toString());
  }

  /**
   * Root writes into read-only directories anyway; run without privileges so that the copy has
   * to open them up while it fills them (on the first run and on a re-run) and close them after.
   */
  @Test
  void rerun_unprivileged_fillsReadOnlyDirectoriesAndRestoresTheirModes() throws IOException {
    Path src = TestTrees.richTree(tmp.resolve("src"));
    Path dst = tmp.resolve("dst");
    Pcopy.handOverToUnprivilegedUser(tmp, src);
    PcopyResult first = Pcopy.args(src.toString(), dst.toString()).unprivileged().run();
    assertEquals(0, first.exitCode(), first.toString());
    assertSameTree(src, dst);
    assertEquals(Pcopy.unprivilegedUid(), Files.getAttribute(dst, "unix:uid"),
        "pcopy did not run as the unprivileged user");
    for (String dir : new String[] {"read-only-dir", "read-only-dir/sub"}) {
      Path d = src.resolve(dir);
      FileTime mtime = Files.getLastModifiedTime(d);
      Object mode = Files.getAttribute(d, "unix:mode");
      Files.setAttribute(d, "unix:mode", 0755);
      TestTrees.at(d, 12).file("added-later", 10, 0644);
      Files.setAttribute(d, "unix:mode", mode);
      Files.setLastModifiedTime(d, mtime);
    }
    Pcopy.handOverToUnprivilegedUser(tmp, src);

    PcopyResult rerun = Pcopy.args(src.toString(), dst.toString()).unprivileged().run();

    assertEquals(0, rerun.exitCode(), rerun.toString());
    assertSameTree(src, dst);
    assertEquals(2, rerun.summaryCount("file"), rerun.toString());
  }

  /** A target directory its owner may write and search but not read (0300), as cp -a repairs. */
  @Test
  void rerun_unprivileged_repairsATargetDirectoryItsOwnerCannotRead() throws IOException {
    Path src = TestTrees.at(tmp.resolve("src"), 13).file("d/inside", 10, 0644).finish();
    Path dst = TestTrees.at(tmp.resolve("dst"), 14).file("d/old", 5, 0644).finish();
    Files.setAttribute(src.resolve("d"), "unix:mode", 0755);
    Files.setAttribute(dst.resolve("d"), "unix:mode", 0300);
    Pcopy.handOverToUnprivilegedUser(tmp, src, dst);

    PcopyResult result = Pcopy.args(src.toString(), dst.toString()).unprivileged().run();

    assertEquals(0, result.exitCode(), result.toString());
    assertEquals(0755, (Integer) Files.getAttribute(dst.resolve("d"), "unix:mode") & 07777);
    assertEquals(Files.getLastModifiedTime(src.resolve("d")),
        Files.getLastModifiedTime(dst.resolve("d")));
    assertArrayEquals(Files.readAllBytes(src.resolve("d/inside")),
        Files.readAllBytes(dst.resolve("d/inside")));
    assertNoTempFiles(dst);
  }

  @Test
  void merge_targetIsSymlinkToDirectory_copiesIntoThatDirectory() throws IOException {
    Path src = TestTrees.richTree(tmp.resolve("src"));
    Path real = TestTrees.at(tmp.resolve("real"), 5).file("own-file", 10, 0644).finish();
    Path link = Files.createSymbolicLink(tmp.resolve("link"), real);

    PcopyResult result = Pcopy.args(src.toString(), link.toString()).run();

    assertEquals(0, result.exitCode(), result.toString());
    assertContainsTree(src, real);
  }

  private static TreeSnapshot snapshotOf(Path root, String... names) {
    Map<Path, String> all = new HashMap<>();
    for (String name : names) {
      TreeSnapshot s = TreeSnapshot.of(root.resolve(name));
      s.entries().forEach((rel, line) -> all.put(root.resolve(name).resolve(rel), line));
    }
    return new TreeSnapshot(root, all);
  }

  /** Overwrites a 100-byte file with zeros but keeps its size and time: what a skip cannot see. */
  private static Path tamperKeepingSizeAndTime(Path file) throws IOException {
    FileTime time = Files.getLastModifiedTime(file);
    Files.write(file, new byte[100]);
    Files.setLastModifiedTime(file, time);
    return file;
  }

  private static Map<Path, Object> inodes(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      return all.collect(Collectors.toMap(root::relativize, p -> {
        try {
          return Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }));
    }
  }

  private static FileTime time(String instant) {
    return FileTime.from(Instant.parse(instant));
  }

  /** Copies a rich tree from {@code tmp/src} to {@code tmp/dst} once and returns the source. */
  private Path copiedOnce() throws IOException {
    Path src = TestTrees.richTree(tmp.resolve("src"));
    PcopyResult first = Pcopy.args(src.toString(), tmp.resolve("dst").toString()).run();
    assertEquals(0, first.exitCode(), first.toString());
    return src;
  }
}
