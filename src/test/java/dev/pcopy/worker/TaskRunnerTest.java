package dev.pcopy.worker;

import static dev.pcopy.testing.Raw.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.copy.EntryWriter;
import dev.pcopy.copy.FileCopier;
import dev.pcopy.copy.FileCopier.WriteGate;
import dev.pcopy.copy.HandleCache;
import dev.pcopy.fs.DirHandle;
import dev.pcopy.fs.Errno;
import dev.pcopy.fs.Identity;
import dev.pcopy.fs.Timestamp;
import dev.pcopy.plan.Action.WorkerAction;
import dev.pcopy.plan.Action.WriteFile;
import dev.pcopy.plan.Action.WriteLink;
import dev.pcopy.plan.Meta;
import dev.pcopy.plan.Outcome;
import dev.pcopy.plan.Task;
import dev.pcopy.protocol.Message;
import dev.pcopy.protocol.Message.Done;
import dev.pcopy.protocol.Message.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One task through the real entry writer on temporary directories, its frames collected: the
 * outcomes of the actions finished when the worker is told to stop, the early end at a
 * destination that refuses writes, and the progress frames (a lump every {@code progressBytes},
 * and at least every {@code reportMillis} while bytes or actions move, by an injected clock).
 */
class TaskRunnerTest {
  private static final Meta META = new Meta(0644, -1, -1, new Timestamp(0, 0),
      new Timestamp(0, 0));
  private static final long MS = 1_000_000;
  private final List<Message> sent = new ArrayList<>();
  /** The runner's clock, moved by the tests only. */
  private final AtomicLong now = new AtomicLong(1_000 * MS);
  @TempDir
  Path dir;
  private Path src;
  private Path dst;
  private DirHandle srcRoot;
  private DirHandle dstRoot;
  private long seq;

  @BeforeEach
  void setUp() throws IOException {
    src = Files.createDirectories(dir.resolve("src"));
    dst = Files.createDirectories(dir.resolve("dst"));
    srcRoot = DirHandle.open(b(src.toString()));
    dstRoot = DirHandle.open(b(dst.toString()));
  }

  @AfterEach
  void close() {
    srcRoot.close();
    dstRoot.close();
  }

  @Test
  void run_toldToStopMidBatch_reportsTheActionsAlreadyDoneThenStops() throws IOException {
    Task task = new Task(7, List.of(file("a", 100), file("b", 200), file("c", 300)), 0);
    // The stop comes as soon as "a" has its final name, as a closed stdin can at any moment.
    BooleanSupplier stopAfterA = () -> Files.exists(dst.resolve("a"));

    assertThrows(FileCopier.CancelledException.class,
        () -> runner(new FileCopier(1 << 20), stopAfterA, 1 << 20, 250, now::get).run(task));

    assertEquals(List.of(new Done(7, List.of(Outcome.done(100)))), sent);
    assertEquals(List.of("a"), listDestination(), "b and c were never tried");
  }

  @Test
  void run_toldToStopBeforeItBegins_reportsThatNothingWasTried() throws IOException {
    Task task = new Task(8, List.of(file("a", 100)), 0);

    assertThrows(FileCopier.CancelledException.class,
        () -> runner(new FileCopier(1 << 20), () -> true, 1 << 20, 250, now::get).run(task));

    assertEquals(List.of(new Done(8, List.of())), sent);
    assertEquals(List.of(), listDestination());
  }

  @Test
  void run_readOnlyDestination_endsTheTaskAtTheFirstRefusal() throws Exception {
    Task task = new Task(9, List.of(file("a", 100), file("b", 200)), 0);
    FileCopier readOnly = new FileCopier(1 << 20, TestHooks.limited(0, Errno.EROFS));

    runner(readOnly, () -> false, 1 << 20, 250, now::get).run(task);

    assertEquals(List.of(new Done(9,
        List.of(Outcome.targetRefusesWrites("Read-only file system")))), sent);
    assertEquals(List.of(), listDestination(), "nothing, not even a temporary file, is left");
  }

  @Test
  void run_aFailedActionDoesNotEndTheTask() throws Exception {
    WriteFile missing = new WriteFile(b(""), b("gone"), b("gone"), seq++, 5, META, false);
    Task task = new Task(10, List.of(missing, file("b", 3)), 0);

    runner(new FileCopier(1 << 20), () -> false, 1 << 20, 250, now::get).run(task);

    assertEquals(List.of(new Done(10, List.of(Outcome.failed("No such file or directory"),
        Outcome.done(3)))), sent);
  }

  @Test
  void run_withAStoppedClock_reportsALumpEveryProgressBytes_andNothingSmaller()
      throws Exception {
    Task task = new Task(11, List.of(file("big", 300_000)), 0);

    runner(new FileCopier(64 << 10), () -> false, 100_000, 250, now::get).run(task);

    // 64 KiB slices: a frame once 100,000 bytes have piled up; the rest goes with Done.
    assertEquals(List.of(new Progress(11, 0, 131_072), new Progress(11, 0, 131_072),
        new Done(11, List.of(Outcome.done(300_000)))), sent);
  }

  @Test
  void run_slowCopy_isReportedAtLeastEveryReportMillis_withWhatMoved() throws Exception {
    Task task = new Task(12, List.of(file("big", 300_000)), 0);
    // Each slice takes 300 ms by the runner's clock.
    FileCopier slow = new FileCopier(64 << 10, advancing(300));

    runner(slow, () -> false, 1 << 30, 250, now::get).run(task);

    assertEquals(List.of(new Progress(12, 0, 65_536), new Progress(12, 0, 65_536),
        new Progress(12, 0, 65_536), new Progress(12, 0, 65_536), new Progress(12, 0, 37_856),
        new Done(12, List.of(Outcome.done(300_000)))), sent);
  }

  @Test
  void run_batchOfSmallFiles_reportsEachActionsIndex_whenTheReportIsDue() throws Exception {
    Task task = new Task(13, List.of(file("a", 10), file("b", 20), file("c", 30)), 0);

    runner(new FileCopier(1 << 20, advancing(300)), () -> false, 1 << 30, 250, now::get)
        .run(task);

    assertEquals(List.of(new Progress(13, 0, 10), new Progress(13, 1, 20),
        new Progress(13, 2, 30), new Done(13, List.of(Outcome.done(10), Outcome.done(20),
            Outcome.done(30)))), sent);
  }

  @Test
  void run_actionsWithoutBytes_areReportedAsTheyMove_ifTimeHasPassed() throws Exception {
    Task task = new Task(14, List.of(link("l0"), link("l1"), link("l2")), 0);
    // Every look at the clock finds it 300 ms later.
    LongSupplier ticking = () -> now.addAndGet(300 * MS);

    runner(new FileCopier(1 << 20), () -> false, 1 << 30, 250, ticking).run(task);

    assertEquals(List.of(new Progress(14, 0, 0), new Progress(14, 1, 0), new Progress(14, 2, 0),
        new Done(14, List.of(Outcome.done(0), Outcome.done(0), Outcome.done(0)))), sent);
  }

  @Test
  void run_batchOfSmallFiles_inLessThanReportMillis_costsOneFrame() throws Exception {
    Task task = new Task(15, List.of(file("a", 10), file("b", 20), file("c", 30)), 0);

    runner(new FileCopier(1 << 20, advancing(10)), () -> false, 1 << 30, 250, now::get)
        .run(task);

    assertEquals(1, sent.size(), sent.toString());
    assertTrue(sent.get(0) instanceof Done);
  }

  /** A gate that lets every slice through and moves the runner's clock by {@code millis}. */
  private WriteGate advancing(long millis) {
    return want -> {
      now.addAndGet(millis * MS);
      return want;
    };
  }

  private TaskRunner runner(FileCopier files, BooleanSupplier cancelled, long progressBytes,
      int reportMillis, LongSupplier clock) {
    Identity me = Identity.current();
    EntryWriter writer = new EntryWriter(new HandleCache(srcRoot, false, 4),
        new HandleCache(dstRoot, false, 4), "t", files,
        new EntryWriter.Settings(false, false, false, false, false, me.isRoot(), me.umask()),
        EntryWriter.AfterCopy.NONE);
    return new TaskRunner(writer, sent::add, progressBytes, reportMillis, 0, cancelled, clock);
  }

  private WriteFile file(String name, int size) throws IOException {
    Files.write(src.resolve(name), new byte[size]);
    return new WriteFile(b(""), b(name), b(name), seq++, size, META, false);
  }

  private WorkerAction link(String name) throws IOException {
    Files.createSymbolicLink(src.resolve(name), Path.of("t"));
    return new WriteLink(b(""), b(name), seq++, b("t"), META, false);
  }

  private List<String> listDestination() throws IOException {
    try (Stream<Path> entries = Files.list(dst)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
