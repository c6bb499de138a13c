package dev.pcopy;

import static dev.pcopy.testing.TreeAssert.assertNoTempFiles;
import static dev.pcopy.testing.TreeAssert.assertSameTree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.plan.HostTag;
import dev.pcopy.plan.RunId;
import dev.pcopy.testing.Pcopy;
import dev.pcopy.testing.PcopyResult;
import dev.pcopy.testing.RunningPcopy;
import dev.pcopy.testing.TempFiles;
import dev.pcopy.testing.TestTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills worker JVMs with SIGKILL in the middle of a run: the coordinator starts replacements and
 * hands them the dead workers' tasks, so the run still ends with exit 0 and a complete copy.
 */
class WorkerCrashIT {
  /** Long enough per entry that the run lasts a few seconds and a kill lands mid-run. */
  private static final String DELAY_MS = "15";

  @TempDir
  Path tmp;

  @Test
  void killOneWorker_midRun_copyStillCompletesWithExit0() {
    Path src = TestTrees.smallFiles(tmp.resolve("src"), 6, 50, 2 << 20);
    Path dst = tmp.resolve("dst");

    try (RunningPcopy run = startedWithTwoWorkersCopying(src, dst)) {
      ProcessHandle victim = run.workers().get(0);
      victim.destroyForcibly();
      assertTrue(run.isAlive(), "the run ended before the worker was killed");
      PcopyResult result = run.awaitExit(Duration.ofSeconds(60));

      assertFalse(victim.isAlive(), "the killed worker is still running");
      assertEquals(0, result.exitCode(), result.toString());
      assertEquals(List.of(), run.workersAnywhere(), "workers still alive after the run");
      assertTrue(result.stderr().contains("worker"),
          "the lost worker was not reported\n" + result);
      assertSameTree(src, dst);
      assertNoTempFiles(dst);
    }
  }

  @Test
  void killEveryWorker_midRun_copyStillCompletesWithExit0() {
    Path src = TestTrees.smallFiles(tmp.resolve("src"), 6, 50, 2 << 20);
    Path dst = tmp.resolve("dst");

    try (RunningPcopy run = startedWithTwoWorkersCopying(src, dst)) {
      List<ProcessHandle> victims = run.workers();
      victims.forEach(ProcessHandle::destroyForcibly);
      assertTrue(run.isAlive(), "the run ended before the workers were killed");
      PcopyResult result = run.awaitExit(Duration.ofSeconds(60));

      assertEquals(0, result.exitCode(), result.toString());
      assertEquals(List.of(), run.workersAnywhere(), "workers still alive after the run");
      assertSameTree(src, dst);
      assertNoTempFiles(dst);
    }
  }

  @Test
  void killTheWholeRun_rerunCompletesAndRemovesTheLeftovers() throws Exception {
    Path src = TestTrees.smallFiles(tmp.resolve("src"), 6, 50, 2 << 20);
    Path dst = tmp.resolve("dst");
    try (RunningPcopy run = Pcopy.args("--workers", "2", src.toString(), dst.toString())
        .workerDelay(Long.parseLong(DELAY_MS)).inOwnSession().start()) {
      run.awaitUntil("two workers and some files copied", Duration.ofSeconds(30),
          () -> run.workers().size() == 2 && TestTrees.countFiles(dst) > 20);
      // Coordinator and workers at once, as the OOM killer or a power cut would: nobody cleans.
      run.signalGroup("KILL");
      run.awaitExit(Duration.ofSeconds(30));
    }
    // What such a run may leave: a temporary file whose run id names a process that is gone.
    Path sub;
    try (Stream<Path> entries = Files.list(dst)) {
      sub = entries.filter(Files::isDirectory).findFirst().orElseThrow();
    }
    String deadRun = new RunId(1L << 23, HostTag.current(), 3).text();
    Path leftover = Files.writeString(TempFiles.path(sub, deadRun, 3), "partial");

    PcopyResult rerun = Pcopy.args(src.toString(), dst.toString()).run();

    assertEquals(0, rerun.exitCode(), rerun.toString());
    assertFalse(Files.exists(leftover), "the dead run's temporary file is still there");
    assertSameTree(src, dst);
    assertNoTempFiles(dst);
  }

  @Test
  void killTheCoordinatorAlone_workersExitOnTheirOwn_andLeaveNoTemporaryFiles() {
    Path src = TestTrees.smallFiles(tmp.resolve("src"), 6, 50, 2 << 20);
    Path dst = tmp.resolve("dst");

    try (RunningPcopy run = startedWithTwoWorkersCopying(src, dst)) {
      List<ProcessHandle> workers = run.workers();
      // Workers ignore SIGINT and SIGTERM: their closed stdin is what must end them.
      run.signal("KILL");
      run.awaitExit(Duration.ofSeconds(30));
      for (ProcessHandle worker : workers) {
        worker.onExit().orTimeout(20, TimeUnit.SECONDS).join();
      }

      assertNoTempFiles(dst);
    }
  }

  /** Starts a slowed-down copy with two workers and returns once both run and files arrive. */
  private static RunningPcopy startedWithTwoWorkersCopying(Path src, Path dst) {
    RunningPcopy run = Pcopy.args("--workers", "2", src.toString(), dst.toString())
        .workerDelay(Long.parseLong(DELAY_MS)).start();
    try {
      run.awaitUntil("two workers and some files copied", Duration.ofSeconds(30),
          () -> run.workers().size() == 2 && TestTrees.countFiles(dst) > 20);
    } catch (RuntimeException | AssertionError e) {
      run.close();
      throw e;
    }
    return run;
  }
}
