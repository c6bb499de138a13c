package dev.pcopy;

import static dev.pcopy.testing.TreeAssert.assertSameFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.plan.HostTag;
import dev.pcopy.plan.RunId;
import dev.pcopy.testing.Pcopy;
import dev.pcopy.testing.TempFiles;
import dev.pcopy.testing.PcopyResult;
import dev.pcopy.testing.Shell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An existing destination loses only the temporary files of runs that were killed whole on this
 * host: files of the user's that merely look like temporary names, and source files with such
 * names, are copied and kept like any other.
 */
class LeftoverSweepIT {
  /** Above the kernel's largest pid (pid_max is at most 2^22), so never alive. */
  private static final long DEAD_PID = 1L << 23;

  @TempDir
  Path tmp;

  @Test
  void sweep_leavesUserFilesThatOnlyLookLikeTemporaryNames() throws IOException {
    Path src = Files.createDirectory(tmp.resolve("sw"));
    Files.writeString(src.resolve("f"), "data\n");
    Path dst = Files.createDirectory(tmp.resolve("swd"));
    Path cache = Files.writeString(dst.resolve(".pcopy-cache_v2.tmp"), "precious\n");
    Path backup = Files.writeString(dst.resolve(".pcopy-old_backup.tmp"), "mine\n");

    PcopyResult result = Pcopy.args(src.toString(), dst.toString()).run();

    assertEquals(0, result.exitCode(), result.toString());
    assertEquals("precious\n", Files.readString(cache));
    assertEquals("mine\n", Files.readString(backup));
    assertSameFile(src.resolve("f"), dst.resolve("f"));
  }

  @Test
  void sourceFilesWithTemporaryLikeNames_areCopiedOnceThenUnchangedAndTheDryRunAgrees()
      throws IOException {
    Path src = Files.createDirectory(tmp.resolve("src"));
    // One a person named, and one named exactly as a dead run of this host names its files.
    List<Path> names = List.of(Path.of(".pcopy-notes_1.tmp"), deadRunTemp(src, 5).getFileName());
    for (Path name : names) {
      Files.writeString(src.resolve(name), "source file " + name);
    }
    Path dst = tmp.resolve("dst");
    PcopyResult first = Pcopy.args(src.toString(), dst.toString()).run();
    assertEquals(0, first.exitCode(), first.toString());
    assertEquals(2, first.summaryCount("file"), first.toString());
    List<Object> inodes = inodes(dst, names);

    PcopyResult dryRun = Pcopy.args("--dry-run", src.toString(), dst.toString()).run();
    PcopyResult rerun = Pcopy.args(src.toString(), dst.toString()).run();

    assertEquals(0, dryRun.exitCode(), dryRun.toString());
    assertEquals(List.of(), dryRun.stdoutLines().stream()
        .filter(l -> !l.startsWith("pcopy: ")).toList(), "the dry run would write something");
    assertEquals(2, dryRun.summaryCount("unchanged"), dryRun.toString());
    assertEquals(0, rerun.exitCode(), rerun.toString());
    assertEquals(0, rerun.summaryCount("file"), rerun.toString());
    assertEquals(2, rerun.summaryCount("unchanged"), rerun.toString());
    assertEquals(inodes, inodes(dst, names), "the re-run replaced its own earlier copies");
    for (Path name : names) {
      assertSameFile(src.resolve(name), dst.resolve(name));
    }
  }

  @Test
  void sweep_removesOnlyTheLeftoversOfADeadRunOnThisHost_whichTheDryRunListsAndTheRunCounts()
      throws IOException {
    Path src = Files.createDirectories(tmp.resolve("src/sub"));
    Files.writeString(src.resolve("f"), "data\n");
    Path dst = Files.createDirectories(tmp.resolve("dst/sub"));
    Path deadHere = Files.writeString(deadRunTemp(dst, 1), "partial");
    Path deadHereAtTop = Files.writeString(deadRunTemp(dst.getParent(), 2), "partial");
    // A FIFO: pcopy makes special files under temporary names too, and a kill can leave one.
    Path deadFifo = deadRunTemp(dst, 4);
    Shell.run(dst, "mkfifo '" + deadFifo.getFileName() + "'");
    String otherHost = HostTag.current().equals("00000") ? "00001" : "00000";
    Path elsewhere = Files.writeString(TempFiles.path(dst, new RunId(DEAD_PID, otherHost, 3)
        .text(), 3), "another host is writing this");

    PcopyResult dryRun = Pcopy.args("-n", tmp.resolve("src").toString(),
        dst.getParent().toString()).run();
    PcopyResult result = Pcopy.args(tmp.resolve("src").toString(), dst.getParent().toString())
        .run();

    assertEquals(0, dryRun.exitCode(), dryRun.toString());
    assertEquals(List.of("remove " + deadHereAtTop.getFileName(),
        "remove sub/" + deadHere.getFileName(), "remove sub/" + deadFifo.getFileName()),
        dryRun.stdoutLines().stream().filter(l -> l.startsWith("remove ")).sorted().toList(),
        dryRun.toString());
    assertTrue(dryRun.stdoutLines().contains(
        "pcopy: would remove 3 leftover temporary files of an earlier run"), dryRun.toString());
    assertEquals(0, result.exitCode(), result.toString());
    assertTrue(result.stdoutLines().contains(
        "pcopy: removed 3 leftover temporary files of an earlier run"), result.toString());
    assertFalse(Files.exists(deadFifo, LinkOption.NOFOLLOW_LINKS), "a dead run's FIFO is left");
    assertFalse(Files.exists(deadHere, LinkOption.NOFOLLOW_LINKS), "a dead run's file is left");
    assertFalse(Files.exists(deadHereAtTop, LinkOption.NOFOLLOW_LINKS),
        "a dead run's file is left");
    assertTrue(Files.exists(elsewhere), "a file of another host's run was removed");
    assertSameFile(src.resolve("f"), dst.resolve("f"));
  }

  @Test
  void singleFileIntoADirectory_removesADeadRunsLeftoverThere() throws IOException {
    Path file = Files.writeString(Files.createDirectories(tmp.resolve("src")).resolve("big.iso"),
        "data\n");
    Path usb = Files.createDirectories(tmp.resolve("usb"));
    Path dead = Files.writeString(deadRunTemp(usb, 0), "partial");

    PcopyResult result = Pcopy.args(file.toString(), usb + "/").run();

    assertEquals(0, result.exitCode(), result.toString());
    assertTrue(result.stdoutLines().contains(
        "pcopy: removed 1 leftover temporary file of an earlier run"), result.toString());
    assertFalse(Files.exists(dead, LinkOption.NOFOLLOW_LINKS), "a dead run's file is left");
    assertSameFile(file, usb.resolve("big.iso"));
  }

  /**
   * A drop box (0733, someone else's: one may write into it but not list it) cannot be swept,
   * and one file copied into it is still a success. Only as root can the test make the box
   * someone else's; otherwise the box is the user's own and the copy simply succeeds.
   */
  @Test
  void singleFileIntoADropBoxThatCannotBeListed_succeeds() throws IOException {
    Path src = Files.createDirectories(tmp.resolve("src"));
    Path file = Files.writeString(src.resolve("report.txt"), "data\n");
    Path drop = Files.createDirectories(tmp.resolve("drop"));
    Pcopy.handOverToUnprivilegedUser(tmp, src);
    Files.setAttribute(drop, "unix:mode", 0733);

    PcopyResult result = Pcopy.args(file.toString(), drop + "/").unprivileged().run();

    assertEquals(0, result.exitCode(), result.toString());
    assertEquals("", result.stderr(), result.toString());
    assertSameFile(file, drop.resolve("report.txt"));
  }

  /**
   * A re-run lists only directories whose time is not their source's; a killed run that wrote
   * into a finished copy changed that time, so its leftover is still found.
   */
  @Test
  void leftoverOfAKilledRunInAFinishedCopy_isRemovedByTheNextRun() throws IOException {
    Path src = Files.createDirectories(tmp.resolve("src/sub"));
    Files.writeString(src.resolve("f"), "data\n");
    Files.writeString(src.resolve("g"), "more\n");
    Path dst = tmp.resolve("dst");
    PcopyResult first = Pcopy.args(tmp.resolve("src").toString(), dst.toString()).run();
    assertEquals(0, first.exitCode(), first.toString());
    Path dead = Files.writeString(deadRunTemp(dst.resolve("sub"), 7), "partial");

    PcopyResult dryRun = Pcopy.args("-n", tmp.resolve("src").toString(), dst.toString()).run();
    PcopyResult rerun = Pcopy.args(tmp.resolve("src").toString(), dst.toString()).run();

    assertEquals(List.of("remove sub/" + dead.getFileName()), dryRun.stdoutLines().stream()
        .filter(l -> l.startsWith("remove ")).toList(), dryRun.toString());
    assertEquals(0, rerun.exitCode(), rerun.toString());
    assertTrue(rerun.stdoutLines().contains(
        "pcopy: removed 1 leftover temporary file of an earlier run"), rerun.toString());
    assertFalse(Files.exists(dead, LinkOption.NOFOLLOW_LINKS), "a dead run's file is left");
    assertEquals(2, rerun.summaryCount("unchanged"), rerun.toString());
    assertEquals(Files.getLastModifiedTime(src), Files.getLastModifiedTime(dst.resolve("sub")),
        "the directory did not get its source's time back");
  }

  /**
   * A live run's temporary file is kept, and its directory keeps a time of its own rather than
   * its source's: were it given the source's time, later runs would take it for finished and
   * never list it again, and the file would stay once that run died without cleaning up (killed,
   * or its pid taken by another process after a power cut).
   */
  @Test
  void aLiveRunsTemporaryFile_keepsItsDirectoryFromLookingFinished_soALaterRunRemovesIt()
      throws Exception {
    Path src = Files.createDirectories(tmp.resolve("src/sub"));
    Files.writeString(src.resolve("f"), "data\n");
    Path dst = tmp.resolve("dst");
    PcopyResult first = Pcopy.args(tmp.resolve("src").toString(), dst.toString()).run();
    assertEquals(0, first.exitCode(), first.toString());
    Process otherRun = new ProcessBuilder("sleep", "60").start();
    try {
      Path live = Files.writeString(TempFiles.path(dst.resolve("sub"),
          new RunId(otherRun.pid(), HostTag.current(), 3).text(), 3), "partial");

      PcopyResult whileAlive = Pcopy.args(tmp.resolve("src").toString(), dst.toString()).run();

      assertEquals(0, whileAlive.exitCode(), whileAlive.toString());
      assertTrue(Files.exists(live, LinkOption.NOFOLLOW_LINKS), "a live run's file was removed");
      assertNotEquals(Files.getLastModifiedTime(src), Files.getLastModifiedTime(dst.resolve("sub")),
          "a directory holding another run's file was given its source's time");

      otherRun.destroy();
      otherRun.waitFor();
      PcopyResult afterItDied = Pcopy.args(tmp.resolve("src").toString(), dst.toString()).run();

      assertEquals(0, afterItDied.exitCode(), afterItDied.toString());
      assertFalse(Files.exists(live, LinkOption.NOFOLLOW_LINKS), "a dead run's file is left");
      assertTrue(afterItDied.stdoutLines().contains(
          "pcopy: removed 1 leftover temporary file of an earlier run"), afterItDied.toString());
      assertEquals(Files.getLastModifiedTime(src), Files.getLastModifiedTime(dst.resolve("sub")),
          "the directory did not get its source's time back");
    } finally {
      otherRun.destroyForcibly();
    }
  }

  /** A temporary name of a run on this host whose coordinator is gone. */
  private static Path deadRunTemp(Path directory, long seq) {
    return TempFiles.path(directory, new RunId(DEAD_PID, HostTag.current(), seq).text(),
        seq);
  }

  private static List<Object> inodes(Path directory, List<Path> names) throws IOException {
    List<Object> inodes = new ArrayList<>();
    for (Path name : names) {
      inodes.add(Files.getAttribute(directory.resolve(name), "unix:ino",
          LinkOption.NOFOLLOW_LINKS));
    }
    return inodes;
  }
}
