package dev.pcopy.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.copy.TempNames;
import dev.pcopy.plan.CopyTask;
import dev.pcopy.plan.FileOp;
import dev.pcopy.plan.OpKind;
import dev.pcopy.plan.SpecialKind;
import dev.pcopy.progress.ProgressModel;
import dev.pcopy.progress.Summary;
import dev.pcopy.protocol.Message.OpResult;
import dev.pcopy.testing.ManualClock;
import dev.pcopy.testing.RecordingProgressSink;
import dev.pcopy.testing.TestFileSystems;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RunReportTest {
  private final ManualClock clock = new ManualClock();
  private final RecordingProgressSink sink = new RecordingProgressSink();
  private FileSystem fs;
  private Path src;
  private ProgressModel model;
  private RunReport report;

  @BeforeEach
  void setUp() {
    fs = TestFileSystems.unix();
    src = fs.getPath("/data/src");
    model = new ProgressModel(clock, new ProgressModel.Totals() {
      @Override
      public long entries() {
        return 4;
      }

      @Override
      public long bytes() {
        return 100;
      }

      @Override
      public boolean finished() {
        return true;
      }
    });
    report = new RunReport(model, sink, new PathDisplay(src, "src/"), "run7", false, false);
  }

  @AfterEach
  void tearDown() throws IOException {
    fs.close();
  }

  @Test
  void entryDone_countsFilesLinksUnchangedAndFailuresForTheSummary() {
    report.bytesCopied(30);
    report.entryDone(op("a", OpKind.FILE, 30), OpResult.copied(30));
    report.entryDone(op("l", OpKind.SYMLINK, 0), OpResult.copied(0));
    report.entryDone(op("same", OpKind.FILE, 20), OpResult.skipped());
    report.entryDone(op("bad", OpKind.FILE, 50), OpResult.failed("Permission denied"));
    clock.advance(Duration.ofSeconds(2));

    Summary summary = report.summary(Summary.Ending.COMPLETE);

    assertEquals(new Summary(1, 1, 0, 0, 1, 1, 0, 30, Duration.ofSeconds(2),
        List.of("src/bad: Permission denied"), Summary.Ending.COMPLETE), summary);
    assertEquals(1, report.failedCount());
  }

  @Test
  void failure_isPrintedAtOnceWithThePathAsTheUserNamedIt() {
    report.entryDone(op("dir/bad", OpKind.FILE, 1), OpResult.failed("Input/output error"));
    report.walkFailed(src.resolve("unreadable"), "Permission denied");

    assertEquals(List.of("pcopy: error: src/dir/bad: Input/output error",
        "pcopy: error: src/unreadable: Permission denied"), sink.messages());
    assertEquals(2, report.failedCount());
  }

  @Test
  void destinationRefusesWrites_namesTheTargetFileThenStopsInOneLineNamingTheDestination() {
    RunReport toFull = new RunReport(model, sink,
        new PathDisplay(src, "src/", fs.getPath("/mnt/full/x"), "full/x"), "run7", false, true);
    FileOp big = new FileOp(1, OpKind.FILE, src.resolve("dir/big.bin"),
        fs.getPath("/mnt/full/x/dir/big.bin"), 50, 0644, Instant.EPOCH, Instant.EPOCH, null);
    toFull.entryDone(op("a", OpKind.FILE, 1), OpResult.copied(1));

    toFull.entryDone(big, OpResult.targetRefusesWrites("No space left on device"));
    toFull.destinationRefusesWrites("No space left on device");

    assertEquals(List.of("pcopy: error: full/x/dir/big.bin: No space left on device",
        "pcopy: error: full/x: no space left on device; stopped after copying 1 file"),
        sink.messages());
    Summary summary = toFull.summary(Summary.Ending.STOPPED);
    assertEquals(List.of("full/x/dir/big.bin: No space left on device"), summary.failures());
    assertEquals(1, toFull.failedCount());
  }

  @Test
  void destinationRefusesWrites_readOnly_saysSoInTheSystemsWordsWithTheFinalCount() {
    RunReport toReadOnly = new RunReport(model, sink,
        new PathDisplay(src, "src/", fs.getPath("/mnt/ro"), "/mnt/ro"), "run7", false, true);
    toReadOnly.entryDone(op("a", OpKind.FILE, 1), OpResult.copied(1));
    toReadOnly.entryDone(op("b", OpKind.FILE, 1), OpResult.copied(1));

    toReadOnly.destinationRefusesWrites("Read-only file system");

    assertEquals(List.of(
        "pcopy: error: /mnt/ro: read-only file system; stopped after copying 2 files"),
        sink.messages());
  }

  @Test
  void destinationRefusesWrites_namesADestinationTypedWithATrailingSlashWithoutIt() {
    RunReport intoFull = new RunReport(model, sink,
        new PathDisplay(src, "src/", fs.getPath("/tmp/full"), "/tmp/full/"), "run7", false, true);

    intoFull.destinationRefusesWrites("No space left on device");

    assertEquals(List.of(
        "pcopy: error: /tmp/full: no space left on device; stopped after copying 0 files"),
        sink.messages());
  }

  @Test
  void destinationRefusesWrites_keepsTheRootDirectoryAsSlash() {
    RunReport intoRoot = new RunReport(model, sink,
        new PathDisplay(src, "src/", fs.getPath("/"), "/"), "run7", false, true);

    intoRoot.destinationRefusesWrites("Read-only file system");

    assertEquals(List.of(
        "pcopy: error: /: read-only file system; stopped after copying 0 files"),
        sink.messages());
  }

  @Test
  void tick_showsTheModelsSnapshot() {
    report.bytesCopied(40);
    report.entryDone(op("a", OpKind.FILE, 40), OpResult.copied(40));
    report.entryDone(op("b", OpKind.FILE, 10), OpResult.skipped());

    report.tick();

    assertEquals(1, sink.updates().size());
    assertEquals(2, sink.updates().get(0).entriesDone());
    assertEquals(50, sink.updates().get(0).bytesDone());
    assertEquals(40, sink.updates().get(0).bytesWritten());
  }

  @Test
  void abandoned_removesTheTaskTemporaryFiles() throws IOException {
    Path dst = Files.createDirectories(fs.getPath("/dst"));
    FileOp a = op("a", OpKind.FILE, 1);
    FileOp b = op("b", OpKind.FILE, 1);
    Path tempA = Files.writeString(TempNames.of(a.target(), "run7", a.seq()), "partial");
    Path other = Files.writeString(TempNames.of(a.target(), "otherrun", a.seq()), "x");

    report.abandoned(new CopyTask(1, List.of(a, b), 0));

    assertFalse(Files.exists(tempA));
    assertTrue(Files.exists(other), "another run's temporary file must stay");
    assertTrue(Files.isDirectory(dst));
  }

  @Test
  void specialsNamingTheirKindAndLostWorkersAreWarnings() {
    report.specialSkipped(src.resolve("fifo"), SpecialKind.FIFO);
    report.specialSkipped(src.resolve("disk"), SpecialKind.BLOCK_DEVICE);
    report.workerLost(3, "closed its output (pid 9 killed by signal 9)", false);

    assertEquals(List.of(
        "pcopy: warning: src/fifo: skipped: a FIFO",
        "pcopy: warning: src/disk: skipped: a block device",
        "pcopy: warning: worker 3 closed its output (pid 9 killed by signal 9);"
            + " its files are handed to another worker"), sink.messages());
    assertEquals(2, report.summary(Summary.Ending.COMPLETE).specialsSkipped());
    assertEquals(0, report.failedCount());
  }

  @Test
  void workerLostWhileCopyingAnEntryForTheLastTime_saysTheEntryIsGivenUp() {
    report.workerLost(4, "closed its output (pid 9 killed by signal 9)", true);

    assertEquals(List.of("pcopy: warning: worker 4 closed its output (pid 9 killed by signal 9);"
        + " the entry it was copying has killed 3 workers and is given up"), sink.messages());
  }

  private long nextSeq;

  private FileOp op(String name, OpKind kind, long size) {
    return new FileOp(nextSeq++, kind, src.resolve(name), fs.getPath("/dst").resolve(name), size,
        0644, Instant.EPOCH, Instant.EPOCH, kind == OpKind.SYMLINK ? fs.getPath("t") : null);
  }
}
