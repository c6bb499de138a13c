package dev.pcopy.pool;

import static dev.pcopy.testing.Raw.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.fs.DirHandle;
import dev.pcopy.fs.Stat;
import dev.pcopy.fs.Timestamp;
import dev.pcopy.plan.Action.Skip;
import dev.pcopy.plan.Action.WorkerAction;
import dev.pcopy.plan.Action.WriteFile;
import dev.pcopy.plan.Action.WriteLink;
import dev.pcopy.plan.Decision;
import dev.pcopy.plan.Meta;
import dev.pcopy.plan.Outcome;
import dev.pcopy.plan.Task;
import dev.pcopy.protocol.FrameCodec;
import dev.pcopy.protocol.Message.Configure;
import dev.pcopy.protocol.Message.WorkerOptions;
import dev.pcopy.protocol.Message;
import dev.pcopy.testing.FakeWorker.Assignment;
import dev.pcopy.testing.FakeWorker;
import dev.pcopy.testing.InProcessWorkerLauncher;
import dev.pcopy.testing.QueueTaskFeed;
import dev.pcopy.testing.Raw;
import dev.pcopy.testing.RecordingRunObserver.Result;
import dev.pcopy.testing.RecordingRunObserver;
import dev.pcopy.testing.TestActions;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coordinator with in-process workers (fakes that speak the protocol, or the real worker
 * loop): every entry answered once, workers started lazily, dead workers' tasks handed on and
 * a poison entry given up, stuck workers killed by an injected clock, the "workers cannot start"
 * rule (which counts only workers that fail on their own), signals and a destination that
 * refuses writes, and the walk's findings passed on.
 */
@Timeout(30)
class CoordinatorTest {
  /** Long enough that no test but the stall tests ever sees a stall. */
  private static final Duration NO_STALL = Duration.ofHours(1);
  private static final Duration STALL = Duration.ofSeconds(1);

  private final BlockingQueue<PoolEvent> events = new LinkedBlockingQueue<>();
  private final RecordingRunObserver observer = new RecordingRunObserver();
  private long nextSeq;
  private long nextTaskId;

  @Test
  void run_finishesEveryTaskAndReportsEachActionExactlyOnce() throws InterruptedException {
    List<Task> tasks = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      tasks.add(task(op("f" + i + "a", 10), op("f" + i + "b", 20), op("f" + i + "c", 30)));
    }

    Coordinator.Outcome outcome = run(FakeWorker.copyingEverything(), 3, tasks);

    assertEquals(Coordinator.Outcome.FINISHED, outcome);
    assertEachActionReportedOnce(tasks);
    assertTrue(observer.results().stream()
        .allMatch(r -> r.result().status() == Outcome.Status.DONE));
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
    List<Task> tasks = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      tasks.add(task(op("f" + i, 1)));
    }

    run(launcher, 3, tasks);

    assertTrue(launcher.launched() <= 3, "launched " + launcher.launched());
    assertEachActionReportedOnce(tasks);
  }

  @Test
  void run_progressFrames_tellTheObserverWhichActionEachWorkerIsAtAndHowFar()
      throws InterruptedException {
    Task t = task(op("a", 10), op("b", 20));

    run(FakeWorker.reportingProgress(), 1, List.of(t));

    assertEquals(List.of("1: a 5", "1: a 10", "1: b 10 after 1", "1: b 20 after 1", "1: idle"),
        observer.positions());
    assertEquals(30, observer.bytes(), "progress credited once, not again at Done");
  }

  @Test
  void run_tellsTheObserverHowManyWorkersHoldWork_untilNoneDoes() throws InterruptedException {
    List<Task> tasks = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      tasks.add(task(op("f" + i, 10)));
    }

    run(FakeWorker.reportingProgress(), 2, tasks);

    List<Integer> busy = observer.busyCounts();
    assertTrue(busy.contains(1) || busy.contains(2), "never busy: " + busy);
    assertEquals(0, busy.get(busy.size() - 1), "still busy at the end: " + busy);
  }

  @Test
  void run_aTaskThatEnds_movesTheWorkersPlaceToItsNextTaskAtOnce() throws InterruptedException {
    // So the ended task's actions, counted now by their outcomes, stop counting as its place.
    Task first = task(op("a", 10), op("b", 10));
    Task second = task(op("c", 10));

    run(FakeWorker.reportingProgress(), 1, List.of(first, second));

    List<String> places = observer.positions();
    assertEquals("1: c 0", places.get(places.indexOf("1: b 10 after 1") + 1), places.toString());
    assertEquals("1: idle", places.get(places.size() - 1), places.toString());
  }

  @Test
  void run_workerDyingMidTaskHasItsTasksRequeuedToANewWorker() throws InterruptedException {
    Task first = task(op("a", 1000), op("b", 10));
    Task second = task(op("c", 20));
    // Worker 1 dies inside entry "a", after reporting 500 of its bytes.
    FakeWorker worker = FakeWorker.dyingAt((index, op) -> index == 1 && name(op).equals("a"));
    InProcessWorkerLauncher launcher = new InProcessWorkerLauncher(worker);

    Coordinator.Outcome outcome = run(launcher, 1, List.of(first, second));

    assertEquals(Coordinator.Outcome.FINISHED, outcome);
    assertEachActionReportedOnce(List.of(first, second));
    assertTrue(observer.results().stream()
        .allMatch(r -> r.result().status() == Outcome.Status.DONE));
    assertEquals(2, launcher.launched());
    assertEquals(1, observer.workersLost().size());
    assertTrue(observer.workersLost().get(0).startsWith("1: "), observer.workersLost().get(0));
    assertEquals(List.of(first.id(), second.id()),
        observer.abandoned().stream().map(Task::id).toList());
    // The partial 500 bytes were taken back: the net count is what was finally copied.
    assertEquals(1030, observer.bytes());
    // The task being copied is blamed for the death; the one queued behind it is not.
    List<Assignment> toWorker2 = worker.assignments().stream()
        .filter(a -> a.worker() == 2).toList();
    assertEquals(Map.of(first.id(), 1, second.id(), 0), toWorker2.stream()
        .collect(Collectors.toMap(Assignment::taskId, Assignment::attempt)));
  }

  @Test
  void run_poisonEntryFirst_onOneWorker_failsAlone_notAsWorkersThatCannotStart()
      throws InterruptedException {
    // Each worker dies on the run's first entry before it has finished any task: workers that
    // said hello had started, so their deaths are the entry's to answer for, not a start
    // failure that ends the run (which it did, under load, whenever no other task ended
    // between the deaths).
    Task poison = task(op("poison", 1));
    Task other = task(op("ok", 2));
    InProcessWorkerLauncher launcher =
        new InProcessWorkerLauncher(FakeWorker.dyingOnName("poison"));

    Coordinator.Outcome outcome = run(launcher, 1, List.of(poison, other));

    assertEquals(Coordinator.Outcome.FINISHED, outcome);
    Map<String, Outcome> byName = observer.results().stream().collect(Collectors.toMap(
        r -> name(r.op()), Result::result));
    assertEquals(Outcome.Status.FAILED, byName.get("poison").status());
    assertEquals(Outcome.Status.DONE, byName.get("ok").status());
  }

  @Test
  void run_poisonEntryIsReportedFailedAfterTheLimitWhileTheRestOfItsBatchIsCopied()
      throws InterruptedException {
    Task batch = task(op("ok1", 1), op("poison", 2), op("ok2", 3));
    Task other = task(op("ok3", 4));
    FakeWorker worker = FakeWorker.dyingOnName("poison");
    InProcessWorkerLauncher launcher = new InProcessWorkerLauncher(worker);

    Coordinator.Outcome outcome = run(launcher, 2, List.of(batch, other));

    assertEquals(Coordinator.Outcome.FINISHED, outcome);
    assertEachActionReportedOnce(List.of(batch, other));
    Map<String, Outcome> byName = observer.results().stream().collect(Collectors.toMap(
        r -> name(r.op()), Result::result));
    assertEquals(Outcome.Status.DONE, byName.get("ok1").status());
    assertEquals(Outcome.Status.DONE, byName.get("ok2").status());
    assertEquals(Outcome.Status.DONE, byName.get("ok3").status());
    assertEquals(Outcome.Status.FAILED, byName.get("poison").status());
    assertTrue(byName.get("poison").reason().contains(
        "died " + Coordinator.MAX_ATTEMPTS + " times"), byName.get("poison").reason());
    // MAX_ATTEMPTS deaths as a batch, then MAX_ATTEMPTS more as a single entry; only the last
    // death gives the entry up.
    assertEquals(2 * Coordinator.MAX_ATTEMPTS, observer.workersLost().size());
    assertEquals(1, observer.workersLost().stream()
        .filter(w -> w.endsWith("(entry given up)")).count(), observer.workersLost().toString());
    assertTrue(observer.workersLost().get(observer.workersLost().size() - 1)
        .endsWith("(entry given up)"), observer.workersLost().toString());
    // The batch was split into single entries before the poison was given up.
    assertTrue(worker.assignments().stream().anyMatch(
        a -> a.ops().size() == 1 && name(a.ops().get(0)).equals("ok1")));
    assertEquals(1 + 2 + 3 + 4 - 2, observer.bytes());
  }

  // --- stuck workers, by the injected clock ---

  @Test
  void run_workerHoldingATaskSilentlyForTheStallTimeout_isKilledAndItsTaskHandedOn()
      throws InterruptedException {
    StallClock clock = new StallClock();
    Task t = task(op("a", 10));
    InProcessWorkerLauncher launcher = new InProcessWorkerLauncher((index, in, out) -> {
      if (index == 1) {
        FakeWorker.holdingFirstTaskSilently(clock::arm).serve(index, in, out);
      } else {
        FakeWorker.copyingEverything().serve(index, in, out);
      }
    });

    Coordinator.Outcome outcome = run(launcher, 1, new QueueTaskFeed(List.of(t)),
        clock.observing(observer), STALL, clock);

    assertEquals(Coordinator.Outcome.FINISHED, outcome);
    assertEquals(List.of("1: made no progress for 1 s; it was stopped"), observer.workersLost());
    assertEquals(List.of(new Result(t.actions().get(0), Outcome.done(10))), observer.results());
    assertEquals(2, launcher.launched());
    assertEquals(List.of(t.id()), observer.abandoned().stream().map(Task::id).toList(),
        "the stuck worker's temporary files were not cleaned up");
  }

  @Test
  void run_entryThatStallsEveryWorker_isGivenUpAfterMaxAttempts() throws InterruptedException {
    StallClock clock = new StallClock();
    Task t = task(op("hangs", 10));
    InProcessWorkerLauncher launcher = new InProcessWorkerLauncher(
        FakeWorker.holdingFirstTaskSilently(clock::arm));

    Coordinator.Outcome outcome = run(launcher, 1, new QueueTaskFeed(List.of(t)),
        clock.observing(observer), STALL, clock);

    assertEquals(Coordinator.Outcome.FINISHED, outcome);
    assertEquals(Coordinator.MAX_ATTEMPTS, launcher.launched());
    assertEquals(Coordinator.MAX_ATTEMPTS, observer.workersLost().size());
    assertTrue(observer.workersLost().get(Coordinator.MAX_ATTEMPTS - 1)
        .endsWith("(entry given up)"), observer.workersLost().toString());
    assertEquals(1, observer.results().size());
    Outcome given = observer.results().get(0).result();
    assertEquals(Outcome.Status.FAILED, given.status());
    assertEquals("worker process died " + Coordinator.MAX_ATTEMPTS + " times while copying it;"
        + " last: made no progress for 1 s; it was stopped", given.reason());
  }

  // --- "workers cannot start" ---

  @Test
  void run_workersExitingOnTheirOwnBeforeHelloThreeTimesInARow_abandonTheRun() {
    InProcessWorkerLauncher launcher = new InProcessWorkerLauncher(FakeWorker.dyingBeforeHello());

    PoolException e = assertThrows(PoolException.class,
        () -> run(launcher, 4, List.of(task(op("a", 1)))));

    assertTrue(e.getMessage().startsWith("workers cannot start: "
        + Coordinator.MAX_START_FAILURES + " worker processes in a row failed before finishing"
        + " any work; last: worker 3 "), e.getMessage());
    assertEquals(Coordinator.MAX_START_FAILURES, launcher.launched());
    assertEquals(List.of(), observer.results());
  }

  @Test
  void run_workersBreakingTheProtocol_countAsFailingToStart_evenWhenKilledAfterwards() {
    AtomicReferenceLauncher self = new AtomicReferenceLauncher();
    // Each worker writes the preamble then a frame of length zero, and is then killed: the
    // kill would not count, but a broken protocol does.
    InProcessWorkerLauncher launcher = self.set(new InProcessWorkerLauncher((index, in, out) -> {
      FrameCodec.read(in);
      FrameCodec.writePreamble(out);
      out.write(new byte[] {0, 0, 0, 0});
      out.flush();
      self.get().kill(index);
    }));

    PoolException e = assertThrows(PoolException.class,
        () -> run(launcher, 1, List.of(task(op("a", 1)))));

    assertTrue(e.getMessage().startsWith("workers cannot start: "), e.getMessage());
    assertTrue(e.getMessage().contains("broke the protocol"), e.getMessage());
    assertEquals(Coordinator.MAX_START_FAILURES, launcher.launched());
  }

  @Test
  void run_workersKilledFromOutsideBeforeFinishingAnything_doNotCountAsFailingToStart()
      throws InterruptedException {
    AtomicReferenceLauncher self = new AtomicReferenceLauncher();
    // Workers 1 to 5 are killed (as by kill -9 from outside) before they say hello; 6 copies.
    InProcessWorkerLauncher launcher = self.set(new InProcessWorkerLauncher((index, in, out) -> {
      if (index <= 5) {
        FrameCodec.read(in);
        self.get().kill(index);
        return;
      }
      FakeWorker.copyingEverything().serve(index, in, out);
    }));
    Task t = task(op("a", 1));

    Coordinator.Outcome outcome = run(launcher, 1, List.of(t));

    assertEquals(Coordinator.Outcome.FINISHED, outcome);
    assertEquals(6, launcher.launched());
    assertEquals(List.of(new Result(t.actions().get(0), Outcome.done(1))), observer.results());
  }

  @Test
  void run_workersKilledFromOutsideAgainAndAgain_endTheRunAfterMaxEarlyDeaths() {
    AtomicReferenceLauncher self = new AtomicReferenceLauncher();
    InProcessWorkerLauncher launcher = self.set(new InProcessWorkerLauncher((index, in, out) -> {
      FrameCodec.read(in);
      self.get().kill(index);
    }));

    PoolException e = assertThrows(PoolException.class,
        () -> run(launcher, 1, List.of(task(op("a", 1)))));

    assertTrue(e.getMessage().startsWith("workers keep dying: "
        + Coordinator.MAX_EARLY_DEATHS + " worker processes in a row"), e.getMessage());
    assertEquals(Coordinator.MAX_EARLY_DEATHS, launcher.launched());
  }

  @Test
  void run_aWorkerThatFinishedATask_resetsTheCount() throws InterruptedException {
    // Workers 1 and 2 exit before hello; 3 copies the first entry it gets, then dies in the
    // second; 4 and 5 exit before hello; 6 copies: never three failures in a row since the
    // last finished task.
    Task a = task(op("a", 1));
    Task bTask = task(op("b", 1));
    AtomicLong seenByWorker3 = new AtomicLong();
    InProcessWorkerLauncher launcher = new InProcessWorkerLauncher((index, in, out) -> {
      if (index == 1 || index == 2 || index == 4 || index == 5) {
        FakeWorker.dyingBeforeHello().serve(index, in, out);
      } else {
        FakeWorker.dyingAt((i, op) -> i == 3 && seenByWorker3.incrementAndGet() == 2)
            .serve(index, in, out);
      }
    });

    Coordinator.Outcome outcome = run(launcher, 1, List.of(a, bTask));

    assertEquals(Coordinator.Outcome.FINISHED, outcome);
    assertEquals(6, launcher.launched());
    assertEachActionReportedOnce(List.of(a, bTask));
  }

  @Test
  void run_deathsBeforeHelloAreNotBlamedOnTheTaskTheWorkerHeld() throws InterruptedException {
    AtomicReferenceLauncher self = new AtomicReferenceLauncher();
    // Worker 1 never starts; workers 2 and 3 start and are killed in entry "a"; worker 4 copies
    // it. Only two deaths happened while "a" was being copied, fewer than MAX_ATTEMPTS.
    InProcessWorkerLauncher launcher = self.set(new InProcessWorkerLauncher((index, in, out) -> {
      if (index == 1) {
        FakeWorker.dyingBeforeHello().serve(index, in, out);
      } else if (index <= 3) {
        FakeWorker.dyingAt((i, op) -> true).serve(index, in, out);
        self.get().kill(index);
      } else {
        FakeWorker.copyingEverything().serve(index, in, out);
      }
    }));

    run(launcher, 1, List.of(task(op("a", 1))));

    assertEquals(4, launcher.launched());
    assertEquals(Outcome.Status.DONE, observer.results().get(0).result().status(),
        observer.results().toString());
  }

  // --- signals and a destination that refuses writes ---

  @Test
  void run_interruptedEventStopsTheRunAndAbandonsHeldTasks() throws InterruptedException {
    Task held1 = task(op("a", 1));
    Task held2 = task(op("b", 1));
    InProcessWorkerLauncher launcher = new InProcessWorkerLauncher(FakeWorker.holdingTasks());
    events.add(new PoolEvent.Interrupted("SIGINT"));

    Coordinator.Outcome outcome = run(launcher, 1, List.of(held1, held2));

    assertEquals(Coordinator.Outcome.INTERRUPTED, outcome);
    assertEquals(List.of(held1.id(), held2.id()),
        observer.abandoned().stream().map(Task::id).toList());
    assertEquals(List.of(), observer.results());
  }

  @Test
  void run_targetRefusingWritesStopsTheRunWithoutHandingOutMoreWork()
      throws InterruptedException {
    Task first = task(op("a", 10), op("full", 20), op("untried", 30));
    Task second = task(op("b", 10));
    List<Task> tasks = new ArrayList<>(List.of(first, second));
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
    assertEquals(List.of(new Result(first.actions().get(0), Outcome.done(10)),
        new Result(first.actions().get(1),
            Outcome.targetRefusesWrites("No space left on device")),
        new Result(second.actions().get(0), Outcome.done(10))),
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
    Task refused = task(op("a", 10), op("full", 20));
    Task interrupted = task(op("b1", 5), op("b2", 5), op("b3", 5));
    Task refusedToo = task(op("full", 7));
    Task untouched = task(op("c", 3));
    InProcessWorkerLauncher launcher = new InProcessWorkerLauncher((index, in, out) -> {
      if (index == 1) {
        FakeWorker.findingTheTargetFullAt("full").serve(index, in, out);
      } else {
        FakeWorker.finishingPartWhenStopped().serve(index, in, out);
      }
    });
    QueueTaskFeed feed = new QueueTaskFeed(List.of(refused, interrupted, refusedToo, untouched));

    Coordinator.Outcome outcome = run(launcher, 2, feed, observer, NO_STALL, System::nanoTime);

    assertEquals(Coordinator.Outcome.TARGET_REFUSES_WRITES, outcome);
    assertEquals(List.of(new Result(refused.actions().get(0), Outcome.done(10)),
        new Result(refused.actions().get(1),
            Outcome.targetRefusesWrites("No space left on device")),
        new Result(interrupted.actions().get(0), Outcome.done(5))),
        observer.results(), "one refusal reported, and b1, finished while stopping, counted");
    assertEquals(List.of("No space left on device"), observer.refusals());
    assertEquals(3, observer.resultsAtRefusal(), "the stop line came before the last results");
    assertEquals(List.of(untouched.id()),
        observer.abandoned().stream().map(Task::id).toList());
    assertEquals(15, observer.bytes());
    assertTrue(feed.stopped(), "the walk was not told to stop");
  }

  @Test
  void run_interrupted_countsWhatTheWorkersFinishWhileStopping() throws InterruptedException {
    Task interrupted = task(op("a1", 4), op("a2", 4));
    Task held = task(op("b", 1));
    InProcessWorkerLauncher launcher =
        new InProcessWorkerLauncher(FakeWorker.finishingPartWhenStopped());
    events.add(new PoolEvent.Interrupted("SIGINT"));

    Coordinator.Outcome outcome = run(launcher, 1, List.of(interrupted, held));

    assertEquals(Coordinator.Outcome.INTERRUPTED, outcome);
    assertEquals(List.of(new Result(interrupted.actions().get(0), Outcome.done(4))),
        observer.results(), "a2 was never tried: neither copied nor failed");
    assertEquals(List.of(held.id()), observer.abandoned().stream().map(Task::id).toList());
    assertEquals(4, observer.bytes());
    assertEquals(List.of(), observer.workersLost(), "a worker told to stop was not lost");
  }

  /**
   * A worker that answers each task with the outcomes of its first {@code answered} actions
   * only, as one whose host's agent was stopped on its own does, while {@code isShort} holds.
   */
  private static InProcessWorkerLauncher answeringShort(int answered, BooleanSupplier isShort) {
    return new InProcessWorkerLauncher((index, in, out) -> {
      FrameCodec.read(in);
      FrameCodec.writePreamble(out);
      FrameCodec.write(out, new Message.Hello(FrameCodec.VERSION, 1000 + index));
      out.flush();
      for (Message m = FrameCodec.read(in); m != null; m = FrameCodec.read(in)) {
        Task task = ((Message.Assign) m).task();
        int n = isShort.getAsBoolean() ? Math.min(answered, task.actions().size())
            : task.actions().size();
        List<Outcome> outcomes = new ArrayList<>();
        for (WorkerAction a : task.actions().subList(0, n)) {
          outcomes.add(Outcome.done(a.bytes()));
        }
        FrameCodec.write(out, new Message.Done(task.id(), outcomes));
        out.flush();
      }
    });
  }

  @Test
  void run_aShortListWithoutAStop_handsTheRestOutAgain() throws InterruptedException {
    Task batch = task(op("a1", 4), op("a2", 4), op("a3", 4));
    AtomicInteger lists = new AtomicInteger();

    Coordinator.Outcome outcome = run(answeringShort(1, () -> lists.getAndIncrement() == 0), 1,
        List.of(batch));

    assertEquals(Coordinator.Outcome.FINISHED, outcome);
    assertEachActionReportedOnce(List.of(batch));
    assertTrue(observer.results().stream()
        .allMatch(r -> r.result().status() == Outcome.Status.DONE), observer.results()
        .toString());
    assertEquals(12, observer.bytes());
  }

  @Test
  void run_aWorkerThatAlwaysAnswersShort_failsTheRestInTheEnd_andTheRunEnds()
      throws InterruptedException {
    Task batch = task(op("a1", 4), op("a2", 4));

    Coordinator.Outcome outcome = run(answeringShort(0, () -> true), 1, List.of(batch));

    assertEquals(Coordinator.Outcome.FINISHED, outcome);
    assertEachActionReportedOnce(List.of(batch));
    assertTrue(observer.results().stream().allMatch(r -> r.result().reason()
        .equals("workers returned no result for it " + Coordinator.MAX_ATTEMPTS + " times")),
        observer.results().toString());
  }

  @Test
  void run_aShortListThatComesBeforeAQueuedSignal_isNoFailure() throws InterruptedException {
    // The signal that stops pcopy reached a remote agent too, which stopped its worker: the
    // worker's short list is in the queue ahead of the signal's event.
    Task batch = task(op("a1", 4), op("a2", 4));
    CountDownLatch bothQueued = new CountDownLatch(1);
    InProcessWorkerLauncher launcher = new InProcessWorkerLauncher((index, in, out) -> {
      FrameCodec.read(in);
      FrameCodec.writePreamble(out);
      FrameCodec.write(out, new Message.Hello(FrameCodec.VERSION, 1000 + index));
      Message.Assign assign = (Message.Assign) FrameCodec.read(in);
      long id = assign.task().id();
      FrameCodec.write(out, new Message.Progress(id, 0, 4));
      FrameCodec.write(out, new Message.Done(id, List.of(Outcome.done(4))));
      out.flush();
      try {
        while (events.stream().noneMatch(e -> e instanceof PoolEvent.Finished)) {
          Thread.sleep(1);
        }
        events.add(new PoolEvent.Interrupted("SIGINT"));
        bothQueued.countDown();
        new CountDownLatch(1).await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    // The coordinator waits at the progress report until both are queued behind it.
    RunObserver waiting = (RunObserver) Proxy.newProxyInstance(
        RunObserver.class.getClassLoader(), new Class<?>[] {RunObserver.class},
        (proxy, method, args) -> {
          if (method.getName().equals("workerAt")) {
            bothQueued.await();
          }
          try {
            return method.invoke(observer, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });

    Coordinator.Outcome outcome = run(launcher, 1, new QueueTaskFeed(List.of(batch)), waiting,
        NO_STALL, System::nanoTime);

    assertEquals(Coordinator.Outcome.INTERRUPTED, outcome);
    assertEquals(List.of(new Result(batch.actions().get(0), Outcome.done(4))),
        observer.results(), "a2 was never tried: neither copied nor failed");
  }

  @Test
  void run_aSignalWhileSettlingAfterARefusal_endsTheWaitAtOnce() throws InterruptedException {
    CountDownLatch never = new CountDownLatch(1);
    // A worker that does not exit when told to stop (a copy stuck in a system call): once its
    // stdin ends, a signal comes, then a finding the coordinator would take if it still waited.
    InProcessWorkerLauncher launcher = new InProcessWorkerLauncher((index, in, out) -> {
      FakeWorker.holdingTasks().serve(index, in, out);
      events.add(new PoolEvent.Interrupted("SIGINT"));
      events.add(new PoolEvent.WalkFailed(b(""), b("late"), false, "seen after the signal"));
      never.await();
    });
    events.add(new PoolEvent.TargetRefusesWrites(b(""), b("dir"),
        "cannot create directory: Read-only file system", "Read-only file system"));

    Coordinator.Outcome outcome = run(launcher, 1, List.of(task(op("f", 10))));

    assertEquals(Coordinator.Outcome.TARGET_REFUSES_WRITES, outcome);
    assertEquals(List.of("dir: cannot create directory: Read-only file system"),
        observer.walkFailures(), "the coordinator went on waiting after the signal");
  }

  @Test
  void run_targetRefusingWritesToTheWalkerStopsTheRun() throws InterruptedException {
    InProcessWorkerLauncher launcher = new InProcessWorkerLauncher(FakeWorker.holdingTasks());
    List<Task> tasks = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      tasks.add(task(op("f" + i, 10)));
    }
    events.add(new PoolEvent.TargetRefusesWrites(b("dir"), b("sub"),
        "cannot create directory: Read-only file system", "Read-only file system"));

    Coordinator.Outcome outcome = run(launcher, 1, tasks);

    assertEquals(Coordinator.Outcome.TARGET_REFUSES_WRITES, outcome);
    assertEquals(List.of("dir/sub: cannot create directory: Read-only file system"),
        observer.walkFailures());
    assertEquals(List.of("Read-only file system"), observer.refusals());
    // Only what the first hand-out gave the one worker (two tasks), taken back unfinished.
    assertEquals(List.of(tasks.get(0).id(), tasks.get(1).id()),
        observer.abandoned().stream().map(Task::id).toList());
    assertEquals(List.of(), observer.results());
  }

  // --- the walk's findings ---

  @Test
  void run_passesWalkerFindingsToTheObserver_withoutStartingAWorkerForThem()
      throws InterruptedException {
    Decision skipped = Decision.of(new Skip(b("d"), b("same"), 7));
    Decision warned = new Decision(op("setuid", 1), List.of("set-user-ID bit not kept"));
    events.add(new PoolEvent.WalkFailed(b("d"), b("unreadable"), false, "Permission denied"));
    events.add(new PoolEvent.Walked(List.of(skipped, warned), 3, 30));
    // Entries of a directory of another kind that the walk could delete only in part.
    events.add(new PoolEvent.DeletedInPart(5));
    events.add(new PoolEvent.WorkQueued());
    InProcessWorkerLauncher launcher = new InProcessWorkerLauncher(FakeWorker.copyingEverything());

    run(launcher, 2, List.of());

    assertEquals(List.of("d/unreadable: Permission denied"), observer.walkFailures());
    assertEquals(List.of(skipped, warned), observer.walked());
    assertEquals(List.of("3 skipped, 30 bytes"), observer.skips());
    assertEquals(5, observer.deletedInPart());
    assertEquals(0, launcher.launched());
  }

  @Test
  void run_handlesWhatTheWalkReportedBeforeEndingEvenWhenNothingElseIsLeft()
      throws InterruptedException {
    // Queued after the coordinator last looked, but before the feed ran dry: still reported.
    events.add(new PoolEvent.WalkFailed(b(""), b("last"), false, "Permission denied"));

    run(FakeWorker.copyingEverything(), 1, List.of());

    assertEquals(List.of("last: Permission denied"), observer.walkFailures());
  }

  @Test
  void run_withTheRealWorkerLoop_copiesFilesAndLinks(@TempDir Path dir)
      throws IOException, InterruptedException {
    Path src = Files.createDirectories(dir.resolve("src/d"));
    Path dst = Files.createDirectories(dir.resolve("dst/d"));
    Meta meta = new Meta(0640, -1, -1, new Timestamp(1_000_000, 5), new Timestamp(2_000_000, 7));
    List<WorkerAction> actions = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Files.writeString(src.resolve("f" + i), "content " + i);
      actions.add(new WriteFile(b("d"), b("f" + i), b("f" + i), nextSeq++, 9, meta, false));
    }
    Files.createSymbolicLink(src.resolve("link"), Path.of("f0"));
    actions.add(new WriteLink(b("d"), b("link"), nextSeq++, b("f0"), meta, false));
    List<Task> tasks = List.of(task(actions.subList(0, 3)), task(actions.subList(3, 6)));
    WorkerPool pool = new WorkerPool(InProcessWorkerLauncher.runningWorkerMain(), 2, 2,
        configure(dir.resolve("src"), dir.resolve("dst")), events);

    new Coordinator(pool, events, new QueueTaskFeed(tasks), observer, NO_STALL,
        System::nanoTime).run();

    assertEachActionReportedOnce(tasks);
    assertTrue(observer.results().stream()
        .allMatch(r -> r.result().status() == Outcome.Status.DONE), observer.results().toString());
    for (int i = 0; i < 5; i++) {
      assertEquals("content " + i, Files.readString(dst.resolve("f" + i)));
    }
    assertEquals(Path.of("f0"), Files.readSymbolicLink(dst.resolve("link")));
    assertEquals(45, observer.bytes());
  }

  // --- helpers ---

  private static Configure configure(Path src, Path dst) throws IOException {
    try (DirHandle s = DirHandle.open(b(src.toString()));
        DirHandle d = DirHandle.open(b(dst.toString()))) {
      Stat ss = s.stat();
      Stat ds = d.stat();
      return new Configure(FrameCodec.VERSION, "test", b(src.toString()), ss.dev(), ss.ino(),
          b(dst.toString()), ds.dev(), ds.ino(),
          new WorkerOptions(false, false, false, false, false, 1 << 20, 250));
    }
  }

  private static final Configure FAKE_CONFIGURE = new Configure(FrameCodec.VERSION, "test",
      b("/src"), 0, 0, b("/dst"), 0, 0, new WorkerOptions(false, false, false, false, false, 1 << 20,
      250));

  private Coordinator.Outcome run(FakeWorker worker, int workers, List<Task> tasks)
      throws InterruptedException {
    return run(new InProcessWorkerLauncher(worker), workers, tasks);
  }

  private Coordinator.Outcome run(InProcessWorkerLauncher launcher, int workers,
      List<Task> tasks) throws InterruptedException {
    return run(launcher, workers, new QueueTaskFeed(tasks), observer, NO_STALL,
        System::nanoTime);
  }

  private Coordinator.Outcome run(InProcessWorkerLauncher launcher, int workers,
      QueueTaskFeed feed, RunObserver observer, Duration stallTimeout, LongSupplier clock)
      throws InterruptedException {
    WorkerPool pool = new WorkerPool(launcher, workers, 2, FAKE_CONFIGURE, events);
    return new Coordinator(pool, events, feed, observer, stallTimeout, clock).run();
  }

  private void assertEachActionReportedOnce(List<Task> tasks) {
    Map<Long, Integer> expected = tasks.stream().flatMap(t -> t.actions().stream())
        .collect(Collectors.toMap(WorkerAction::seq, op -> 1));
    assertEquals(expected, observer.resultCountBySeq());
  }

  private Task task(WorkerAction... actions) {
    return task(List.of(actions));
  }

  private Task task(List<WorkerAction> actions) {
    return new Task(nextTaskId++, actions, 0);
  }

  private WriteFile op(String name, long size) {
    return TestActions.file(nextSeq++, name, size);
  }

  private static String name(WorkerAction op) {
    return Raw.s(op.name());
  }

  /** Lets a worker body reach the launcher that runs it, to kill itself "from outside". */
  private static final class AtomicReferenceLauncher {
    private volatile InProcessWorkerLauncher launcher;

    InProcessWorkerLauncher set(InProcessWorkerLauncher l) {
      launcher = l;
      return l;
    }

    InProcessWorkerLauncher get() {
      return launcher;
    }
  }

  /**
   * The coordinator's clock in the stall tests. It stands still until a worker that holds its
   * task silently arms it; then every tick of the coordinator moves it one stall timeout on, so
   * the next check finds the worker stuck, however its hello and its task raced. A lost worker
   * disarms it, so the worker that gets the task next is not taken for stuck.
   */
  private static final class StallClock implements LongSupplier {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AtomicBoolean armed = new AtomicBoolean();

    void arm() {
      armed.set(true);
    }

    @Override
    public long getAsLong() {
      return now.get();
    }

    /** Wraps {@code inner} so that its ticks move this clock and lost workers disarm it. */
    RunObserver observing(RecordingRunObserver inner) {
      return new RunObserver() {
        @Override
        public void bytesCopied(long delta) {
          inner.bytesCopied(delta);
        }

        @Override
        public void actionDone(WorkerAction action, Outcome outcome) {
          inner.actionDone(action, outcome);
        }

        @Override
        public void walked(Decision decision) {
          inner.walked(decision);
        }

        @Override
        public void skipped(long count, long bytes) {
          inner.skipped(count, bytes);
        }

        @Override
        public void walkFailed(byte[] dir, byte[] name, boolean blamesTarget, String reason) {
          inner.walkFailed(dir, name, blamesTarget, reason);
        }

        @Override
        public void deletedInPart(long entries) {
          inner.deletedInPart(entries);
        }

        @Override
        public void workerAt(int index, List<WorkerAction> ended, WorkerAction action,
            long bytes) {
          inner.workerAt(index, ended, action, bytes);
        }

        @Override
        public void workerIdle(int index) {
          inner.workerIdle(index);
        }

        @Override
        public void workerLost(int index, String why, WorkerAction on, boolean entryGivenUp) {
          armed.set(false);
          inner.workerLost(index, why, on, entryGivenUp);
        }

        @Override
        public void workerChatter(int index, String text) {
          inner.workerChatter(index, text);
        }

        @Override
        public void destinationRefusesWrites(String reason) {
          inner.destinationRefusesWrites(reason);
        }

        @Override
        public void abandoned(Task task) {
          inner.abandoned(task);
        }

        @Override
        public void workers(int busy, int live) {
          inner.workers(busy, live);
        }

        @Override
        public void tick() {
          if (armed.get()) {
            now.addAndGet(STALL.toNanos());
          }
          inner.tick();
        }
      };
    }
  }
}
