package dev.pcopy;

import static dev.pcopy.testing.TreeAssert.assertNoTempFiles;
import static dev.pcopy.testing.TreeAssert.assertSameFile;
import static dev.pcopy.testing.TreeAssert.assertSameTree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.testing.Pcopy;
import dev.pcopy.testing.PcopyResult;
import dev.pcopy.testing.TestTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Copies onto a destination that fills up: one line says so and the run stops with exit 1,
 * leaving only complete files and no temporary ones, and a re-run with room resumes.
 *
 * <p>Mounting a small file system needs privileges CI may not have, so the workers are told to
 * act as a full disk does after a number of bytes (the hidden {@code --test-worker-room}): a
 * short count from the kernel copy call, then "No space left on device". Only that answer is
 * made up; the worker processes, the protocol, the coordinator and the clean-up are the real
 * ones.
 */
class TargetFullIT {
  private static final Pattern STOP_LINE = Pattern.compile(
      "pcopy: error: dst: no space left on device; stopped after copying (\\d+) files?");

  @TempDir
  Path tmp;

  @Test
  void bigFileLargerThanTheRoomLeft_isTheTargetsFailureNotAChangedSource() throws IOException {
    TestTrees.at(tmp.resolve("src"), 3).file("big.bin", 3 << 20, 0644).finish();

    PcopyResult result = Pcopy.args("--test-worker-room", String.valueOf(1 << 20), "src", "dst")
        .in(tmp).run();

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

    PcopyResult result = Pcopy.args("--test-worker-room", "1000", "src/big.bin", "usb/")
        .in(tmp).run();

    assertEquals(1, result.exitCode(), result.toString());
    assertEquals("pcopy: error: usb/big.bin: No space left on device",
        errorLines(result).get(0), result.toString());
    assertNoTempFiles(tmp.resolve("usb"));
  }

  @Test
  void destinationFillingUp_stopsTheRunInOneLine_keepsCompleteFiles_andRerunResumes() {
    fillUpAndResume(1);
  }

  @Test
  void destinationFillingUpUnderTwoWorkers_stillStopsInOneLine_andRerunResumes() {
    fillUpAndResume(2);
  }

  /**
   * Copies 300 files of up to 2000 bytes with room for 150,000 bytes per worker: the copy runs
   * out of room about half-way.
   */
  private void fillUpAndResume(int workers) {
    Path src = TestTrees.smallFiles(tmp.resolve("src"), 6, 50, 0);
    Path dst = tmp.resolve("dst");

    PcopyResult stopped = Pcopy.args("--workers", String.valueOf(workers),
        "--test-worker-room", "150000", "src", "dst").in(tmp).run();

    assertEquals(1, stopped.exitCode(), stopped.toString());
    List<String> errors = errorLines(stopped);
    assertEquals(2, errors.size(), "one failed file and one stop line expected\n" + stopped);
    assertTrue(errors.get(0).matches("pcopy: error: dst/dir-\\d\\d/file-\\d{3}:"
        + " No space left on device"), stopped.toString());
    Matcher stop = STOP_LINE.matcher(errors.get(1));
    assertTrue(stop.matches(), stopped.toString());
    long copied = Long.parseLong(stop.group(1));
    assertEquals(copied, stopped.summaryCount("file"), stopped.toString());
    assertTrue(stopped.summaryLine().orElse("").startsWith("pcopy: stopped after copying"),
        stopped.toString());
    assertNoTempFiles(dst);
    ExitCodesIT.assertNoStackTrace(stopped);
    List<Path> kept = regularFiles(dst);
    assertTrue(kept.size() >= copied && kept.size() < 300,
        kept.size() + " files left for " + copied + " reported\n" + stopped);
    for (Path file : kept) {
      assertSameFile(src.resolve(dst.relativize(file)), file);
    }

    PcopyResult resumed = Pcopy.args("src", "dst").in(tmp).run();

    assertEquals(0, resumed.exitCode(), resumed.toString());
    assertSameTree(src, dst);
    assertNoTempFiles(dst);
    assertEquals(kept.size(), resumed.summaryCount("unchanged"), resumed.toString());
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
