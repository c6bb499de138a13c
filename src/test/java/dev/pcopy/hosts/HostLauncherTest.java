package dev.pcopy.hosts;

import static dev.pcopy.testing.Raw.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.fs.DirHandle;
import dev.pcopy.fs.Stat;
import dev.pcopy.plan.Action.WorkerAction;
import dev.pcopy.plan.Action.WriteChunk;
import dev.pcopy.plan.Decision;
import dev.pcopy.plan.Outcome;
import dev.pcopy.plan.Task;
import dev.pcopy.pool.Coordinator;
import dev.pcopy.pool.PoolEvent;
import dev.pcopy.pool.PoolException;
import dev.pcopy.pool.RunObserver;
import dev.pcopy.pool.WorkerPool;
import dev.pcopy.progress.HostLine;
import dev.pcopy.progress.Units;
import dev.pcopy.protocol.FrameCodec;
import dev.pcopy.protocol.Message;
import dev.pcopy.protocol.Message.Assign;
import dev.pcopy.protocol.Message.Configure;
import dev.pcopy.protocol.Message.Hello;
import dev.pcopy.protocol.Message.Progress;
import dev.pcopy.protocol.Message.WorkerOptions;
import dev.pcopy.testing.FakeWorker;
import dev.pcopy.testing.InProcessWorkerLauncher;
import dev.pcopy.testing.QueueTaskFeed;
import dev.pcopy.testing.RecordingRunObserver;
import dev.pcopy.testing.TestActions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host failure state machine, with the real agent, link, pool and coordinator, and
 * in-process hosts ({@link FakeAgents}): work spread over hosts, a crashed host's tasks handed
 * on and its counted bytes rolled back, a host lost twice not used again, a silent host given
 * up while its agent fences its workers, no host left failing the run, and hosts that fail
 * their checks dropped or, when all are required, stopping the run.
 */
@Timeout(60)
class HostLauncherTest {
  private static final Duration SILENCE = Duration.ofMillis(1500);
  private static final Duration HEARTBEAT = Duration.ofMillis(100);
  private static final Duration NO_STALL = Duration.ofHours(1);

  @TempDir
  Path dir;
  private DirHandle source;
  private DirHandle target;
  private final BlockingQueue<PoolEvent> events = new LinkedBlockingQueue<>();
  private final RecordingRunObserver observer = new RecordingRunObserver();
  private final List<String> warnings = new CopyOnWriteArrayList<>();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private HostLauncher launcher;
  private long nextSeq;
  private long nextTaskId;

  @BeforeEach
  void openRoots() throws IOException {
    java.nio.file.Files.createDirectories(dir.resolve("src"));
    java.nio.file.Files.createDirectories(dir.resolve("dst"));
    source = DirHandle.open(b(dir.resolve("src").toString()));
    target = DirHandle.open(b(dir.resolve("dst").toString()));
  }

  @AfterEach
  void close() throws InterruptedException {
    if (launcher != null) {
      launcher.close();
    }
    source.close();
    target.close();
  }

  @Test
  void run_spreadsWorkersOverTheHostsAndReportsEachActionOnce() throws Exception {
    FakeAgents agents = new FakeAgents().host("a", FakeWorker.copyingEverything())
        .host("b", FakeWorker.copyingEverything()).host("c", FakeWorker.copyingEverything());
    List<Task> tasks = tasks(30);
    // Chunks of big files: each part of an entry, which its commit counts.
    for (int i = 0; i < 4; i++) {
      tasks.add(new Task(nextTaskId++, List.of(new WriteChunk(b(""), b("big" + i), b("big" + i),
          nextSeq++, b(".big.tmp"), 0, 1000, 4000, 1, 1)), 0));
    }

    HostTally tally = tallying(open(agents, false, "a", "b", "c"));
    Coordinator.Outcome outcome = run(tasks, tally);

    assertEquals(Coordinator.Outcome.FINISHED, outcome);
    assertEachActionDoneOnce(tasks);
    assertEquals(totalBytes(tasks), observer.bytes());
    List<String> lines = tally.summary(Units.IEC);
    assertEquals(3, lines.size(), lines.toString());
    long counted = 0;
    for (String line : lines) {
      counted += Long.parseLong(line.replaceAll(".*: (\\d+) entr.*", "$1"));
    }
    assertEquals(60, counted, lines.toString());
    assertTrue(lines.stream().noneMatch(l -> l.contains("lost")), lines.toString());
    // The display's lines end where the summary's do: no busy worker's place is left counted.
    List<HostLine> live = tally.lines();
    assertEquals(List.of("a", "b", "c"), live.stream().map(HostLine::host).toList());
    assertEquals(60, live.stream().mapToLong(HostLine::entries).sum(), live.toString());
    assertEquals(totalBytes(tasks), live.stream().mapToLong(HostLine::bytes).sum());
    for (int i = 0; i < 3; i++) {
      assertTrue(lines.get(i).contains(": " + live.get(i).entries() + " entr"), live.toString());
    }
  }

  @Test
  void hostCrash_tasksGoToTheOtherHosts_itsBytesAreRolledBack_andItIsRetriedOnce()
      throws Exception {
    // Host a crashes each time one of its workers has reported bytes; the second time for good.
    Set<Integer> crashedAt = ConcurrentHashMap.newKeySet();
    FakeAgents agents = new FakeAgents().host("a", reportingHalfThenHolding())
        .host("b", afterwards(() -> crashedAt.size() == 2, FakeWorker.copyingEverything()));
    List<Task> tasks = tasks(20);
    HostLauncher hosts = open(agents, false, "a", "b");
    HostTally tally = new HostTally(new CrashingObserver(hosts, agents, crashedAt), hosts,
        warnings::add);

    Coordinator.Outcome outcome = run(tasks, tally);

    assertEquals(Coordinator.Outcome.FINISHED, outcome);
    assertEachActionDoneOnce(tasks);
    // The half-files host a reported were taken back: only the finished copies count.
    assertEquals(totalBytes(tasks), observer.bytes());
    assertEquals(2, agents.starts("a"), "one reconnection after the first loss, none after");
    assertEquals(2, crashedAt.size());
    assertTrue(tally.summary(Units.IEC).stream().anyMatch(l -> l.startsWith("pcopy: host a:")
        && l.endsWith("lost 2 times, not used again")), tally.summary(Units.IEC).toString());
    // What came after the last tick is said when the run is over, as CopyJob has it said.
    tally.showMessages();
    assertEquals(List.of(), hosts.takeMessages());
    // The second crash comes after it is back, or, when a report of its first workers comes
    // late, while it is being checked again: either way it is said, and not used again.
    assertTrue(warnings.stream().anyMatch(w -> w.contains("host a lost again")
        || w.contains("host a cannot be used again")), warnings.toString());
    // Neither do the half-files stay on host a's line, which says it is out.
    assertEquals(List.of(new HostLine("a", 0, 0, 0, "not used again"),
        new HostLine("b", 40, 0, totalBytes(tasks), null)), tally.lines());
  }

  @Test
  void hostLostOnceTheRunIsStopping_isNoLoss_andIsNotConnectedToAgain() throws Exception {
    // A terminal's Ctrl-C reaches ssh as well as pcopy: the link ends with the stop.
    Set<Integer> crashedAt = ConcurrentHashMap.newKeySet();
    FakeAgents agents = new FakeAgents().host("a", reportingHalfThenHolding())
        .host("b", FakeWorker.copyingEverything());
    List<Task> tasks = tasks(10);
    HostLauncher hosts = open(agents, false, "a", "b");
    stopping.set(true);
    HostTally tally = new HostTally(new CrashingObserver(hosts, agents, crashedAt), hosts,
        warnings::add);

    assertEquals(Coordinator.Outcome.FINISHED, run(tasks, tally));

    assertEquals(1, agents.starts("a"));
    assertEquals(0, hosts.states().get(0).losses());
    assertTrue(hosts.states().get(0).retired());
    warnings.addAll(hosts.takeMessages());
    assertTrue(warnings.stream().noneMatch(w -> w.contains("lost")), warnings.toString());
    assertTrue(tally.summary(Units.IEC).stream().noneMatch(l -> l.contains("lost")),
        tally.summary(Units.IEC).toString());
  }

  @Test
  void hostThatCannotBeReachedAgain_isRetiredAfterItsFirstLoss() throws Exception {
    FakeAgents agents = new FakeAgents().host("a", reportingHalfThenHolding())
        .host("b", FakeWorker.copyingEverything());
    List<Task> tasks = tasks(10);
    HostLauncher hosts = open(agents, false, "a", "b");
    Set<Integer> crashedAt = ConcurrentHashMap.newKeySet();
    agents.refuse("a");

    Coordinator.Outcome outcome = run(tasks, new HostTally(
        new CrashingObserver(hosts, agents, crashedAt), hosts, warnings::add));

    assertEquals(Coordinator.Outcome.FINISHED, outcome);
    assertEachActionDoneOnce(tasks);
    assertEquals(1, agents.starts("a"));
    // The reconnection fails on its own thread, perhaps after host b finished the run.
    // The state flips before the warning is said: wait for both. Once the run is over nothing
    // forwards the launcher's messages, so the test takes them itself.
    BooleanSupplier retiredAndSaid = () -> {
      warnings.addAll(hosts.takeMessages());
      return hosts.states().get(0).retired() && warnings.stream().anyMatch(w -> w.startsWith(
          "pcopy: warning: host a cannot be used again (cannot run ssh: ssh: connect to host a:"
              + " Connection refused)"));
    };
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!retiredAndSaid.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    HostLauncher.HostState a = hosts.states().get(0);
    assertEquals(2, a.losses());
    assertTrue(retiredAndSaid.getAsBoolean(), warnings.toString());
  }

  @Test
  void noHostLeft_failsTheRunAsWorkersThatCannotStart() throws Exception {
    FakeAgents agents = new FakeAgents().host("a", reportingHalfThenHolding());
    HostLauncher hosts = open(agents, false, "a");
    Set<Integer> crashedAt = ConcurrentHashMap.newKeySet();

    PoolException e = assertThrows(PoolException.class, () -> run(tasks(5),
        new HostTally(new CrashingObserver(hosts, agents, crashedAt), hosts, warnings::add)));

    assertTrue(e.getMessage().contains("no host is left"), e.getMessage());
    assertEquals(2, agents.starts("a"));
  }

  @Test
  void silentHost_isGivenUp_andItsAgentStopsItsWorkers() throws Exception {
    FakeAgents agents = new FakeAgents().host("a", FakeWorker.holdingTasks())
        .host("b", FakeWorker.copyingEverything());
    List<Task> tasks = tasks(20);
    HostLauncher hosts = open(agents, false, "a", "b");
    agents.refuse("a");
    boolean[] cut = {false};
    Forwarding cutting = new Forwarding() {
      @Override
      public void tick() {
        super.tick();
        if (!cut[0] && agents.workersRunning("a") > 0) {
          cut[0] = true;
          agents.partition("a");
        }
      }
    };

    Coordinator.Outcome outcome = run(tasks, new HostTally(cutting, hosts, warnings::add));

    assertEquals(Coordinator.Outcome.FINISHED, outcome);
    assertTrue(cut[0]);
    assertEachActionDoneOnce(tasks);
    assertTrue(warnings.stream().anyMatch(w -> w.contains("host a lost (it sent nothing for")),
        warnings.toString());
    // The agent fenced itself: it stopped its workers without a word from the coordinator.
    assertEquals(0, agents.workersRunning("a"));
  }

  @Test
  void hostOfAnotherVersion_isDroppedWithAWarning_orStopsTheRunWhenAllAreRequired()
      throws Exception {
    FakeAgents agents = new FakeAgents().host("a", FakeWorker.copyingEverything())
        .host("b", FakeWorker.copyingEverything()).version("b", "0.0-other");

    HostLauncher hosts = open(agents, false, "a", "b");

    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).startsWith("pcopy: warning: host b is not used: it runs pcopy"
        + " 0.0-other"), warnings.get(0));
    assertTrue(warnings.get(0).endsWith("install the same version on every host"));
    assertEquals("0.0-other", hosts.states().get(1).notUsed().split(" ")[3]);
    List<Task> tasks = tasks(5);
    assertEquals(Coordinator.Outcome.FINISHED, run(tasks, tallying(hosts)));
    assertEachActionDoneOnce(tasks);
    hosts.close();

    HostsRefusedException e = assertThrows(HostsRefusedException.class,
        () -> open(agents, true, "a", "b"));
    assertTrue(e.getMessage().startsWith("--require-all-hosts: nothing was copied, since host"
        + " b: it runs pcopy 0.0-other"), e.getMessage());
  }

  @Test
  void noHostPassing_stopsTheRunBeforeAnything() {
    FakeAgents agents = new FakeAgents().host("a", FakeWorker.copyingEverything());
    agents.refuse("a");

    HostsRefusedException e = assertThrows(HostsRefusedException.class,
        () -> open(agents, false, "a"));

    assertTrue(e.getMessage().startsWith("no host can work on SRC and DST: host a: cannot run"
        + " ssh: ssh: connect to host a: Connection refused"), e.getMessage());
    // The refusal is the one message.
    assertEquals(List.of(), warnings);
  }

  private HostLauncher open(FakeAgents agents, boolean requireAll, String... names)
      throws InterruptedException {
    List<Host> hosts = new ArrayList<>();
    for (String name : names) {
      hosts.add(new Host(name, 2));
    }
    HostsRequest request = new HostsRequest(hosts, LauncherTemplate.SSH,
        List.of("pcopy", "agent"), requireAll, SILENCE, HEARTBEAT, false);
    launcher = HostLauncher.open(request, agents, source, target, warnings::add,
        stopping::get);
    return launcher;
  }

  private HostTally tallying(HostLauncher hosts) {
    return new HostTally(observer, hosts, warnings::add);
  }

  private Coordinator.Outcome run(List<Task> tasks, HostTally observer)
      throws InterruptedException, IOException {
    WorkerPool pool = new WorkerPool(launcher, launcher.states().stream()
        .mapToInt(s -> 2).sum(), 2, configure(), events);
    return new Coordinator(pool, events, new QueueTaskFeed(tasks), observer, NO_STALL,
        System::nanoTime).run();
  }

  private Configure configure() throws IOException {
    Stat s = source.stat();
    Stat t = target.stat();
    return new Configure(FrameCodec.VERSION, "test", b(dir.resolve("src").toString()), s.dev(),
        s.ino(), b(dir.resolve("dst").toString()), t.dev(), t.ino(),
        new WorkerOptions(false, false, false, false, false, 1 << 20, 250));
  }

  private List<Task> tasks(int count) {
    List<Task> tasks = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      tasks.add(new Task(nextTaskId++, List.of(TestActions.file(nextSeq++, "f" + i + "a", 100),
          TestActions.file(nextSeq++, "f" + i + "b", 200)), 0));
    }
    return tasks;
  }

  private static long totalBytes(List<Task> tasks) {
    return tasks.stream().flatMap(t -> t.actions().stream()).mapToLong(WorkerAction::bytes)
        .sum();
  }

  private void assertEachActionDoneOnce(List<Task> tasks) {
    Map<Long, Integer> counts = observer.resultCountBySeq();
    for (Task task : tasks) {
      for (WorkerAction a : task.actions()) {
        assertEquals(1, counts.getOrDefault(a.seq(), 0), "results for seq " + a.seq());
      }
    }
    assertTrue(observer.results().stream()
        .allMatch(r -> r.result().status() == Outcome.Status.DONE));
  }

  /**
   * A worker that says hello, reports half of its first task's first entry, and then holds its
   * tasks until it is stopped or dies.
   */
  private static InProcessWorkerLauncher.WorkerBody reportingHalfThenHolding() {
    return (index, commands, frames) -> {
      Message first = FrameCodec.read(commands);
      if (!(first instanceof Configure)) {
        throw new IOException("expected Configure, got " + first);
      }
      FrameCodec.writePreamble(frames);
      send(frames, new Hello(FrameCodec.VERSION, 1000 + index));
      boolean reported = false;
      Message message;
      while ((message = FrameCodec.read(commands)) != null) {
        Task task = ((Assign) message).task();
        if (!reported) {
          reported = true;
          send(frames, new Progress(task.id(), 0, task.actions().get(0).bytes() / 2));
        }
      }
    };
  }

  /**
   * A worker that runs {@code body} once {@code ready} holds, or after 20 seconds: so that a
   * host does not finish the run before another has been lost as often as a test needs.
   */
  private static InProcessWorkerLauncher.WorkerBody afterwards(BooleanSupplier ready,
      InProcessWorkerLauncher.WorkerBody body) {
    return (index, commands, frames) -> {
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (!ready.getAsBoolean() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      body.serve(index, commands, frames);
    };
  }

  private static void send(OutputStream out, Message message) throws IOException {
    FrameCodec.write(out, message);
    out.flush();
  }

  /**
   * Passes every call to {@link #observer}, and crashes host a as soon as one of its workers
   * has reported bytes (on the coordinator thread, so the bytes were counted before the loss).
   */
  private final class CrashingObserver extends Forwarding {
    private final HostLauncher hosts;
    private final FakeAgents agents;
    private final Set<Integer> crashedAt;

    CrashingObserver(HostLauncher hosts, FakeAgents agents, Set<Integer> crashedAt) {
      this.hosts = hosts;
      this.agents = agents;
      this.crashedAt = crashedAt;
    }

    @Override
    public void workerAt(int index, List<WorkerAction> ended, WorkerAction action,
        long bytes) {
      super.workerAt(index, ended, action, bytes);
      if ("a".equals(hosts.hostOf(index)) && crashedAt.add(agents.starts("a"))) {
        agents.crash("a");
      }
    }
  }

  /** Passes every call to {@link #observer}; a test overrides what it acts on. */
  private class Forwarding implements RunObserver {
    @Override
    public void bytesCopied(long delta) {
      observer.bytesCopied(delta);
    }

    @Override
    public void actionDone(WorkerAction action, Outcome outcome) {
      observer.actionDone(action, outcome);
    }

    @Override
    public void walked(Decision decision) {
      observer.walked(decision);
    }

    @Override
    public void skipped(long count, long bytes) {
      observer.skipped(count, bytes);
    }

    @Override
    public void walkFailed(byte[] dir, byte[] name, boolean blamesTarget, String reason) {
      observer.walkFailed(dir, name, blamesTarget, reason);
    }

    @Override
    public void deletedInPart(long entries) {
      observer.deletedInPart(entries);
    }

    @Override
    public void workerAt(int index, List<WorkerAction> ended, WorkerAction action,
        long bytes) {
      observer.workerAt(index, ended, action, bytes);
    }

    @Override
    public void workerIdle(int index) {
      observer.workerIdle(index);
    }

    @Override
    public void workerLost(int index, String why, WorkerAction on, boolean entryGivenUp) {
      observer.workerLost(index, why, on, entryGivenUp);
    }

    @Override
    public void workerChatter(int index, String text) {
      observer.workerChatter(index, text);
    }

    @Override
    public void destinationRefusesWrites(String reason) {
      observer.destinationRefusesWrites(reason);
    }

    @Override
    public void abandoned(Task task) {
      observer.abandoned(task);
    }

    @Override
    public void workers(int busy, int live) {
      observer.workers(busy, live);
    }

    @Override
    public void tick() {
      observer.tick();
    }
  }
}
