package dev.pcopy.worker;

import static dev.pcopy.testing.Raw.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.fs.DirHandle;
import dev.pcopy.fs.Stat;
import dev.pcopy.fs.Timestamp;
import dev.pcopy.plan.Action.WorkerAction;
import dev.pcopy.plan.Action.WriteFile;
import dev.pcopy.plan.Meta;
import dev.pcopy.plan.Outcome;
import dev.pcopy.plan.Task;
import dev.pcopy.protocol.FrameCodec;
import dev.pcopy.protocol.Message;
import dev.pcopy.protocol.Message.Assign;
import dev.pcopy.protocol.Message.Configure;
import dev.pcopy.protocol.Message.Done;
import dev.pcopy.protocol.Message.Hello;
import dev.pcopy.protocol.Message.Progress;
import dev.pcopy.protocol.Message.WorkerOptions;
import dev.pcopy.testing.Pipe;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker loop on in-memory streams, without a child process: it opens SRC and DST from
 * {@code Configure}'s paths and refuses roots that are not the directories the coordinator
 * opened, answers with a preamble and a hello, reports one outcome per action, ends a task at a
 * full destination, and exits within its bound when its copier does not stop.
 */
@Timeout(20)
class WorkerMainTest {
  private static final Meta META = new Meta(0644, -1, -1, new Timestamp(0, 0),
      new Timestamp(0, 0));

  @TempDir
  Path dir;
  private Path src;
  private Path dst;
  private Configure configure;

  @BeforeEach
  void roots() throws IOException {
    src = Files.createDirectories(dir.resolve("src"));
    dst = Files.createDirectories(dir.resolve("dst"));
    configure = configure(src, dst);
  }

  @AfterEach
  void clearProperties() {
    System.clearProperty("pcopy.test.room");
    System.clearProperty("pcopy.test.workerDelay");
  }

  private static Configure configure(Path source, Path target) throws IOException {
    Stat s = stat(source);
    Stat t = stat(target);
    return new Configure(FrameCodec.VERSION, "t", b(source.toString()), s.dev(), s.ino(),
        b(target.toString()), t.dev(), t.ino(),
        new WorkerOptions(false, false, false, false, false, 1 << 20, 250));
  }

  private static Stat stat(Path p) throws IOException {
    try (DirHandle h = DirHandle.open(b(p.toString()))) {
      return h.stat();
    }
  }

  @Test
  void serve_answersConfigureWithAPreambleAndHello_andEndsWhenItsInputEnds() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int code = WorkerMain.serve(frames(configure), out);

    assertEquals(0, code);
    ByteArrayInputStream replies = new ByteArrayInputStream(out.toByteArray());
    assertEquals(0, FrameCodec.skipPreamble(replies).length,
        "nothing may come before the preamble");
    assertEquals(new Hello(FrameCodec.VERSION, ProcessHandle.current().pid()),
        FrameCodec.read(replies));
    assertNull(FrameCodec.read(replies), "nothing but the hello may be written");
  }

  @Test
  void serve_refusesAnotherProtocolVersion_beforeWritingAnything() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Configure other = new Configure(FrameCodec.VERSION + 1, "t", configure.source(),
        configure.sourceDev(), configure.sourceIno(), configure.target(), configure.targetDev(),
        configure.targetIno(), configure.options());

    IOException e = assertThrows(IOException.class, () -> WorkerMain.serve(frames(other), out));

    assertTrue(e.getMessage().contains("protocol version " + (FrameCodec.VERSION + 1)),
        e.getMessage());
    assertEquals(0, out.size());
  }

  @Test
  void serve_refusesAFirstFrameThatIsNotConfigure() {
    IOException e = assertThrows(IOException.class, () -> WorkerMain.serve(
        frames(new Progress(1, 0, 1)), new ByteArrayOutputStream()));

    assertTrue(e.getMessage().contains("expected a Configure frame"), e.getMessage());
  }

  @Test
  void serve_refusesATargetThatIsNoLongerTheDirectoryTheCoordinatorOpened() throws Exception {
    // DST's path now leads to another directory: its identity is not the one Configure names.
    Files.move(dst, dir.resolve("dst.old"));
    Files.createDirectory(dst);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    WorkerMain.RootsChangedException e = assertThrows(WorkerMain.RootsChangedException.class,
        () -> WorkerMain.serve(frames(configure), out));

    assertEquals("DST is no longer the directory the run started on", e.getMessage());
    assertEquals(0, out.size(), "a worker on the wrong roots said hello");
  }

  @Test
  void serve_refusesASourceSwappedForALinkToItsOwnTwin() throws Exception {
    Path twin = Files.createDirectory(dir.resolve("twin"));
    Files.move(src, dir.resolve("src.old"));
    Files.createSymbolicLink(src, twin);

    WorkerMain.RootsChangedException e = assertThrows(WorkerMain.RootsChangedException.class,
        () -> WorkerMain.serve(frames(configure), new ByteArrayOutputStream()));

    assertEquals("SRC is no longer the directory the run started on", e.getMessage());
  }

  @Test
  void serve_refusesARootThatCannotBeOpened() throws Exception {
    Files.delete(src);

    WorkerMain.RootsChangedException e = assertThrows(WorkerMain.RootsChangedException.class,
        () -> WorkerMain.serve(frames(configure), new ByteArrayOutputStream()));

    assertEquals("SRC cannot be opened: No such file or directory", e.getMessage());
  }

  @Test
  void serve_reportsOneOutcomePerActionInOrder() throws Exception {
    Files.writeString(src.resolve("b"), "bb");
    Task task = new Task(5, List.of(file("a", 1, 0), file("b", 2, 1)), 0);

    List<Message> replies = runTask(configure, task);

    assertEquals(new Done(5, List.of(Outcome.failed("No such file or directory"),
        Outcome.done(2))), replies.get(replies.size() - 1));
    assertEquals("bb", Files.readString(dst.resolve("b")));
  }

  @Test
  void serve_endsATaskAtADestinationWithNoRoomLeft() throws Exception {
    List<WorkerAction> actions = new ArrayList<>();
    for (String name : List.of("a", "b", "c", "d")) {
      int size = name.equals("c") ? 10 : 600;
      Files.write(src.resolve(name), new byte[size]);
      actions.add(file(name, size, actions.size()));
    }
    // Room for "a" and part of "b": the destination fills up inside "b".
    System.setProperty("pcopy.test.room", "1000");

    List<Message> replies = runTask(configure, new Task(6, actions, 0));

    // "c" would still fit, but once the destination is full nothing more is tried.
    assertEquals(new Done(6, List.of(Outcome.done(600),
        Outcome.targetRefusesWrites("No space left on device"))),
        replies.get(replies.size() - 1));
    try (Stream<Path> left = Files.list(dst)) {
      assertEquals(List.of(dst.resolve("a")), left.toList(), "only the complete copy is left");
    }
  }

  @Test
  void serve_endsWithinItsBound_whenItsCopierDoesNotStop() throws Exception {
    // The copier pauses 3 s before its action (the test hook), far past the 300 ms bound.
    System.setProperty("pcopy.test.workerDelay", "3000");
    Files.writeString(src.resolve("a"), "a");
    Pipe commands = new Pipe(1 << 16);
    AtomicInteger exit = new AtomicInteger(-1);
    Thread worker = new Thread(() -> {
      try {
        exit.set(WorkerMain.serve(commands.input(), new ByteArrayOutputStream(),
            Duration.ofMillis(300)));
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
    worker.start();
    FrameCodec.write(commands.output(), configure);
    FrameCodec.write(commands.output(), new Assign(new Task(7, List.of(file("a", 1, 0)), 0)));
    commands.output().flush();
    // Closed only once the copier holds the task: closed earlier, it would never start it.
    awaitCopierPausing();
    commands.output().close();

    worker.join(10_000);

    assertEquals(WorkerMain.STUCK_EXIT, exit.get());
  }

  /** Waits until the worker's copier thread is in its pause before the action. */
  private static void awaitCopierPausing() {
    while (true) {
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        if (t.getName().equals("pcopy-copier") && t.getState() == Thread.State.TIMED_WAITING) {
          return;
        }
      }
      // No sleep: the test's timeout bounds the wait, which lasts a few milliseconds.
      Thread.onSpinWait();
      Thread.yield();
    }
  }

  private static WriteFile file(String name, long size, long seq) {
    return new WriteFile(b(""), b(name), b(name), seq, size, META, false);
  }

  /** Runs one task through a worker on pipes and returns every frame after the hello. */
  private static List<Message> runTask(Configure configure, Task task) throws Exception {
    Pipe commands = new Pipe(1 << 16);
    Pipe replies = new Pipe(1 << 16);
    AtomicInteger exit = new AtomicInteger(-1);
    Thread worker = new Thread(() -> {
      try {
        exit.set(WorkerMain.serve(commands.input(), replies.output()));
        replies.output().close();
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
    worker.start();

    FrameCodec.write(commands.output(), configure);
    FrameCodec.write(commands.output(), new Assign(task));
    commands.output().flush();
    FrameCodec.skipPreamble(replies.input());
    assertInstanceOf(Hello.class, FrameCodec.read(replies.input()));
    List<Message> frames = new ArrayList<>();
    Message m;
    do {
      m = FrameCodec.read(replies.input());
      frames.add(m);
    } while (!(m instanceof Done));
    commands.output().close();
    worker.join();
    assertEquals(0, exit.get());
    return frames;
  }

  private static ByteArrayInputStream frames(Message... messages) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Message m : messages) {
      FrameCodec.write(out, m);
    }
    return new ByteArrayInputStream(out.toByteArray());
  }
}
