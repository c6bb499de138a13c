package dev.pcopy.job;

import static dev.pcopy.testing.Raw.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.copy.DirectoryWriter;
import dev.pcopy.copy.HandleCache;
import dev.pcopy.events.EventLog;
import dev.pcopy.fs.DirHandle;
import dev.pcopy.fs.Stat;
import dev.pcopy.fs.Timestamp;
import dev.pcopy.plan.Action.FixMetadata;
import dev.pcopy.plan.Action.HardLink;
import dev.pcopy.plan.Action.MakeDirectory;
import dev.pcopy.plan.Action.Refuse;
import dev.pcopy.plan.Action.Skip;
import dev.pcopy.plan.Action.WriteChunk;
import dev.pcopy.plan.Action.WriteFile;
import dev.pcopy.plan.Action.WriteLink;
import dev.pcopy.plan.Action.WriteSpecial;
import dev.pcopy.plan.Decision;
import dev.pcopy.plan.Meta;
import dev.pcopy.plan.Outcome;
import dev.pcopy.plan.PartialRecord;
import dev.pcopy.plan.Task;
import dev.pcopy.plan.TempNames;
import dev.pcopy.progress.ProgressModel;
import dev.pcopy.progress.Summary;
import dev.pcopy.progress.WorkerLine;
import dev.pcopy.testing.ManualClock;
import dev.pcopy.testing.Raw;
import dev.pcopy.testing.RecordingProgressSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the run report makes of the coordinator's news: the summary's counts, each failure and
 * warning printed at once with the path as the user named it (source or target, as blamed), the
 * one line that says why a run stopped, {@code -v}'s lines, progress snapshots, and the removal
 * of an abandoned task's temporary files.
 */
class RunReportTest {
  private static final Meta META = new Meta(0644, -1, -1, new Timestamp(0, 0),
      new Timestamp(0, 0));
  private static final String RUN = "run7";

  private final ManualClock clock = new ManualClock();
  private final RecordingProgressSink sink = new RecordingProgressSink();
  private final ByteArrayOutputStream verboseBytes = new ByteArrayOutputStream();
  @TempDir
  Path dst;
  private DirHandle dstRoot;
  private HandleCache targets;
  private ProgressModel model;
  private long seq;

  @BeforeEach
  void setUp() throws IOException {
    dstRoot = DirHandle.open(b(dst.toString()));
    targets = new HandleCache(dstRoot, false, 4);
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
  }

  @AfterEach
  void close() {
    targets.close();
    dstRoot.close();
  }

  private RunReport report(String sourceText, String targetText) {
    return report(Display.ofTree(sourceText, targetText), null, false, false);
  }

  private RunReport report(Display display, PrintStream verbose, boolean debug,
      boolean quiet) {
    DirectoryWriter directories = new DirectoryWriter(false, false, false, false);
    return new RunReport(model, sink, display, verbose, debug, quiet,
        new RunReport.Cleanup(directories, targets, RUN), (anchor, written) -> List.of(),
        new ChunkedFiles(directories, targets, RUN, 0, new AtomicLong(),
            new LinkedBlockingQueue<>()), task -> { }, EventLog.NONE);
  }

  @Test
  void actionDone_countsFilesLinksSpecialsUnchangedFixesAndFailuresForTheSummary() {
    RunReport report = report("src/", "dst");
    report.bytesCopied(30);
    report.actionDone(file("a", 30), Outcome.done(30));
    report.actionDone(link("l"), Outcome.done(0));
    report.actionDone(fifo("p"), Outcome.done(0));
    report.actionDone(new FixMetadata(b(""), b("m"), b("m"), seq++, Stat.Kind.FILE, 0600, 5, -1,
        null, null, 1, 1, 0, false),
        Outcome.done(0));
    report.walked(Decision.of(new Skip(b(""), b("same"), 20)));
    report.actionDone(file("bad", 50), Outcome.failed("Permission denied"));
    clock.advance(Duration.ofSeconds(2));

    Summary summary = report.summary(Summary.Ending.COMPLETE);

    assertEquals(new Summary(1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 0, 30, Duration.ofSeconds(2),
        List.of("src/bad: Permission denied"), Summary.Ending.COMPLETE), summary);
    assertEquals(1, report.tally().failed());
  }

  /** Skips the walk only counted are counted as one by one: unchanged, and their bytes done. */
  @Test
  void skipped_countsAsManyUnchangedEntriesAsWalkedSkipsWould() {
    RunReport report = report("src/", "dst");
    report.walked(Decision.of(new Skip(b(""), b("same"), 20)));
    report.skipped(3, 30);

    assertEquals(4, report.tally().summary(Duration.ZERO, Summary.Ending.COMPLETE).unchanged());
    assertEquals(4, model.snapshot().entriesDone());
    assertEquals(50, model.snapshot().bytesDone());
  }

  /**
   * Entries deleted of a target entry of another kind that could not be deleted whole count in
   * the summary's deletions, as the deletion at the end counts such a directory's.
   */
  @Test
  void deletedInPart_countsInTheSummarysDeletions() {
    RunReport report = report("src/", "dst");

    report.deletedInPart(5);

    assertEquals(5, report.tally().summary(Duration.ZERO, Summary.Ending.COMPLETE).deleted());
  }

  /**
   * A failed write whose temporary file could not be removed (an append-only directory, say)
   * says where that file is and that the next run removes it; nothing else would explain it.
   */
  @Test
  void actionDone_failedLeavingItsTemporaryFile_warnsNamingIt() {
    RunReport report = report("src/", "dst");
    WriteFile bad = file("g", 5);

    report.actionDone(bad, Outcome.failedWriting("Operation not permitted")
        .leaving("Operation not permitted"));

    assertEquals(List.of("pcopy: error: dst/g: Operation not permitted",
        "pcopy: warning: dst/" + Raw.s(TempNames.of(RUN, bad.seq()))
            + ": temporary file left behind, cannot remove it: Operation not permitted;"
            + " the next run removes it"), sink.messages());
    assertEquals(1, report.tally().failed());
  }

  /**
   * A big file's chunks and commit are one file to the report: counted once, when it ends; a
   * failed chunk is one failure, named by the source as the walk listed it, and the chunks after
   * it say nothing more.
   */
  @Test
  void actionDone_aBigFilesChunksAndCommit_areOneFile_andItsFailureIsOne() {
    DirectoryWriter directories = new DirectoryWriter(false, false, false, false);
    ChunkedFiles chunked = new ChunkedFiles(directories, targets, RUN, 0, new AtomicLong(),
        new LinkedBlockingQueue<>());
    List<Task> commits = new ArrayList<>();
    RunReport report = new RunReport(model, sink, Display.ofTree("src/", "dst"), null, false,
        false, new RunReport.Cleanup(directories, targets, RUN), (anchor, written) -> List.of(),
        chunked, commits::add, EventLog.NONE);
    List<Task> good = cut(chunked, report, new WriteFile(b(""), b("good"), b("good"), seq++,
        2500, META, false));
    List<Task> bad = cut(chunked, report, new WriteFile(b(""), b("copy"), b("orig"), seq++,
        2500, META, false));

    for (Task t : good) {
      report.actionDone(t.actions().get(0), Outcome.done(1000));
    }
    assertEquals(0, report.tally().filesCopied(), "counted before its commit");
    assertEquals(1, commits.size());
    report.actionDone(commits.get(0).actions().get(0), Outcome.done(0));
    report.actionDone(bad.get(1).actions().get(0), Outcome.failed("Input/output error"));
    report.actionDone(bad.get(0).actions().get(0), Outcome.failed("Input/output error"));
    report.actionDone(bad.get(2).actions().get(0), Outcome.done(500));

    assertEquals(1, report.tally().filesCopied());
    assertEquals(1, report.tally().failed());
    assertEquals(List.of("pcopy: error: src/orig: Input/output error"), sink.messages());
    assertEquals(1, commits.size(), "a failed file was committed");
  }

  private static List<Task> cut(ChunkedFiles chunked, RunReport report, WriteFile w) {
    chunked.expect(w.seq(), new Decision.Cut(PartialRecord.begun(w.size(),
        META.mtime(), META.mtime(), 1, 2, 1000, w.name()), null, null));
    return chunked.cut(new Task(1, List.of(w), 0), report::fileEnded);
  }

  @Test
  void failures_arePrintedAtOnce_withThePathOfTheSideBlamed_asTheUserNamedIt() {
    RunReport report = report("src/", "/mnt/backup/");
    report.actionDone(new WriteFile(b("dir"), b("copy"), b("orig"), seq++, 1, META, false),
        Outcome.failed("Input/output error"));
    report.actionDone(file("dir", "w", 1), Outcome.failedWriting("Permission denied"));
    report.walkFailed(b(""), b("unreadable"), false, "Permission denied");
    report.walkFailed(b("d"), b("x"), true, "cannot create directory: File exists");

    assertEquals(List.of("pcopy: error: src/dir/orig: Input/output error",
        "pcopy: error: /mnt/backup/dir/w: Permission denied",
        "pcopy: error: src/unreadable: Permission denied",
        "pcopy: error: /mnt/backup/d/x: cannot create directory: File exists"),
        sink.messages());
    assertEquals(4, report.tally().failed());
  }

  @Test
  void walked_refusalsAreFailures_butARefusedDirectoryIsNoEntryOfTheProgress() {
    RunReport report = report("src", "dst");
    report.walked(Decision.of(new Refuse(b("d"), b("f"), true, "Is a directory", 10, false)));
    report.walked(Decision.of(new Refuse(b("d"), b("sub"), true,
        "cannot create directory: exists and is not a directory", 0, true)));

    assertEquals(List.of("pcopy: error: dst/d/f: Is a directory",
        "pcopy: error: dst/d/sub: cannot create directory: exists and is not a directory"),
        sink.messages());
    assertEquals(2, report.tally().failed());
    report.tick();
    assertEquals(1, sink.updates().get(0).entriesDone());
    assertEquals(10, sink.updates().get(0).bytesDone());
  }

  @Test
  void walked_warningsArePrintedForTheSource_unlessQuiet() {
    Decision warned = new Decision(file("s", 1), List.of("set-user-ID bit not kept: the copy"
        + " cannot belong to user 0"));

    report("src", "dst").walked(warned);
    report(Display.ofTree("src", "dst"), null, false, true).walked(warned);

    assertEquals(List.of("pcopy: warning: src/s: set-user-ID bit not kept: the copy cannot"
        + " belong to user 0"), sink.messages());
  }

  @Test
  void actionDone_somethingNotKept_isAnErrorNamingTheCopy_andCountedApart() {
    RunReport report = report("src", "dst");

    report.actionDone(file("f", 3), Outcome.doneWithout(3,
        "extended attribute user.x: Operation not supported"));

    assertEquals(List.of("pcopy: error: dst/f: cannot keep extended attribute user.x:"
        + " Operation not supported"), sink.messages());
    Summary summary = report.summary(Summary.Ending.COMPLETE);
    assertEquals(1, summary.filesCopied());
    assertEquals(1, summary.notKept());
    assertEquals(0, summary.failed());
  }

  @Test
  void destinationRefusesWrites_namesTheTargetFileThenStopsInOneLineNamingTheDestination() {
    RunReport toFull = report("src/", "full/x");
    toFull.actionDone(file("a", 1), Outcome.done(1));

    toFull.actionDone(file("dir", "big.bin", 50),
        Outcome.targetRefusesWrites("No space left on device"));
    toFull.destinationRefusesWrites("No space left on device");

    assertEquals(List.of("pcopy: error: full/x/dir/big.bin: No space left on device",
        "pcopy: error: full/x: no space left on device; stopped after copying 1 file"),
        sink.messages());
    Summary summary = toFull.summary(Summary.Ending.STOPPED);
    assertEquals(List.of("full/x/dir/big.bin: No space left on device"), summary.failures());
    assertEquals(1, toFull.tally().failed());
  }

  @Test
  void destinationRefusesWrites_readOnly_saysSoInTheSystemsWordsWithTheFinalCount() {
    RunReport toReadOnly = report("src/", "/mnt/ro");
    toReadOnly.actionDone(file("a", 1), Outcome.done(1));
    toReadOnly.actionDone(file("b", 1), Outcome.done(1));

    toReadOnly.destinationRefusesWrites("Read-only file system");

    assertEquals(List.of(
        "pcopy: error: /mnt/ro: read-only file system; stopped after copying 2 files"),
        sink.messages());
  }

  @Test
  void destinationRefusesWrites_namesADestinationTypedWithATrailingSlashWithoutIt() {
    report("src/", "/tmp/full/").destinationRefusesWrites("No space left on device");

    assertEquals(List.of(
        "pcopy: error: /tmp/full: no space left on device; stopped after copying 0 files"),
        sink.messages());
  }

  @Test
  void destinationRefusesWrites_keepsTheRootDirectoryAsSlash() {
    report("src/", "/").destinationRefusesWrites("Read-only file system");

    assertEquals(List.of(
        "pcopy: error: /: read-only file system; stopped after copying 0 files"),
        sink.messages());
  }

  @Test
  void tick_showsTheModelsSnapshot() {
    RunReport report = report("src", "dst");
    report.bytesCopied(40);
    report.actionDone(file("a", 40), Outcome.done(40));
    report.walked(Decision.of(new Skip(b(""), b("b"), 10)));

    report.tick();

    assertEquals(1, sink.updates().size());
    assertEquals(2, sink.updates().get(0).entriesDone());
    assertEquals(50, sink.updates().get(0).bytesDone());
    assertEquals(40, sink.updates().get(0).bytesWritten());
  }

  @Test
  void workerAt_showsEachWorkersFileBelowTheRoots_aChunkAsItsPlaceInTheWholeFile() {
    RunReport report = report("src", "dst");
    report.namesHosts(index -> index == 2 ? "node7" : null);

    report.workerAt(1, List.of(), file("d", "a", 100), 250);
    report.workerAt(2, List.of(), new WriteChunk(b("big"), b("f.iso"), b("f.iso"), seq++,
        b(".t"), 300, 100, 1000, 1, 1), 40);
    report.tick();

    assertEquals(List.of(new WorkerLine(1, null, "d/a", 100, 100, Duration.ZERO),
        new WorkerLine(2, "node7", "big/f.iso", 340, 1000, Duration.ZERO)),
        sink.updates().get(0).workers());
    report.workerIdle(1);
    report.tick();
    assertEquals(1, sink.updates().get(1).workers().size());
  }

  @Test
  void workerAt_countsTheFilesAWorkerHasEnded_untilTheirOutcomesCountThem() {
    RunReport report = report("src", "dst");
    WriteFile a = file("d", "a", 1);
    WriteFile b = file("d", "b", 1);
    WriteFile c = file("d", "c", 1);

    report.workerAt(1, List.of(a, b), c, 0);
    report.tick();
    report.actionDone(a, Outcome.done(1));
    report.actionDone(b, Outcome.failed("gone"));
    report.actionDone(c, Outcome.done(1));
    report.workerIdle(1);
    report.tick();

    assertEquals(2, sink.updates().get(0).entriesDone());
    assertEquals(3, sink.updates().get(1).entriesDone());
    assertEquals(1, sink.updates().get(1).failed());
  }

  /**
   * Every kind of action a hard-link group's links wait for tells them when it ends, and
   * whether it put the entry in place; each link counts as what it links.
   */
  @Test
  void actionDone_ofAnAnchorOfAnyKind_tellsItsLinks_andLinksCountAsWhatTheyLink() {
    List<String> ended = new ArrayList<>();
    DirectoryWriter directories = new DirectoryWriter(false, false, false, false);
    RunReport report = new RunReport(model, sink, Display.ofTree("src", "dst"), null, false,
        false, new RunReport.Cleanup(directories, targets, RUN), (anchor, written) -> {
          ended.add(new String(anchor.name(), StandardCharsets.UTF_8) + " " + written);
          return List.of();
        }, new ChunkedFiles(directories, targets, RUN, 0, new AtomicLong(),
            new LinkedBlockingQueue<>()), task -> { }, EventLog.NONE);

    report.actionDone(link("l").asAnchor(), Outcome.done(0));
    report.actionDone(fifo("p").asAnchor(), Outcome.failed("Operation not permitted"));
    report.actionDone(new FixMetadata(b(""), b("m"), b("m"), seq++, Stat.Kind.SYMLINK, -1, 5,
        -1, null, null, 1, 1, 0, false).asAnchor(), Outcome.done(0));
    report.actionDone(link("alone"), Outcome.done(0));
    report.actionDone(new HardLink(b(""), b("l2"), seq++, Stat.Kind.SYMLINK, b(""), b("l")),
        Outcome.done(0));
    report.actionDone(new HardLink(b(""), b("s2"), seq++, Stat.Kind.SOCKET, b(""), b("s")),
        Outcome.done(0));

    assertEquals(List.of("l true", "p false", "m true"), ended);
    Summary summary = report.summary(Summary.Ending.COMPLETE);
    assertEquals(List.of(0L, 3L, 1L), List.of(summary.filesCopied(), summary.linksCopied(),
        summary.specialsCopied()));
  }

  @Test
  void verbose_printsTheLinesOfEveryActionCarriedOut_andNothingForFailures() {
    RunReport report = report(Display.ofTree("src", "dst"),
        new PrintStream(verboseBytes, true, StandardCharsets.UTF_8), false, false);

    report.walked(Decision.of(new MakeDirectory(b(""), b("d"))));
    report.actionDone(file("d", "a", 1), Outcome.done(1));
    report.actionDone(new WriteLink(b("d"), b("l"), seq++, b("a"), META, false), Outcome.done(0));
    report.actionDone(file("d", "bad", 1), Outcome.failed("Input/output error"));
    report.walked(Decision.of(new Skip(b("d"), b("same"), 1)));

    assertEquals("mkdir d\ncopy d/a\nlink d/l -> a\n",
        verboseBytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void workerLost_isAWarningNamingWhatItWasOn_orThatTheEntryIsGivenUp() {
    RunReport report = report("src", "dst");

    report.workerLost(3, "closed its output (pid 9 killed by signal 9)", file("d", "a", 1),
        false);
    report.workerLost(4, "made no progress for 60 s; it was stopped", null, true);

    assertEquals(List.of(
        "pcopy: warning: worker 3 closed its output (pid 9 killed by signal 9) (it was on"
            + " src/d/a); its files are handed to another worker",
        "pcopy: warning: worker 4 made no progress for 60 s; it was stopped; the entry it was"
            + " copying has killed 3 workers and is given up"), sink.messages());
    assertEquals(0, report.tally().failed());
  }

  @Test
  void workerChatter_isShownWithDebugOnly_lineByLine() {
    report("src", "dst").workerChatter(2, "ignored\n");
    report(Display.ofTree("src", "dst"), null, true, false).workerChatter(2,
        "Picked up JAVA_TOOL_OPTIONS\nsecond line\n");

    assertEquals(List.of("pcopy: debug: worker 2: Picked up JAVA_TOOL_OPTIONS",
        "pcopy: debug: worker 2: second line"), sink.messages());
  }

  @Test
  void abandoned_removesTheTasksTemporaryFiles_andNoOtherRunsFiles() throws IOException {
    Path d = Files.createDirectories(dst.resolve("d"));
    WriteFile a = file("d", "a", 1);
    WriteFile bFile = file("d", "b", 1);
    Path tempA = Files.writeString(d.resolve(Raw.s(TempNames.of(RUN, a.seq()))), "partial");
    Path other = Files.writeString(d.resolve(Raw.s(TempNames.of("otherrun", a.seq()))), "x");

    report("src", "dst").abandoned(new Task(1, List.of(a, bFile), 0));

    assertFalse(Files.exists(tempA));
    assertTrue(Files.exists(other), "another run's temporary file must stay");
    assertTrue(Files.isDirectory(d));
  }

  private WriteFile file(String name, long size) {
    return file("", name, size);
  }

  private WriteFile file(String dir, String name, long size) {
    return new WriteFile(b(dir), b(name), b(name), seq++, size, META, false);
  }

  private WriteLink link(String name) {
    return new WriteLink(b(""), b(name), seq++, b("t"), META, false);
  }

  private WriteSpecial fifo(String name) {
    return new WriteSpecial(b(""), b(name), seq++, Stat.Kind.FIFO, 0, META, false);
  }
}
