package dev.pcopy.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pcopy.copy.EntryCopier;
import dev.pcopy.copy.FileCopier;
import dev.pcopy.copy.ProcessIdentity;
import dev.pcopy.plan.CopyTask;
import dev.pcopy.plan.EntryAttributes;
import dev.pcopy.plan.FileOp;
import dev.pcopy.plan.OpKind;
import dev.pcopy.protocol.Message;
import dev.pcopy.protocol.Message.Done;
import dev.pcopy.protocol.Message.OpResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One task through the real entry copier on a temporary directory, its frames collected. */
class TaskRunnerTest {
  private final List<Message> sent = new ArrayList<>();
  @TempDir
  Path dir;
  private Path src;
  private Path dst;

  @BeforeEach
  void setUp() throws IOException {
    src = Files.createDirectories(dir.resolve("src"));
    dst = Files.createDirectories(dir.resolve("dst"));
  }

  @Test
  void run_toldToStopMidBatch_reportsTheEntriesAlreadyAtTheirFinalNamesThenStops()
      throws IOException {
    CopyTask task = new CopyTask(7, List.of(file("a", 100), file("b", 200), file("c", 300)), 0);
    // The stop comes as soon as "a" has its final name, as a closed stdin can at any moment.
    BooleanSupplier stopAfterA = () -> Files.exists(dst.resolve("a"));

    assertThrows(FileCopier.CancelledException.class,
        () -> runner(new FileCopier(1 << 20, -1), stopAfterA).run(task));

    assertEquals(List.of(new Done(7, List.of(OpResult.copied(100)))), sent);
    assertEquals(List.of(dst.resolve("a")), listDestination(), "b and c were never tried");
  }

  @Test
  void run_toldToStopBeforeItBegins_reportsThatNothingWasTried() {
    CopyTask task = new CopyTask(8, List.of(file("a", 100)), 0);

    assertThrows(FileCopier.CancelledException.class,
        () -> runner(new FileCopier(1 << 20, -1), () -> true).run(task));

    assertEquals(List.of(new Done(8, List.of())), sent);
  }

  @Test
  void run_readOnlyDestination_endsTheTaskAtTheFirstRefusal() throws Exception {
    CopyTask task = new CopyTask(9, List.of(file("a", 100), file("b", 200)), 0);
    FileCopier readOnly = FileCopier.withLimitedRoom(1 << 20, -1, 0, "Read-only file system");

    runner(readOnly, () -> false).run(task);

    assertEquals(List.of(new Done(9,
        List.of(OpResult.targetRefusesWrites("Read-only file system")))), sent);
    assertEquals(List.of(), listDestination(), "nothing, not even a temporary file, is left");
  }

  private TaskRunner runner(FileCopier files, BooleanSupplier cancelled) {
    EntryCopier copier = new EntryCopier("t", false, files, ProcessIdentity.current());
    return new TaskRunner(copier, sent::add, 1 << 20, 0, cancelled);
  }

  private FileOp file(String name, int size) {
    try {
      Path file = Files.write(src.resolve(name), new byte[size]);
      EntryAttributes a = EntryAttributes.read(file, false);
      return new FileOp(size, OpKind.FILE, file, dst.resolve(name), a.size(), a.mode(),
          a.mtime(), a.atime(), null).withTargetChecked();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private List<Path> listDestination() throws IOException {
    try (Stream<Path> entries = Files.list(dst)) {
      return entries.sorted().toList();
    }
  }
}
