package dev.pcopy;

import static dev.pcopy.testing.TreeAssert.assertNoTempFiles;
import static dev.pcopy.testing.TreeAssert.assertSameFile;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pcopy.testing.Pcopy;
import dev.pcopy.testing.PcopyResult;
import dev.pcopy.testing.RunningPcopy;
import dev.pcopy.testing.TestTrees;
import dev.pcopy.testing.TreeAssert;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGHUP (a closed terminal, a dropped ssh session) is handled like SIGTERM (issue 11 item 6):
 * the run stops in order with exit code 129, removes its temporary files and leaves no process
 * behind. Today the JVMs die of it and leave the half-written large files in DST.
 */
class HangupIT {
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);

  @TempDir
  Path tmp;

  @Test
  void sighupToProcessGroupMidCopyOfLargeFiles_exits129_withNoTemporaryFilesOrProcessesLeft()
      throws IOException {
    TestTrees tree = TestTrees.at(tmp.resolve("src"), 41);
    for (int i = 0; i < 8; i++) {
      tree.file("big-" + i, 48 << 20, 0644);
    }
    Path src = tree.finish();
    Path dst = tmp.resolve("dst");

    PcopyResult result;
    List<Long> left;
    List<ProcessHandle> workersLeft;
    try (RunningPcopy run = Pcopy.args("--workers", "2", src.toString(), dst.toString())
        .workerDelay(200).sliceDelay(100).timeout(RUN_TIMEOUT).inOwnSession().start()) {
      List<ProcessHandle> frozen = freezeWorkersMidFile(run, dst);
      List<ProcessHandle> below = run.descendants();

      // The whole group gets it, as from a closing terminal; the workers get it as they resume.
      run.signalGroup("HUP");
      frozen.forEach(w -> run.signalIfAlive(w, "CONT"));
      result = run.awaitExit(RUN_TIMEOUT);

      left = below.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
          .collect(Collectors.toList());
      workersLeft = run.workersAnywhere();
    }
    assertEquals(129, result.exitCode(), result.toString());
    // Only after closing the run (which kills what is left) can temporary files still here not
    // be ones a live process is about to remove.
    assertNoTempFiles(dst);
    assertEquals(List.of(), left, "processes of the run still alive after it exited\n" + result);
    assertEquals(List.of(), workersLeft, "workers still alive after the run");
    ExitCodesIT.assertNoStackTrace(result);
    // What did reach its final name is complete.
    try (Stream<Path> copies = Files.list(dst)) {
      for (Path copy : copies.toList()) {
        assertSameFile(src.resolve(copy.getFileName()), copy);
      }
    }
  }

  /**
   * Stops the run's workers with SIGSTOP at a moment when one of them is in the middle of a
   * file (its temporary file exists), so that a signal sent next certainly lands mid-copy:
   * tries again, letting the workers go on for a moment, until that moment comes.
   *
   * @return the stopped workers, to be sent SIGCONT
   */
  static List<ProcessHandle> freezeWorkersMidFile(RunningPcopy run, Path dst) {
    List<ProcessHandle> frozen = new ArrayList<>();
    run.awaitUntil("a moment with a worker in the middle of a file", RUN_TIMEOUT, () -> {
      // A worker may exit between being listed and signalled; only those stopped count.
      List<ProcessHandle> stopped = run.workers().stream()
          .filter(w -> run.signalIfAlive(w, "STOP")).collect(Collectors.toList());
      if (!stopped.isEmpty() && !TreeAssert.temporaryFiles(dst).isEmpty()) {
        frozen.addAll(stopped);
        return true;
      }
      stopped.forEach(w -> run.signalIfAlive(w, "CONT"));
      return false;
    });
    return frozen;
  }
}
