package dev.pcopy;

import static dev.pcopy.testing.TreeAssert.assertNoTempFiles;
import static dev.pcopy.testing.TreeAssert.assertSameTree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.testing.Pcopy;
import dev.pcopy.testing.PcopyResult;
import dev.pcopy.testing.RunningPcopy;
import dev.pcopy.testing.TestTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stops runs with SIGINT and SIGTERM: exit 130, no temporary files, no worker processes left, a
 * short summary that counts every file left at its final name (the workers are in the middle of
 * batches, which they report only at the end, when the signal comes); and a re-run afterwards
 * finishes the copy, keeping what was already copied.
 */
class InterruptIT {
  /** With 2 workers this makes the 306-file tree take about 6 s, so a signal lands mid-run. */
  private static final String DELAY_MS = "40";
  private static final int TOTAL_FILES = 6 * 51;

  @TempDir
  Path tmp;

  @Test
  void sigintToCoordinator_exits130_cleanly_andRerunResumes() {
    interruptAndResume(run -> run.signal("INT"));
  }

  @Test
  void sigintToProcessGroup_likeCtrlC_exits130_cleanly_andRerunResumes() {
    interruptAndResume(run -> run.signalGroup("INT"));
  }

  @Test
  void sigtermToCoordinator_exits130_cleanly_andRerunResumes() {
    interruptAndResume(run -> run.signal("TERM"));
  }

  @Test
  void sigtermToProcessGroup_exits130_cleanly_andRerunResumes() {
    interruptAndResume(run -> run.signalGroup("TERM"));
  }

  @Test
  void sigtermBeforeTheCopyHasStarted_exits130_notTheJvms143() throws IOException {
    Path src = Files.createDirectory(tmp.resolve("src"));
    for (int i = 0; i < 3000; i++) {
      Files.createFile(src.resolve("file-with-a-long-enough-name-" + i));
    }
    // The dry run's listing (over 100 KiB) fills the pipe that is read only once, so pcopy is
    // certainly running, and blocked before any copy handling exists, when the signal comes.
    PcopyResult result = Pcopy.shell("mkfifo out; \"$PCOPY\" -n src dst > out & pid=$!;"
        + " exec 3< out; read -r line <&3; kill -TERM $pid; wait $pid; echo \"rc=$?\"")
        .in(tmp).run();

    assertEquals(List.of("rc=130"), result.stdoutLines(), result.toString());
    ExitCodesIT.assertNoStackTrace(result);
  }

  private void interruptAndResume(Consumer<RunningPcopy> interrupt) {
    Path src = TestTrees.smallFiles(tmp.resolve("src"), 6, 50, 2 << 20);
    Path dst = tmp.resolve("dst");
    PcopyResult stopped;
    try (RunningPcopy run = Pcopy.args("--workers", "2", src.toString(), dst.toString())
        .workerDelay(Long.parseLong(DELAY_MS)).inOwnSession().start()) {
      run.awaitUntil("two workers and some files copied", Duration.ofSeconds(30),
          () -> run.workers().size() == 2 && TestTrees.countFiles(dst) > 10);
      run.assertHandlesInterrupts();
      List<ProcessHandle> below = run.descendants();
      assertEquals(2, run.workersAnywhere().size(), "cannot see the run's workers");

      interrupt.accept(run);
      stopped = run.awaitExit(Duration.ofSeconds(30));

      List<Long> left = below.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
          .collect(Collectors.toList());
      assertEquals(List.of(), left, "processes of the run still alive after it exited");
      assertEquals(List.of(), run.workersAnywhere(), "workers still alive after the run");
    }
    assertEquals(130, stopped.exitCode(), stopped.toString());
    assertTrue(stopped.stdoutLines().stream().anyMatch(l -> l.startsWith("pcopy: interrupted")),
        "no summary of the interrupted run\n" + stopped);
    ExitCodesIT.assertNoStackTrace(stopped);
    assertNoTempFiles(dst);
    long copied = TestTrees.countFiles(dst);
    assertTrue(copied < TOTAL_FILES, "the signal came after the copy was done");
    assertEquals(copied, stopped.summaryCount("file"),
        "files at their final names in dst and files the summary counts differ\n" + stopped);

    PcopyResult resumed = Pcopy.args(src.toString(), dst.toString()).run();

    assertEquals(0, resumed.exitCode(), resumed.toString());
    assertSameTree(src, dst);
    assertNoTempFiles(dst);
    assertEquals(copied, resumed.summaryCount("unchanged"),
        "the re-run did not keep exactly the files copied before the signal\n" + resumed);
  }
}
