package dev.pcopy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pcopy.testing.Pcopy;
import dev.pcopy.testing.PcopyResult;
import dev.pcopy.testing.RunningPcopy;
import dev.pcopy.testing.Shell;
import dev.pcopy.testing.TestTrees;
import dev.pcopy.testing.TreeAssert;
import dev.pcopy.testing.TreeSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smaller faults of issue 11 (item 8): files whose size says nothing ({@code /proc}), set-id
 * bits a copy may not keep, a file copied onto a hard link of itself, a source file that turns
 * into a directory. None may end in silent data loss, a privilege the user did not have, or a
 * misleading message.
 */
class SmallFaultsIT {
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);

  @TempDir
  Path tmp;

  /**
   * {@code /proc/cpuinfo} has size 0 in {@code stat} and its content only when read. Today it is
   * copied as 0 bytes with exit 0. Compared with a read made just after, less the lines that
   * change by the second ({@code cpu MHz}).
   */
  @Test
  void procCpuinfo_isCopiedWhole() throws IOException {
    Path copy = Files.createDirectory(tmp.resolve("dst")).resolve("cpuinfo");

    PcopyResult result = Pcopy.args("/proc/cpuinfo", copy.toString()).run();
    String now = Files.readString(Path.of("/proc/cpuinfo"), StandardCharsets.ISO_8859_1);

    assertEquals(0, result.exitCode(), result.toString());
    String copied = Files.readString(copy, StandardCharsets.ISO_8859_1);
    assertFalse(copied.isEmpty(), "copied as an empty file\n" + result);
    assertEquals(withoutCpuMhz(now), withoutCpuMhz(copied));
  }

  /** The same with a {@code /proc} file that does not change, compared exactly. */
  @Test
  void procFilesystems_isCopiedExactly() throws IOException {
    Path copy = Files.createDirectory(tmp.resolve("dst")).resolve("filesystems");

    PcopyResult result = Pcopy.args("/proc/filesystems", copy.toString()).run();

    assertEquals(0, result.exitCode(), result.toString());
    assertArrayEquals(Files.readAllBytes(Path.of("/proc/filesystems")), Files.readAllBytes(copy),
        "the copy differs from /proc/filesystems\n" + result);
  }

  /**
   * A {@code /sys} file says 4096 bytes and holds a short line: the copy is the line, as
   * {@code cp} makes it, not the line padded with NUL bytes to 4096. Skipped where no such file
   * is readable.
   */
  @Test
  void sysFileShorterThanItsSize_isCopiedAsRead_notPadded() throws IOException {
    Path sys = Stream.of("/sys/kernel/mm/transparent_hugepage/enabled", "/sys/power/state",
        "/sys/class/net/lo/address", "/sys/kernel/profiling").map(Path::of)
        .filter(SmallFaultsIT::readsShorterThanItsSize).findFirst().orElse(null);
    assumeTrue(sys != null, "no readable /sys file that reads shorter than its size here");
    Path copy = Files.createDirectory(tmp.resolve("dst")).resolve("copy");

    PcopyResult result = Pcopy.args(sys.toString(), copy.toString()).run();

    assertEquals(0, result.exitCode(), result.toString());
    assertArrayEquals(Files.readAllBytes(sys), Files.readAllBytes(copy),
        "the copy differs from " + sys + "\n" + result);
  }

  private static boolean readsShorterThanItsSize(Path p) {
    try {
      return Files.isReadable(p) && Files.readAllBytes(p).length < Files.size(p);
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * A user copying root's set-user-ID program gets a copy of its own: keeping the bit would give
   * that user a set-user-ID program of their own that they did not have. cp drops it when it
   * cannot keep the owner; so must pcopy, saying so. Today the copy is set-user-ID nobody.
   */
  @Test
  void unprivilegedCopyOfRootsSetUidFile_dropsTheSetUidBit_withAWarning() throws IOException {
    assertSetIdBitDroppedForUnprivilegedCopy("suid-tool", 04755, "set-user-ID");
  }

  /** The same for set-group-ID with a group the user is not in (root's group 0). */
  @Test
  void unprivilegedCopyOfSetGidFileOfAForeignGroup_dropsTheSetGidBit_withAWarning()
      throws IOException {
    assertSetIdBitDroppedForUnprivilegedCopy("sgid-tool", 02755, "set-group-ID");
  }

  /**
   * The other side of the rule: a set-user-ID file the user owns keeps its bit, since the copy
   * keeps the owner. (This holds today; it guards the fix from dropping too much.)
   */
  @Test
  void unprivilegedCopyOfItsOwnSetUidFile_keepsTheSetUidBit() throws IOException {
    assumeTrue(Shell.isRoot(), "needs root to run pcopy as another user");
    Pcopy.handOverToUnprivilegedUser(tmp);
    Path src = TestTrees.at(tmp.resolve("src"), 52).file("own-tool", 1000, 0755).finish();
    Pcopy.handOverToUnprivilegedUser(tmp, src);
    Files.setAttribute(src.resolve("own-tool"), "unix:mode", 04755);
    Path dst = tmp.resolve("dst");

    PcopyResult result = Pcopy.args(src.toString(), dst.toString()).unprivileged().run();

    assertEquals(0, result.exitCode(), result.toString());
    assertEquals(04755, mode(dst.resolve("own-tool")), result.toString());
    assertFalse(result.stderr().contains("set-user-ID"), result.toString());
  }

  /**
   * {@code pcopy a b} where b is a hard link to a: cp says "are the same file" and fails. Today
   * pcopy says "1 unchanged" and exits 0. It must refuse as bad input (exit 2) and write
   * nothing.
   */
  @Test
  void singleFileOntoAHardLinkOfItself_isRefusedAsTheSameFile() {
    Shell.run(tmp, "echo 'content that must survive' > a && ln a b");
    TreeSnapshot before = TreeSnapshot.of(tmp);

    PcopyResult result = Pcopy.args("a", "b").in(tmp).run();

    assertEquals(2, result.exitCode(), result.toString());
    assertTrue(result.stderr().contains("same file"), result.toString());
    before.assertUnchanged("the directory holding a and its hard link b", result);
  }

  /**
   * In a tree, DST/x is a hard link to SRC/x: that entry is refused as the same file (exit 1),
   * its content intact, and the rest is copied. Today it counts as unchanged.
   */
  @Test
  void treeWhoseTargetIsAHardLinkOfItsSource_refusesThatEntryAsTheSameFile() throws IOException {
    Path src = TestTrees.at(tmp.resolve("src"), 53).file("x", 100, 0644).file("y", 100, 0644)
        .finish();
    byte[] content = Files.readAllBytes(src.resolve("x"));
    Path dst = Files.createDirectory(tmp.resolve("dst"));
    Files.createLink(dst.resolve("x"), src.resolve("x"));

    PcopyResult result = Pcopy.args(src.toString(), dst.toString()).run();

    assertEquals(1, result.exitCode(), result.toString());
    assertTrue(result.stderrLines().stream().anyMatch(l -> l.startsWith("pcopy: error: ")
            && (l.contains(src.resolve("x").toString()) || l.contains(dst.resolve("x").toString()))
            && l.contains("same file")),
        "no error line saying x is the same file\n" + result);
    assertArrayEquals(content, Files.readAllBytes(src.resolve("x")), "src/x was damaged");
    assertArrayEquals(content, Files.readAllBytes(dst.resolve("x")), "dst/x was damaged");
    TreeAssert.assertSameFile(src.resolve("y"), dst.resolve("y"));
  }

  /**
   * A source file replaced by a directory after it was listed (the workers pause two seconds
   * before each entry, so listing and copying are far apart). Today the reason is "No such
   * device", which sends the user looking for a broken disk; it must say it is a directory.
   */
  @Test
  void sourceFileSwappedForADirectoryAfterListing_isReportedAsADirectory() {
    Path src = TestTrees.at(tmp.resolve("src"), 54).file("a", 10, 0644).file("b-victim", 10, 0644)
        .file("c", 10, 0644).finish();
    Path dst = tmp.resolve("dst");

    PcopyResult result;
    try (RunningPcopy run = Pcopy.args("-w", "1", src.toString(), dst.toString())
        .workerDelay(2_000).timeout(RUN_TIMEOUT).start()) {
      // The only worker starts once the walk has listed src and handed out its one task.
      run.awaitUntil("the worker", RUN_TIMEOUT, () -> !run.workers().isEmpty());
      Shell.run(src, "rm b-victim && mkdir b-victim");
      result = run.awaitExit(RUN_TIMEOUT);
    }

    assertFalse(Files.isRegularFile(dst.resolve("b-victim"), LinkOption.NOFOLLOW_LINKS),
        "the file was copied before the swap, so the test proved nothing\n" + result);
    assertEquals(1, result.exitCode(), result.toString());
    String line = result.stderrLines().stream()
        .filter(l -> l.startsWith("pcopy: error: ") && l.contains("b-victim")).findFirst()
        .orElseThrow(() -> new AssertionError("no error line about b-victim\n" + result));
    assertTrue(line.toLowerCase(Locale.ROOT).contains("directory"), line);
    assertFalse(line.contains("No such device"), line);
  }

  /**
   * A changed file in an append-only directory ({@code chattr +a}: entries may be made there,
   * not renamed over or removed): its new copy cannot be put in place, nor its temporary file
   * removed. A warning names that file and says the next run removes it, which the next run,
   * with the attribute gone, does. Needs root and a file system that has the attribute.
   */
  @Test
  void temporaryFileThatCannotBeRemoved_isNamedInAWarning_andTheNextRunRemovesIt()
      throws IOException {
    assumeTrue(Shell.isRoot(), "chattr +a needs root");
    Path src = TestTrees.at(tmp.resolve("src"), 55).file("sub/g", 10, 0644).finish();
    Path dst = tmp.resolve("dst");
    PcopyResult first = Pcopy.args("-q", src.toString(), dst.toString()).run();
    assertEquals(0, first.exitCode(), first.toString());
    Files.writeString(src.resolve("sub/g"), "changed content");
    Path sub = dst.resolve("sub");
    assumeTrue(Shell.attempt(sub, "chattr +a .").exitCode() == 0,
        "no append-only attribute on this file system");

    PcopyResult result;
    try {
      result = Pcopy.args(src.toString(), dst.toString()).run();
    } finally {
      Shell.run(sub, "chattr -a .");
    }

    assertEquals(1, result.exitCode(), result.toString());
    String temp;
    try (Stream<Path> names = Files.list(sub)) {
      temp = names.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp"))
          .collect(Collectors.joining(" "));
    }
    assertTrue(temp.startsWith(".pcopy-") && !temp.contains(" "), "left: " + temp);
    assertTrue(result.stderrLines().contains("pcopy: warning: " + sub.resolve(temp)
        + ": temporary file left behind, cannot remove it: Operation not permitted;"
        + " the next run removes it"), result.toString());

    PcopyResult next = Pcopy.args(src.toString(), dst.toString()).run();

    assertEquals(0, next.exitCode(), next.toString());
    TreeAssert.assertNoTempFiles(dst);
    assertEquals("changed content", Files.readString(sub.resolve("g")));
  }

  /**
   * Copies a root-owned file of {@code mode} as the unprivileged user, and asserts that the copy
   * lost the set-id bits (and only them) and that stderr warns with {@code word}.
   */
  private void assertSetIdBitDroppedForUnprivilegedCopy(String name, int mode, String word)
      throws IOException {
    assumeTrue(Shell.isRoot(), "the file must be root's, and pcopy run as another user");
    Pcopy.handOverToUnprivilegedUser(tmp);
    Path src = TestTrees.at(tmp.resolve("src"), 51).file(name, 1000, mode).finish();
    assertEquals(0, (Integer) Files.getAttribute(src.resolve(name), "unix:uid"));
    assertEquals(0, (Integer) Files.getAttribute(src.resolve(name), "unix:gid"));
    Path dst = tmp.resolve("dst");

    PcopyResult result = Pcopy.args(src.toString(), dst.toString()).unprivileged().run();

    assertEquals(0, result.exitCode(), result.toString());
    Path copy = dst.resolve(name);
    assertEquals(Pcopy.unprivilegedUid(), Files.getAttribute(copy, "unix:uid"),
        "pcopy did not run as the unprivileged user");
    assertEquals(String.format("%04o", mode & 0777), String.format("%04o", mode(copy)),
        "the copy's mode\n" + result);
    assertTrue(result.stderrLines().stream()
            .anyMatch(l -> l.startsWith("pcopy: warning: ") && l.contains(word)
                && l.contains(name)),
        "no warning naming the file and the " + word + " bit\n" + result);
    assertEquals(-1, Files.mismatch(src.resolve(name), copy), "content differs");
  }

  private static int mode(Path path) throws IOException {
    return (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
  }

  /** {@code text} without its {@code cpu MHz} lines, which change from one read to the next. */
  private static String withoutCpuMhz(String text) {
    try (Stream<String> lines = text.lines()) {
      return lines.filter(l -> !l.startsWith("cpu MHz")).collect(Collectors.joining("\n"));
    }
  }
}
