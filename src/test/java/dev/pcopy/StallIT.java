package dev.pcopy;

import static dev.pcopy.testing.TreeAssert.assertNoTempFiles;
import static dev.pcopy.testing.TreeAssert.assertSameFile;
import static dev.pcopy.testing.TreeAssert.assertSameTree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.testing.Pcopy;
import dev.pcopy.testing.PcopyResult;
import dev.pcopy.testing.RunningPcopy;
import dev.pcopy.testing.Shell;
import dev.pcopy.testing.TestTrees;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No endless wait (issue 11 item 4): a worker that holds a task and moves nothing for the stall
 * timeout is killed and replaced, its task handed out again, with a warning naming the entry;
 * and a source that is no regular file when it is opened (a FIFO put in place of a listed file)
 * is never waited on. Either way the run ends by itself.
 *
 * <p>No assertion here is about time: the timeouts only turn a hang into a failure, and are
 * generous so that a busy machine does not fail the tests.
 */
class StallIT {
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);

  @TempDir
  Path tmp;

  /**
   * A worker stopped with SIGSTOP in the middle of the run, as a hung NFS or FUSE read would
   * hold it, with {@code --stall-timeout 2}: today the run waits for it for ever at 99 %.
   */
  @Test
  void workerStoppedMidRun_isReplacedAfterTheStallTimeout_andTheCopyCompletes() {
    Path src = TestTrees.smallFiles(tmp.resolve("src"), 6, 50, 2 << 20);
    Path dst = tmp.resolve("dst");

    PcopyResult result;
    try (RunningPcopy run = Pcopy.args("--workers", "2", "--stall-timeout", "2",
        src.toString(), dst.toString()).workerDelay(15).timeout(RUN_TIMEOUT).start()) {
      run.awaitUntil("two workers and some files copied", RUN_TIMEOUT,
          () -> run.workers().size() == 2 && TestTrees.countFiles(dst) > 20);
      ProcessHandle victim = run.workers().get(0);
      run.signal(victim, "STOP");
      result = run.awaitExit(RUN_TIMEOUT);

      // SIGKILL ends a stopped process too: nothing need be abandoned here.
      assertFalse(victim.isAlive(), "the stopped worker was left behind\n" + result);
      assertEquals(List.of(), run.workersAnywhere(), "workers still alive after the run");
    }
    assertEquals(0, result.exitCode(), result.toString());
    assertTrue(result.stderrLines().stream().anyMatch(l -> l.startsWith("pcopy: warning: ")
            && (l.contains("no progress") || l.contains("stalled"))
            && l.matches(".*dir-\\d\\d/(file-\\d{3}|large).*")),
        "no warning that names the stalled entry\n" + result);
    assertSameTree(src, dst);
    assertNoTempFiles(dst);
  }

  /**
   * A listed source file replaced by a FIFO before its worker gets to it (the workers pause two
   * seconds before each entry, so listing and copying are far apart): opening a FIFO for
   * reading blocks until a writer comes, which none does. Today the worker blocks for good and
   * so does the run; it must fail that entry as a FIFO instead, and copy the rest.
   */
  @Test
  void sourceFileReplacedByAFifoAfterListing_failsAsAFifo_andTheRunEnds() {
    Path src = TestTrees.at(tmp.resolve("src"), 31).file("a", 10, 0644).file("b-victim", 10, 0644)
        .file("c", 10, 0644).finish();
    Path dst = tmp.resolve("dst");

    PcopyResult result;
    try (RunningPcopy run = Pcopy.args("-w", "1", src.toString(), dst.toString())
        .workerDelay(2_000).timeout(RUN_TIMEOUT).start()) {
      // The only worker starts once the walk has listed src and handed out its one task.
      run.awaitUntil("the worker", RUN_TIMEOUT, () -> !run.workers().isEmpty());
      Shell.run(src, "rm b-victim && mkfifo b-victim");
      result = run.awaitExit(RUN_TIMEOUT);
      assertEquals(List.of(), run.workersAnywhere(), "workers still alive after the run");
    }
    assertFalse(Files.isRegularFile(dst.resolve("b-victim"), LinkOption.NOFOLLOW_LINKS),
        "the file was copied before the swap, so the test proved nothing\n" + result);
    assertEquals(1, result.exitCode(), result.toString());
    assertTrue(result.stderrLines().stream().anyMatch(l -> l.startsWith("pcopy: error: ")
            && l.contains("b-victim") && l.contains("FIFO")),
        "no error line saying the entry is a FIFO\n" + result);
    assertFalse(Files.exists(dst.resolve("b-victim"), LinkOption.NOFOLLOW_LINKS));
    assertSameFile(src.resolve("a"), dst.resolve("a"));
    assertSameFile(src.resolve("c"), dst.resolve("c"));
    assertNoTempFiles(dst);
  }
}
