package dev.pcopy.pool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.plan.CopyTask;
import dev.pcopy.plan.FileOp;
import dev.pcopy.plan.OpKind;
import dev.pcopy.plan.SpecialKind;
import dev.pcopy.protocol.FrameCodec;
import dev.pcopy.protocol.Message.Configure;
import dev.pcopy.protocol.Message.OpResult;
import dev.pcopy.protocol.Message.Status;
import dev.pcopy.testing.FakeWorker;
import dev.pcopy.testing.FakeWorker.Assignment;
import dev.pcopy.testing.InProcessWorkerLauncher;
import dev.pcopy.testing.QueueTaskFeed;
import dev.pcopy.testing.RecordingRunObserver;
import dev.pcopy.testing.RecordingRunObserver.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The coordinator with in-process workers: fakes that speak the protocol, or the real loop. */
@Timeout(20)
class CoordinatorTest {
  private final BlockingQueue<PoolEvent> events = new LinkedBlockingQueue<>();
  private final RecordingRunObserver observer = new RecordingRunObserver();
  private long nextSeq;
  private long nextTaskId;

  @Test
  void run_finishesEveryTaskAndReportsEachEntryExactlyOnce() throws InterruptedException {
    List<CopyTask> tasks = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      tasks.add(task(op("f" + i + "a", 10), op("f" + i + "b", 20), op("f" + i + "c", 30)));
    }
    FakeWorker worker = FakeWorker.copyingEverything();

    Coordinator.Outcome outcome = run(worker, 3, tasks);

    assertEquals(Coordinator.Outcome.FINISHED, outcome);
    assertEachEntryReportedOnce(tasks);
    assertTrue(observer.results().stream().allMatch(r -> r.result().status() == Status.COPIED));
    assertEquals(20 * 60, observer.bytes());
    assertEquals(List.of(), observer.workersLost());
    assertEquals(List.of(), observer.abandoned());
  }

  @Test
  void run_withNoTasksStartsNoWorker() throws InterruptedException {
    InProcessWorkerLauncher launcher = new InProcessWorkerLauncher(FakeWorker.copyingEverything());

    assertEquals(Coordinator.Outcome.FINISHED, run(launcher, 4, List.of()));
    assertEquals(0, launcher.launched());
  }

  @Test
  void run_startsWorkersLazily_oneSmallTaskStartsOneWorker() throws InterruptedException {
    InProcessWorkerLauncher launcher = new InProcessWorkerLauncher(FakeWorker.copyingEverything());

    run(launcher, 8, List.of(task(op("only", 1))));

    assertEquals(1, launcher.launched());
    assertEquals(1, observer.results().size());
  }

  @Test
  void run_neverStartsMoreWorkersThanThePoolSize() throws InterruptedException {
    InProcessWorkerLauncher launcher = new InProcessWorkerLauncher(FakeWorker.copyingEverything());
    List<CopyTask> tasks = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      tasks.add(task(op("f" + i, 1)));
    }

    run(launcher, 3, tasks);

    assertTrue(launcher.launched() <= 3, "launched " + launcher.launched());
    assertEachEntryReportedOnce(tasks);
  }

  @Test
  void run_workerDyingMidTaskHasItsTasksRequeuedToANewWorker() throws InterruptedException {
    CopyTask first = task(op("a", 1000), op("b", 10));
    CopyTask second = task(op("c", 20));
    // Worker 1 dies inside entry "a", after reporting 500 of its bytes.
    FakeWorker worker = FakeWorker.dyingAt(
        (index, op) -> index == 1 && op.source().getFileName().toString().equals("a"));
    InProcessWorkerLauncher launcher = new InProcessWorkerLauncher(worker);

    Coordinator.Outcome outcome = run(launcher, 1, List.of(first, second));

    assertEquals(Coordinator.Outcome.FINISHED, outcome);
    assertEachEntryReportedOnce(List.of(first, second));
    assertTrue(observer.results().stream().allMatch(r -> r.result().status() == Status.COPIED));
    assertEquals(2, launcher.launched());
    assertEquals(1, observer.workersLost().size());
    assertTrue(observer.workersLost().get(0).startsWith("1: "), observer.workersLost().get(0));
    assertEquals(List.of(first.id(), second.id()),
        observer.abandoned().stream().map(CopyTask::id).toList());
    // The partial 500 bytes were taken back: the net count is what was finally copied.
    assertEquals(1030, observer.bytes());
    // The task being copied is blamed for the death; the one queued behind it is not.
    List<Assignment> toWorker2 = worker.assignments().stream()
        .filter(a -> a.worker() == 2).toList();
    assertEquals(Map.of(first.id(), 1, second.id(), 0), toWorker2.stream()
        .collect(Collectors.toMap(Assignment::taskId, Assignment::attempt)));
  }

  @Test
  void run_poisonEntryIsReportedFailedAfterTheLimitWhileTheRestOfItsBatchIsCopied()
      throws InterruptedException {
    CopyTask batch = task(op("ok1", 1), op("poison", 2), op("ok2", 3));
    CopyTask other = task(op("ok3", 4));
    FakeWorker worker = FakeWorker.dyingOnName("poison");
    InProcessWorkerLauncher launcher = new InProcessWorkerLauncher(worker);

    Coordinator.Outcome outcome = run(launcher, 2, List.of(batch, other));

    assertEquals(Coordinator.Outcome.FINISHED, outcome);
    assertEachEntryReportedOnce(List.of(batch, other));
    Map<String, OpResult> byName = observer.results().stream().collect(Collectors.toMap(
        r -> r.op().source().getFileName().toString(), Result::result));
    assertEquals(Status.COPIED, byName.get("ok1").status());
    assertEquals(Status.COPIED, byName.get("ok2").status());
    assertEquals(Status.COPIED, byName.get("ok3").status());
    assertEquals(Status.FAILED, byName.get("poison").status());
    assertTrue(byName.get("poison").reason().contains(
        "died " + Coordinator.MAX_ATTEMPTS + " times"), byName.get("poison").reason());
    // MAX_ATTEMPTS deaths as a batch, then MAX_ATTEMPTS more as a single entry; only the last
    // death gives the entry up.
    assertEquals(2 * Coordinator.MAX_ATTEMPTS, observer.workersLost().size());
    assertEquals(1, observer.workersLost().stream()
        .filter(w -> w.endsWith("(entry given up)")).count(), observer.workersLost().toString());
    assertTrue(observer.workersLost().get(observer.workersLost().size() - 1)
        .endsWith("(entry given up)"), observer.workersLost().toString());
    assertTrue(launcher.launched() >= 2 * Coordinator.MAX_ATTEMPTS, "" + launcher.launched());
    // The batch was split into single entries before the poison was given up.
    assertTrue(worker.assignments().stream().anyMatch(
        a -> a.ops().size() == 1 && a.ops().get(0).source().endsWith("ok1")));
    assertEquals(1 + 2 + 3 + 4 - 2, observer.bytes());
  }

  @Test
  void run_workersDyingBeforeHelloThreeTimesInARowAbandonTheRun() {
    InProcessWorkerLauncher launcher = new InProcessWorkerLauncher(FakeWorker.dyingBeforeHello());

    PoolException e = assertThrows(PoolException.class,
        () -> run(launcher, 4, List.of(task(op("a", 1)))));

    assertTrue(e.getMessage().startsWith(
        Coordinator.MAX_START_FAILURES + " worker processes in a row died at start"),
        e.getMessage());
    assertEquals(Coordinator.MAX_START_FAILURES, launcher.launched());
    assertEquals(List.of(), observer.results());
  }

  @Test
  void run_workerThatSaidHelloResetsTheStartFailureCount() throws InterruptedException {
    // Workers 1 and 2 die before hello, 3 says hello and dies at "a", 4 and 5 die before hello,
    // 6 copies: never three start failures in a row, and only one death is the entry's fault.
    InProcessWorkerLauncher launcher = new InProcessWorkerLauncher((index, in, out) -> {
      if (index == 1 || index == 2 || index == 4 || index == 5) {
        FakeWorker.dyingBeforeHello().serve(index, in, out);
      } else {
        FakeWorker.dyingAt((i, op) -> i == 3).serve(index, in, out);
      }
    });

    Coordinator.Outcome outcome = run(launcher, 1, List.of(task(op("a", 1))));

    assertEquals(Coordinator.Outcome.FINISHED, outcome);
    assertEquals(6, launcher.launched());
    assertEquals(Status.COPIED, observer.results().get(0).result().status());
  }

  @Test
  void run_deathsBeforeHelloAreNotBlamedOnTheTaskTheWorkerHeld() throws InterruptedException {
    // Worker 1 never starts; workers 2 and 3 start and die in entry "a"; worker 4 copies it.
    // Only two deaths happened while "a" was being copied, fewer than MAX_ATTEMPTS.
    InProcessWorkerLauncher launcher = new InProcessWorkerLauncher((index, in, out) -> {
      if (index == 1) {
        FakeWorker.dyingBeforeHello().serve(index, in, out);
      } else {
        FakeWorker.dyingAt((i, op) -> i <= 3).serve(index, in, out);
      }
    });

    run(launcher, 1, List.of(task(op("a", 1))));

    assertEquals(4, launcher.launched());
    assertEquals(Status.COPIED, observer.results().get(0).result().status(),
        observer.results().toString());
  }

  @Test
  void run_interruptedEventStopsTheRunAndAbandonsHeldTasks() throws InterruptedException {
    CopyTask held1 = task(op("a", 1));
    CopyTask held2 = task(op("b", 1));
    InProcessWorkerLauncher launcher = new InProcessWorkerLauncher(FakeWorker.holdingTasks());
    events.add(new PoolEvent.Interrupted("SIGINT"));

    Coordinator.Outcome outcome = run(launcher, 1, List.of(held1, held2));

    assertEquals(Coordinator.Outcome.INTERRUPTED, outcome);
    assertEquals(List.of(held1.id(), held2.id()),
        observer.abandoned().stream().map(CopyTask::id).toList());
    assertEquals(List.of(), observer.results());
  }

  @Test
  void run_targetRefusingWritesStopsTheRunWithoutHandingOutMoreWork()
      throws InterruptedException {
    CopyTask first = task(op("a", 10), op("full", 20), op("untried", 30));
    CopyTask second = task(op("b", 10));
    List<CopyTask> tasks = new ArrayList<>(List.of(first, second));
    for (int i = 0; i < 10; i++) {
      tasks.add(task(op("later" + i, 10)));
    }
    // One worker holds two tasks: the first finds the destination full, the second it had
    // finished by then (this fake answers at once), which is counted.
    FakeWorker worker = FakeWorker.findingTheTargetFullAt("full");

    Coordinator.Outcome outcome = run(worker, 1, tasks);

    assertEquals(Coordinator.Outcome.TARGET_REFUSES_WRITES, outcome);
    assertEquals(List.of(first.id(), second.id()),
        worker.assignments().stream().map(Assignment::taskId).toList(),
        "tasks were handed out after the destination was full");
    assertEquals(List.of(new Result(first.ops().get(0), OpResult.copied(10)),
        new Result(first.ops().get(1), OpResult.targetRefusesWrites("No space left on device")),
        new Result(second.ops().get(0), OpResult.copied(10))),
        observer.results(), "the entry the worker never tried must not be reported");
    assertEquals(List.of("No space left on device"), observer.refusals());
    assertEquals(List.of(), observer.abandoned());
    assertEquals(20, observer.bytes());
  }

  @Test
  void run_stoppedByARefusal_countsWhatOtherWorkersFinishWhileStopping_inTheStopLineToo()
      throws InterruptedException {
    // Worker 1 gets tasks 0 and 2 and finds the destination full in both; worker 2 gets tasks 1
    // and 3 and is in the middle of task 1 when it is told to stop.
    CopyTask refused = task(op("a", 10), op("full", 20));
    CopyTask interrupted = task(op("b1", 5), op("b2", 5), op("b3", 5));
    CopyTask refusedToo = task(op("full", 7));
    CopyTask untouched = task(op("c", 3));
    InProcessWorkerLauncher launcher = new InProcessWorkerLauncher((index, in, out) -> {
      if (index == 1) {
        FakeWorker.findingTheTargetFullAt("full").serve(index, in, out);
      } else {
        FakeWorker.finishingPartWhenStopped().serve(index, in, out);
      }
    });
    QueueTaskFeed feed = new QueueTaskFeed(List.of(refused, interrupted, refusedToo, untouched));

    Coordinator.Outcome outcome = run(launcher, 2, feed, observer);

    assertEquals(Coordinator.Outcome.TARGET_REFUSES_WRITES, outcome);
    assertEquals(List.of(new Result(refused.ops().get(0), OpResult.copied(10)),
        new Result(refused.ops().get(1), OpResult.targetRefusesWrites("No space left on device")),
        new Result(interrupted.ops().get(0), OpResult.copied(5))),
        observer.results(), "one refusal reported, and b1, finished while stopping, counted");
    assertEquals(List.of("No space left on device"), observer.refusals());
    assertEquals(3, observer.resultsAtRefusal(), "the stop line came before the last results");
    assertEquals(List.of(untouched.id()),
        observer.abandoned().stream().map(CopyTask::id).toList());
    assertEquals(15, observer.bytes());
    assertTrue(feed.stopped(), "the walk was not told to stop");
  }

  @Test
  void run_interrupted_countsWhatTheWorkersFinishWhileStopping() throws InterruptedException {
    CopyTask interrupted = task(op("a1", 4), op("a2", 4));
    CopyTask held = task(op("b", 1));
    InProcessWorkerLauncher launcher =
        new InProcessWorkerLauncher(FakeWorker.finishingPartWhenStopped());
    events.add(new PoolEvent.Interrupted("SIGINT"));

    Coordinator.Outcome outcome = run(launcher, 1, List.of(interrupted, held));

    assertEquals(Coordinator.Outcome.INTERRUPTED, outcome);
    assertEquals(List.of(new Result(interrupted.ops().get(0), OpResult.copied(4))),
        observer.results(), "a2 was never tried: neither copied nor failed");
    assertEquals(List.of(held.id()), observer.abandoned().stream().map(CopyTask::id).toList());
    assertEquals(4, observer.bytes());
    assertEquals(List.of(), observer.workersLost(), "a worker told to stop was not lost");
  }

  @Test
  void run_aSignalWhileSettlingAfterARefusal_endsTheWaitAtOnce() throws InterruptedException {
    // A worker that does not exit when told to stop (a copy stuck in a system call).
    InProcessWorkerLauncher launcher = new InProcessWorkerLauncher((index, in, out) -> {
      FakeWorker.holdingTasks().serve(index, in, out);
      events.add(new PoolEvent.Interrupted("SIGINT"));
      Thread.sleep(60_000);
    });
    events.add(new PoolEvent.TargetRefusesWrites(Path.of("/dst/dir"),
        "cannot create directory: Read-only file system", "Read-only file system"));
    long started = System.nanoTime();

    Coordinator.Outcome outcome = run(launcher, 1, List.of(task(op("f", 10))));

    assertEquals(Coordinator.Outcome.TARGET_REFUSES_WRITES, outcome);
    assertTrue(System.nanoTime() - started < Duration.ofSeconds(2).toNanos(),
        "the coordinator waited out the grace despite the signal");
  }

  @Test
  void run_targetRefusingWritesToTheWalkerStopsTheRun() throws InterruptedException {
    InProcessWorkerLauncher launcher = new InProcessWorkerLauncher(FakeWorker.holdingTasks());
    List<CopyTask> tasks = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      tasks.add(task(op("f" + i, 10)));
    }
    events.add(new PoolEvent.TargetRefusesWrites(Path.of("/dst/dir"),
        "cannot create directory: Read-only file system", "Read-only file system"));

    Coordinator.Outcome outcome = run(launcher, 1, tasks);

    assertEquals(Coordinator.Outcome.TARGET_REFUSES_WRITES, outcome);
    assertEquals(List.of("/dst/dir: cannot create directory: Read-only file system"),
        observer.walkFailures());
    assertEquals(List.of("Read-only file system"), observer.refusals());
    // Only what the first hand-out gave the one worker (two tasks), taken back unfinished.
    assertEquals(List.of(tasks.get(0).id(), tasks.get(1).id()),
        observer.abandoned().stream().map(CopyTask::id).toList());
    assertEquals(List.of(), observer.results());
  }

  @Test
  void run_passesWalkerFindingsToTheObserver() throws InterruptedException {
    events.add(new PoolEvent.WalkFailed(Path.of("/src/unreadable"), "Permission denied"));
    events.add(new PoolEvent.SpecialSkipped(Path.of("/src/fifo"), SpecialKind.FIFO));
    events.add(new PoolEvent.WorkQueued());

    run(FakeWorker.copyingEverything(), 1, List.of(task(op("a", 1))));

    assertEquals(List.of("/src/unreadable: Permission denied"), observer.walkFailures());
    assertEquals(List.of("/src/fifo: a FIFO"), observer.specials());
  }

  @Test
  void run_countsEntriesTheWalkFoundUpToDateAsSkippedWithoutStartingAWorker()
      throws InterruptedException {
    FileOp a = op("a", 5);
    FileOp b = op("b", 7);
    events.add(new PoolEvent.UpToDate(List.of(a, b)));
    InProcessWorkerLauncher launcher = new InProcessWorkerLauncher(FakeWorker.copyingEverything());

    assertEquals(Coordinator.Outcome.FINISHED, run(launcher, 2, List.of()));

    assertEquals(List.of(new Result(a, OpResult.skipped()), new Result(b, OpResult.skipped())),
        observer.results());
    assertEquals(0, launcher.launched());
  }

  @Test
  void run_handlesWhatTheWalkReportedBeforeEndingEvenWhenNothingElseIsLeft()
      throws InterruptedException {
    // Queued after the coordinator last looked, but before the feed ran dry: still reported.
    events.add(new PoolEvent.WalkFailed(Path.of("/src/last"), "Permission denied"));

    run(FakeWorker.copyingEverything(), 1, List.of());

    assertEquals(List.of("/src/last: Permission denied"), observer.walkFailures());
  }

  @Test
  void run_withRealWorkerLoop_copiesFilesAndSkipsThemOnRerun(@TempDir Path dir)
      throws IOException, InterruptedException {
    Path src = Files.createDirectories(dir.resolve("src"));
    Path dst = Files.createDirectories(dir.resolve("dst"));
    List<FileOp> ops = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Path file = Files.writeString(src.resolve("f" + i), "content " + i, StandardCharsets.UTF_8);
      var attrs = dev.pcopy.plan.EntryAttributes.read(file, false);
      ops.add(new FileOp(nextSeq++, OpKind.FILE, file, dst.resolve("f" + i), attrs.size(),
          attrs.mode(), attrs.mtime(), attrs.atime(), null));
    }
    ops.add(new FileOp(nextSeq++, OpKind.SYMLINK, src.resolve("link"), dst.resolve("link"), 0,
        0777, Instant.ofEpochSecond(1_000_000), Instant.ofEpochSecond(1_000_000),
        Path.of("f0")));
    List<CopyTask> tasks = List.of(task(ops.subList(0, 3)), task(ops.subList(3, 6)));

    run(InProcessWorkerLauncher.runningWorkerMain(), 2, tasks);

    assertEachEntryReportedOnce(tasks);
    assertTrue(observer.results().stream().allMatch(r -> r.result().status() == Status.COPIED),
        observer.results().toString());
    for (int i = 0; i < 5; i++) {
      assertArrayEquals(Files.readAllBytes(src.resolve("f" + i)),
          Files.readAllBytes(dst.resolve("f" + i)));
      assertEquals(Files.getLastModifiedTime(src.resolve("f" + i)),
          Files.getLastModifiedTime(dst.resolve("f" + i)));
    }
    assertEquals(Path.of("f0"), Files.readSymbolicLink(dst.resolve("link")));

    RecordingRunObserver rerun = new RecordingRunObserver();
    run(InProcessWorkerLauncher.runningWorkerMain(), 2, tasks, rerun);

    assertEquals(6, rerun.results().size());
    assertTrue(rerun.results().stream().allMatch(r -> r.result().status() == Status.SKIPPED),
        rerun.results().toString());
  }

  private Coordinator.Outcome run(FakeWorker worker, int workers, List<CopyTask> tasks)
      throws InterruptedException {
    return run(new InProcessWorkerLauncher(worker), workers, tasks);
  }

  private Coordinator.Outcome run(InProcessWorkerLauncher launcher, int workers,
      List<CopyTask> tasks) throws InterruptedException {
    return run(launcher, workers, tasks, observer);
  }

  private Coordinator.Outcome run(InProcessWorkerLauncher launcher, int workers,
      List<CopyTask> tasks, RecordingRunObserver observer) throws InterruptedException {
    return run(launcher, workers, new QueueTaskFeed(tasks), observer);
  }

  private Coordinator.Outcome run(InProcessWorkerLauncher launcher, int workers,
      QueueTaskFeed feed, RecordingRunObserver observer) throws InterruptedException {
    WorkerPool pool = new WorkerPool(launcher, workers, 2,
        new Configure(FrameCodec.VERSION, "test", false, 1 << 20, 0, -1, ""), events);
    return new Coordinator(pool, events, feed, observer).run();
  }

  private void assertEachEntryReportedOnce(List<CopyTask> tasks) {
    Map<Long, Integer> expected = tasks.stream().flatMap(t -> t.ops().stream())
        .collect(Collectors.toMap(FileOp::seq, op -> 1));
    assertEquals(expected, observer.resultCountBySeq());
  }

  private CopyTask task(FileOp... ops) {
    return task(List.of(ops));
  }

  private CopyTask task(List<FileOp> ops) {
    return new CopyTask(nextTaskId++, ops, 0);
  }

  private FileOp op(String name, long size) {
    return new FileOp(nextSeq++, OpKind.FILE, Path.of("/src", name), Path.of("/dst", name), size,
        0644, Instant.EPOCH, Instant.EPOCH, null);
  }
}
