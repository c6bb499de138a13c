package dev.pcopy;

import static dev.pcopy.testing.TreeAssert.assertNoTempFiles;
import static dev.pcopy.testing.TreeAssert.assertSameFile;
import static dev.pcopy.testing.TreeAssert.assertSameTree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pcopy.testing.Pcopy;
import dev.pcopy.testing.PcopyResult;
import dev.pcopy.testing.TestTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Copies onto a destination that refuses writes: one that fills up, goes over quota or is (or
 * turns) read-only. One line says so and the run stops with exit 1, leaving only complete files
 * and no temporary ones; the summary counts every file left at its final name, also those other
 * workers finished while the run stopped; and a re-run resumes.
 *
 * <p>Mounting a small or read-only file system needs privileges CI may not have, so the workers
 * are told to act as such a destination does after a number of bytes (their test hook, see
 * {@link Pcopy#workerRoom}): a short count from the kernel copy call, then the refusal. Only that
 * answer is made up; the worker processes, the protocol, the coordinator and the clean-up are
 * the real ones.
 */
class TargetRefusesWritesIT {
  private static final String FULL = "No space left on device";
  private static final String READ_ONLY = "Read-only file system";

  @TempDir
  Path tmp;

  @Test
  void bigFileLargerThanTheRoomLeft_isTheTargetsFailureNotAChangedSource() throws IOException {
    TestTrees.at(tmp.resolve("src"), 3).file("big.bin", 3 << 20, 0644).finish();

    PcopyResult result = Pcopy.args("src", "dst").workerRoom(1 << 20, "ENOSPC").in(tmp).run();

    assertEquals(1, result.exitCode(), result.toString());
    assertEquals(List.of("pcopy: error: dst/big.bin: No space left on device",
        "pcopy: error: dst: no space left on device; stopped after copying 0 files"),
        errorLines(result), result.toString());
    assertTrue(result.summaryLine().orElse("").startsWith("pcopy: stopped after copying 0 files"),
        result.toString());
    assertFalse(Files.exists(tmp.resolve("dst/big.bin")));
    assertNoTempFiles(tmp.resolve("dst"));
    ExitCodesIT.assertNoStackTrace(result);
  }

  @Test
  void singleFileIntoADirectory_failureNamesTheFilesCopyNotTheDirectory() throws IOException {
    TestTrees.at(tmp.resolve("src"), 4).file("big.bin", 100_000, 0644).finish();
    Files.createDirectories(tmp.resolve("usb"));

    PcopyResult result = Pcopy.args("src/big.bin", "usb/").workerRoom(1000, "ENOSPC").in(tmp).run();

    assertEquals(1, result.exitCode(), result.toString());
    assertEquals("pcopy: error: usb/big.bin: No space left on device",
        errorLines(result).get(0), result.toString());
    assertNoTempFiles(tmp.resolve("usb"));
  }

  @Test
  void destinationFillingUp_stopsTheRunInOneLine_keepsCompleteFiles_andRerunResumes() {
    refuseAndResume(1, 150_000, FULL, 0);
  }

  @Test
  void destinationFillingUpUnderTwoWorkers_stillStopsInOneLine_andRerunResumes() {
    refuseAndResume(2, 150_000, FULL, 0);
  }

  @Test
  void destinationTurningReadOnly_stopsTheRunInOneLine_keepsCompleteFiles_andRerunResumes() {
    refuseAndResume(2, 150_000, READ_ONLY, 0);
  }

  @Test
  void destinationGoingOverQuota_stopsTheRunInOneLine_andRerunResumes() {
    refuseAndResume(2, 150_000, "Disk quota exceeded", 0);
  }

  @Test
  void readOnlyDestination_failsOneFileInOneLineWhateverTheWorkers_andWritesNoFile() {
    long copied = refuseAndResume(3, 0, READ_ONLY, 0);

    assertEquals(0, copied);
  }

  /**
   * On a destination mounted read-only (a real mount, in a mount namespace of the test's own),
   * creating a changed file's temporary copy fails, so there is no temporary file, and no
   * warning says one was left behind: unlink answers EROFS for a name that is not there too.
   */
  @Test
  void readOnlyMount_tellsOfNoTemporaryFileLeftBehind() throws IOException {
    TestTrees.at(tmp.resolve("src"), 6).file("a", 100, 0644).file("b", 100, 0644).finish();
    assertEquals(0, Pcopy.args("src", "dst").in(tmp).run().exitCode());
    Files.setLastModifiedTime(tmp.resolve("src/a"), FileTime.fromMillis(1_000_000_000_000L));
    String readOnly = "exec unshare -rm sh -c 'mount --bind dst dst && "
        + "mount -o remount,bind,ro dst && exec \"$PCOPY\" %s'";
    PcopyResult probe = Pcopy.shell(String.format(readOnly, "--version")).in(tmp).run();
    assumeTrue(probe.exitCode() == 0, "no private read-only mount on this machine: " + probe);

    PcopyResult rerun = Pcopy.shell(String.format(readOnly, "src dst")).in(tmp).run();

    assertEquals(1, rerun.exitCode(), rerun.toString());
    assertEquals(List.of("pcopy: error: dst/a: " + READ_ONLY,
        "pcopy: error: dst: read-only file system; stopped after copying 0 files"),
        rerun.stderrLines(), rerun.toString());
    assertNoTempFiles(tmp.resolve("dst"));
  }

  /**
   * The summary and the stop line count every file at its final name when the run stops: also
   * those the other workers, each in the middle of a batch of 50 (reported only at its end),
   * finished after the first refusal and before they stopped.
   */
  @Test
  void stopUnderThreeBusyWorkers_countsEveryFileTheOtherWorkersFinishedMeanwhile() {
    long copied = refuseAndResume(3, 50_000, READ_ONLY, 5);

    assertTrue(copied > 0, "the run stopped before any file was copied");
  }

  /**
   * Copies 300 files of 1-2000 bytes (about 300 kB) with room for {@code room} bytes per worker
   * before the destination refuses with {@code reason}, checks the stopped run, then re-runs
   * without the refusal.
   *
   * @param delayMillis workers' pause before each entry, so that batches are in progress
   * @return the number of files the stopped run reported as copied
   */
  private long refuseAndResume(int workers, long room, String reason, int delayMillis) {
    Path src = TestTrees.smallFiles(tmp.resolve("src"), 6, 50, 0);
    Path dst = tmp.resolve("dst");

    PcopyResult stopped = Pcopy.args("--workers", String.valueOf(workers), "src", "dst")
        .workerRoom(room, errno(reason)).workerDelay(delayMillis).in(tmp).run();

    assertEquals(1, stopped.exitCode(), stopped.toString());
    List<String> errors = errorLines(stopped);
    assertEquals(2, errors.size(), "one failed file and one stop line expected\n" + stopped);
    assertTrue(errors.get(0).matches("pcopy: error: dst/dir-\\d\\d/file-\\d{3}: "
        + Pattern.quote(reason)), stopped.toString());
    Matcher stop = stopLine(reason).matcher(errors.get(1));
    assertTrue(stop.matches(), stopped.toString());
    long copied = Long.parseLong(stop.group(1));
    assertEquals(copied, stopped.summaryCount("file"), stopped.toString());
    assertTrue(stopped.summaryLine().orElse("").startsWith("pcopy: stopped after copying"),
        stopped.toString());
    assertNoTempFiles(dst);
    ExitCodesIT.assertNoStackTrace(stopped);
    List<Path> kept = regularFiles(dst);
    assertEquals(copied, kept.size(),
        "files at their final names in dst and files the summary counts differ\n" + stopped);
    assertTrue(kept.size() < 300, "the destination never refused\n" + stopped);
    for (Path file : kept) {
      assertSameFile(src.resolve(dst.relativize(file)), file);
    }

    PcopyResult resumed = Pcopy.args("src", "dst").in(tmp).run();

    assertEquals(0, resumed.exitCode(), resumed.toString());
    assertSameTree(src, dst);
    assertNoTempFiles(dst);
    assertEquals(kept.size(), resumed.summaryCount("unchanged"), resumed.toString());
    return copied;
  }

  /** The error number whose words are {@code reason}. */
  private static String errno(String reason) {
    return reason.equals(READ_ONLY) ? "EROFS" : reason.equals(FULL) ? "ENOSPC" : "EDQUOT";
  }

  /** The line that ends a run stopped by {@code reason}, its count as group 1. */
  private static Pattern stopLine(String reason) {
    return Pattern.compile("pcopy: error: dst: " + Pattern.quote(reason.toLowerCase(Locale.ROOT))
        + "; stopped after copying (\\d+) files?");
  }

  private static List<String> errorLines(PcopyResult result) {
    return result.stderrLines().stream().filter(l -> l.startsWith("pcopy: error: ")).toList();
  }

  private static List<Path> regularFiles(Path root) {
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(Files::isRegularFile).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
