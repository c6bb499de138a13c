package dev.pcopy.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.plan.CopyTask;
import dev.pcopy.plan.EntryAttributes;
import dev.pcopy.plan.FileOp;
import dev.pcopy.plan.OpKind;
import dev.pcopy.protocol.FrameCodec;
import dev.pcopy.protocol.Message;
import dev.pcopy.protocol.Message.Assign;
import dev.pcopy.protocol.Message.Configure;
import dev.pcopy.protocol.Message.Done;
import dev.pcopy.protocol.Message.Hello;
import dev.pcopy.protocol.Message.OpResult;
import dev.pcopy.protocol.Message.Progress;
import dev.pcopy.testing.Pipe;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The worker loop on in-memory streams, without a child process. */
@Timeout(10)
class WorkerMainTest {
  private static final Configure CONFIGURE =
      new Configure(FrameCodec.VERSION, "t", false, 1 << 20, 0, -1, "");

  @Test
  void serve_answersConfigureWithHelloAndEndsWhenItsInputEnds() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int code = WorkerMain.serve(frames(CONFIGURE), out);

    assertEquals(0, code);
    ByteArrayInputStream replies = new ByteArrayInputStream(out.toByteArray());
    assertEquals(0, FrameCodec.skipPreamble(replies).length, "nothing may come before the preamble");
    assertEquals(new Hello(FrameCodec.VERSION, ProcessHandle.current().pid()),
        FrameCodec.read(replies));
    assertNull(FrameCodec.read(replies), "nothing but the hello may be written");
  }

  @Test
  void serve_refusesAnotherProtocolVersion() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    IOException e = assertThrows(IOException.class, () -> WorkerMain.serve(
        frames(new Configure(FrameCodec.VERSION + 1, "t", false, 1, 0, -1, "")), out));

    assertTrue(e.getMessage().contains("protocol version " + (FrameCodec.VERSION + 1)),
        e.getMessage());
    assertEquals(0, out.size());
  }

  @Test
  void serve_refusesAFirstFrameThatIsNotConfigure() throws IOException {
    assertThrows(IOException.class, () -> WorkerMain.serve(
        frames(new Progress(1, 1)), new ByteArrayOutputStream()));
  }

  @Test
  void serve_reportsOneResultPerEntryInOrder(@TempDir Path dir) throws Exception {
    // Sources that do not exist: each entry fails on its own and nothing is written.
    CopyTask task = new CopyTask(5, List.of(missing(dir, "a", 1), missing(dir, "b", 2)), 0);

    Message done = runTask(CONFIGURE, task);

    assertEquals(new Done(5, List.of(OpResult.failed("No such file or directory"),
        OpResult.failed("No such file or directory"))), done);
  }

  @Test
  void serve_endsATaskAtADestinationWithNoRoomLeft(@TempDir Path dir) throws Exception {
    Path src = Files.createDirectories(dir.resolve("src"));
    Path dst = Files.createDirectories(dir.resolve("dst"));
    List<FileOp> ops = new ArrayList<>();
    for (String name : List.of("a", "b", "c", "d")) {
      Path file = Files.write(src.resolve(name), new byte[name.equals("c") ? 10 : 600]);
      EntryAttributes a = EntryAttributes.read(file, false);
      ops.add(new FileOp(ops.size(), OpKind.FILE, file, dst.resolve(name), a.size(), a.mode(),
          a.mtime(), a.atime(), null).withTargetChecked());
    }
    // Room for "a" and part of "b": the destination fills up inside "b".
    Configure roomFor1000 = new Configure(FrameCodec.VERSION, "t", false, 1 << 20, 0, 1000,
        "No space left on device");

    Message done = runTask(roomFor1000, new CopyTask(6, ops, 0));

    // "c" would still fit, but once the destination is full nothing more is tried.
    assertEquals(new Done(6, List.of(OpResult.copied(600),
        OpResult.targetRefusesWrites("No space left on device"))), done);
    try (Stream<Path> left = Files.list(dst)) {
      assertEquals(List.of(dst.resolve("a")), left.toList(), "only the complete copy is left");
    }
  }

  @Test
  void serve_endsWithinItsBound_whenACopyIsStuckInASystemCall(@TempDir Path dir) throws Exception {
    // Opening a FIFO that no one writes to blocks: a stand-in for a stalled file system.
    Path fifo = dir.resolve("fifo");
    new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
    FileOp op = new FileOp(1, OpKind.FILE, fifo, dir.resolve("copy"), 1, 0644, Instant.EPOCH,
        Instant.EPOCH, null).withTargetChecked();
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
    FrameCodec.write(commands.output(), CONFIGURE);
    FrameCodec.write(commands.output(), new Assign(new CopyTask(7, List.of(op), 0)));
    commands.output().flush();
    try {
      awaitCopierBlockedInOpen();
      commands.output().close();
      worker.join(5_000);

      assertEquals(WorkerMain.STUCK_EXIT, exit.get());
    } finally {
      // A second opener ends the blocked open (read-write opens of a FIFO never block), so that
      // the copier thread ends with the test.
      new RandomAccessFile(fifo.toFile(), "rw").close();
    }
  }

  private static void awaitCopierBlockedInOpen() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < deadline) {
      for (Map.Entry<Thread, StackTraceElement[]> t : Thread.getAllStackTraces().entrySet()) {
        if (t.getKey().getName().equals("pcopy-copier") && t.getValue().length > 0
            && t.getValue()[0].getMethodName().startsWith("open")) {
          return;
        }
      }
      Thread.sleep(10);
    }
    throw new AssertionError("the copier thread never blocked in open");
  }

  /** Runs one task through a worker on pipes and returns the frame that answers it. */
  private static Message runTask(Configure configure, CopyTask task) throws Exception {
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
    Message done = FrameCodec.read(replies.input());
    commands.output().close();
    worker.join();
    assertEquals(0, exit.get());
    return done;
  }

  private static FileOp missing(Path dir, String name, long seq) {
    return new FileOp(seq, OpKind.FILE, dir.resolve("src").resolve(name),
        dir.resolve("dst").resolve(name), 1, 0644, Instant.EPOCH, Instant.EPOCH, null);
  }

  private static ByteArrayInputStream frames(Message... messages) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Message m : messages) {
      FrameCodec.write(out, m);
    }
    return new ByteArrayInputStream(out.toByteArray());
  }
}
