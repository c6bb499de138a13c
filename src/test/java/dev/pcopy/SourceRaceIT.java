package dev.pcopy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pcopy.testing.AttackLoop;
import dev.pcopy.testing.Pcopy;
import dev.pcopy.testing.PcopyResult;
import dev.pcopy.testing.RunningPcopy;
import dev.pcopy.testing.Shell;
import dev.pcopy.testing.TestTrees;
import dev.pcopy.testing.TreeAssert;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user who may write into SRC attacks a copy that root runs (issue 11 item 2; rsync's
 * CVE-2026-53797 and its tests {@code symlink-race-source} and {@code sender-scan-dir-escape}):
 * a directory of SRC is swapped for a symbolic link to a directory only root may read, while its
 * files are copied, or before it is listed. Symbolic links below SRC are never followed, so
 * nothing of the outside directory, neither a byte nor a name, reaches DST.
 */
class SourceRaceIT {
  /** Every outside file starts with this, and no source file holds it. */
  private static final String MARKER = "OUTSIDE-SECRET-MARKER";
  /** Bytes of every file on both sides, so that a swapped file passes the size check. */
  private static final int FILE_SIZE = 100;
  /** Names only the outside directory has: a listing of it would show them. */
  private static final Set<String> OUTSIDE_ONLY = Set.of("secret-only", "secret-dir");
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);

  @TempDir
  Path tmp;

  /**
   * {@code symlink-race-source}: src/sub is listed, then swapped (again and again) for a link to
   * an outside directory holding files of the same names and sizes, while the one worker copies
   * its files one by one. Today the worker opens each file by its full path and so reads the
   * outside files through the link.
   */
  @Test
  void srcDirectorySwappedForSymlinkWhileItsFilesAreCopied_nothingOutsideIsRead()
      throws IOException {
    assumeTrue(Shell.isRoot(), "the attack needs pcopy run as root and an unprivileged attacker");
    Path src = tmp.resolve("src");
    TestTrees tree = TestTrees.at(src.resolve("sub"), 23);
    for (int i = 0; i < 2_000; i++) {
      tree.file(String.format("file-%04d", i), FILE_SIZE, 0644);
    }
    tree.finish();
    Path outside = outsideDirectoryMirroring(src.resolve("sub"));
    Path dst = tmp.resolve("dst");
    handSourceToAttacker();

    PcopyResult result;
    try (RunningPcopy run = Pcopy.args("-w", "1", src.toString(), dst.toString())
            .workerDelay(2).timeout(RUN_TIMEOUT).start()) {
      run.awaitUntil("the first files copied", RUN_TIMEOUT,
          () -> TestTrees.countFiles(dst) > 10);
      result = raceUntilTheEnd(run, src, outside, "0.05");
    }

    assertNothingFromOutside(dst, result);
    assertTrue(result.exitCode() == 0 || result.exitCode() == 1, result.toString());
    ExitCodesIT.assertNoStackTrace(result);
  }

  /**
   * {@code sender-scan-dir-escape}: src/sub is found a directory in the listing of src, then
   * swapped for a link to the outside directory before the walk gets to list it. The walk is
   * held back by the bounded task queue: 600 directories of one file each come first, one task
   * each, more than the queue holds while a slowed worker copies them. Today the walk lists the
   * outside directory through the link and copies what it finds there.
   */
  @Test
  void srcDirectorySwappedForSymlinkBeforeItIsListed_nothingOutsideIsListed() throws IOException {
    assumeTrue(Shell.isRoot(), "the attack needs pcopy run as root and an unprivileged attacker");
    Path src = tmp.resolve("src");
    TestTrees tree = TestTrees.at(src, 29);
    for (int i = 0; i < 600; i++) {
      tree.file(String.format("a-%03d/file", i), FILE_SIZE, 0644);
    }
    for (int i = 0; i < 50; i++) {
      tree.file(String.format("sub/file-%04d", i), FILE_SIZE, 0644);
    }
    tree.finish();
    Path outside = outsideDirectoryMirroring(src.resolve("sub"));
    Path dst = tmp.resolve("dst");
    handSourceToAttacker();

    PcopyResult result;
    try (RunningPcopy run = Pcopy.args("-w", "1", src.toString(), dst.toString())
            .workerDelay(5).timeout(RUN_TIMEOUT).start()) {
      // A worker starts only once the walk has handed out a task, after listing src itself.
      run.awaitUntil("the first worker", RUN_TIMEOUT, () -> !run.workers().isEmpty());
      // The link stays most of the time, so that the walk most likely gets to src/sub while it
      // is there; the moments without it catch a check made once and trusted later.
      result = raceUntilTheEnd(run, src, outside, "0.5");
    }

    assertNothingFromOutside(dst, result);
    assertTrue(result.exitCode() == 0 || result.exitCode() == 1, result.toString());
    ExitCodesIT.assertNoStackTrace(result);
  }

  /**
   * The other side of the rule: SRC as written is resolved as the user wrote it, links in its
   * own path included, as today; only below it is no link followed. (This holds today; it
   * guards the fix from going too far.)
   */
  @Test
  void srcArgumentReachedThroughSymlinks_isUsedAsWritten() throws IOException {
    Path real = TestTrees.at(tmp.resolve("data/project"), 37).file("a", 10, 0644)
        .file("sub/b", 10, 0644).finish();
    Files.createSymbolicLink(tmp.resolve("home"), tmp.resolve("data"));
    Path dst = tmp.resolve("dst");

    PcopyResult result = Pcopy.args(tmp.resolve("home/project").toString(), dst.toString()).run();

    assertEquals(0, result.exitCode(), result.toString());
    TreeAssert.assertSameTree(real, dst);
  }

  /**
   * Runs the attacker in src until the run ends, checking that it swapped src/sub at least
   * once while the run was going on; the link stays {@code holdSeconds} each time.
   */
  private static PcopyResult raceUntilTheEnd(RunningPcopy run, Path src, Path outside,
      String holdSeconds) {
    try (AttackLoop attack = AttackLoop.swappingForLink(src, "sub", outside, holdSeconds)) {
      run.awaitUntil("the attacker's first swap of src/sub", RUN_TIMEOUT,
          () -> attack.attacks() >= 1);
      PcopyResult result = run.awaitExit(RUN_TIMEOUT);
      assertTrue(attack.attacks() >= 1, attack.describe());
      return result;
    }
  }

  /**
   * Makes a directory only root may read, holding a marked file of the same name and size for
   * every file of {@code mirrored}, and the entries of {@link #OUTSIDE_ONLY}.
   */
  private Path outsideDirectoryMirroring(Path mirrored) throws IOException {
    Path outside = Files.createDirectory(tmp.resolve("outside"));
    List<Path> names;
    try (Stream<Path> files = Files.list(mirrored)) {
      names = files.map(Path::getFileName).toList();
    }
    for (Path name : names) {
      Files.write(outside.resolve(name), marked());
    }
    Files.write(outside.resolve("secret-only"), marked());
    Files.write(Files.createDirectory(outside.resolve("secret-dir")).resolve("file"), marked());
    Files.setAttribute(outside, "unix:mode", 0700);
    return outside;
  }

  private static byte[] marked() {
    byte[] bytes = (MARKER + " ".repeat(FILE_SIZE)).substring(0, FILE_SIZE)
        .getBytes(StandardCharsets.US_ASCII);
    assertEquals(FILE_SIZE, bytes.length);
    return bytes;
  }

  /** Lets the attacker (nobody) reach src and rename entries in it; src/sub stays root's. */
  private void handSourceToAttacker() throws IOException {
    Files.setAttribute(tmp, "unix:mode", 0755);
    Shell.run(tmp, "chown 65534:65534 src");
  }

  /**
   * Asserts that no name in {@code dst} is one only the outside directory has (it was listed)
   * and that no file in {@code dst} holds the marker (it was read).
   */
  private static void assertNothingFromOutside(Path dst, PcopyResult result) throws IOException {
    List<Path> all;
    try (Stream<Path> walk = Files.walk(dst)) {
      all = walk.toList();
    }
    List<String> listed = all.stream()
        .filter(p -> OUTSIDE_ONLY.contains(p.getFileName().toString()))
        .map(p -> dst.relativize(p).toString()).sorted().toList();
    assertEquals(List.of(), listed, "the outside directory was listed\n" + result);
    List<String> read = all.stream()
        .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && holdsMarker(p))
        .map(p -> dst.relativize(p).toString()).sorted().toList();
    assertEquals(List.of(), read.subList(0, Math.min(read.size(), 20)),
        read.size() + " files of dst hold the outside files' content\n" + result);
  }

  private static boolean holdsMarker(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(MARKER);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
