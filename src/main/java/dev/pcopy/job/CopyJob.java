package dev.pcopy.job;

import dev.pcopy.copy.ProcessIdentity;
import dev.pcopy.copy.RunId;
import dev.pcopy.copy.TargetCheck;
import dev.pcopy.plan.Reasons;
import dev.pcopy.plan.TreeWalker;
import dev.pcopy.pool.Coordinator;
import dev.pcopy.pool.PoolEvent;
import dev.pcopy.pool.ProcessWorkerLauncher;
import dev.pcopy.pool.WorkerLauncher;
import dev.pcopy.pool.WorkerPool;
import dev.pcopy.progress.PlainLineSink;
import dev.pcopy.progress.ProgressModel;
import dev.pcopy.progress.ProgressSink;
import dev.pcopy.progress.Summary;
import dev.pcopy.progress.SummaryFormatter;
import dev.pcopy.protocol.FrameCodec;
import dev.pcopy.protocol.Message.Configure;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * One copy run: checks the endpoints, then walk → tasks → worker pool → completion queue →
 * progress, then directory metadata and the summary.
 */
public final class CopyJob {
  /** Entries in one batch of small files. */
  static final int BATCH_ENTRIES = 128;
  /** Bytes that close a batch; a file this large travels alone. */
  static final long BATCH_BYTES = 1L << 20;
  /** Tasks a worker holds at once: one being copied, one waiting, so it never idles. */
  static final int TASKS_PER_WORKER = 2;
  /** Kernel copy slice, and the step in which progress inside a large file is reported. */
  static final long SLICE_BYTES = 8L << 20;

  private final CopyRequest request;
  private final Supplier<ProgressSink> progress;
  private final PrintStream out;
  private final PrintStream err;
  private final WorkerLauncher launcher;

  /**
   * @param request what to copy
   * @param progress opens the progress display, once the run is known to start
   * @param out where the summary and dry-run listing go
   * @param err where errors go when progress is off
   */
  public CopyJob(CopyRequest request, Supplier<ProgressSink> progress, PrintStream out,
      PrintStream err) {
    this(request, progress, out, err,
        new ProcessWorkerLauncher(WorkerJvm.options(), request.debug()));
  }

  CopyJob(CopyRequest request, Supplier<ProgressSink> progress, PrintStream out, PrintStream err,
      WorkerLauncher launcher) {
    this.request = request;
    this.progress = progress;
    this.out = out;
    this.err = err;
    this.launcher = launcher;
  }

  /**
   * Runs the copy.
   *
   * @throws BadInputException if the source or target is refused; nothing was written
   * @throws TargetRefusedException if the destination cannot be created because it refuses
   *     writes (read-only, full); nothing was written
   */
  public JobResult run() throws BadInputException, TargetRefusedException, InterruptedException {
    Endpoints ends = Endpoints.check(request);
    // A file copied into DST is shown below DST as typed ("usb/big.iso"), not as "usb/". A
    // directory's target may be DST resolved through a link, which messages show as typed too.
    Path shownTarget = ends.sourceIsDirectory() ? ends.target() : request.target();
    PathDisplay display = new PathDisplay(ends.source(), request.sourceText(), shownTarget,
        request.targetText());
    ProcessIdentity identity = ProcessIdentity.current();
    if (request.dryRun()) {
      return new DryRun(request, ends, display, out, err, identity.isRoot()).run();
    }
    prepareTarget(ends);
    String runId = RunId.forThisProcess().text();
    BlockingQueue<PoolEvent> events = new LinkedBlockingQueue<>();
    AtomicBoolean cancelled = new AtomicBoolean();
    WalkFeed feed = new WalkFeed(events, BATCH_ENTRIES, BATCH_BYTES, cancelled,
        request.force() ? null : new TargetCheck(identity.isRoot()));
    ProgressModel model = new ProgressModel(Clock.systemUTC(), feed);
    try (ProgressSink sink = request.quiet()
        ? new PlainLineSink(err, Clock.systemUTC(), Duration.ZERO) : progress.get()) {
      RunReport report = new RunReport(model, sink, display, runId, request.debug(),
          request.quiet());
      Thread walker = startWalker(ends, feed, events, cancelled);
      Coordinator.Outcome outcome;
      try (SignalTrap trap = SignalTrap.install(events)) {
        WorkerPool pool = new WorkerPool(launcher, request.workers(), TASKS_PER_WORKER,
            new Configure(FrameCodec.VERSION, runId, request.force(), SLICE_BYTES,
                request.testDelayMillis(), request.testRoomBytes(), request.testRefusal()),
            events);
        outcome = new Coordinator(pool, events, feed, report).run();
      } finally {
        cancelled.set(true);
        walker.interrupt();
        walker.join();
      }
      boolean refused = outcome == Coordinator.Outcome.TARGET_REFUSES_WRITES;
      // Directory modes and times wait for a complete copy: a run cut short leaves them to the
      // re-run that completes it (a read-only mode set now would only be opened up again).
      if (outcome == Coordinator.Outcome.FINISHED) {
        Optional<String> refusal = DirectoryFinisher.apply(feed.directories(),
            feed.unswept(), identity, report);
        refusal.ifPresent(report::destinationRefusesWrites);
        refused = refusal.isPresent();
      }
      report.tick();
      sink.close();
      boolean interrupted = outcome == Coordinator.Outcome.INTERRUPTED;
      if (feed.leftoversRemoved() > 0 && !request.quiet()) {
        out.println(SummaryFormatter.leftovers(feed.leftoversRemoved(), false));
      }
      printSummary(report.summary(interrupted ? Summary.Ending.INTERRUPTED
          : refused ? Summary.Ending.STOPPED : Summary.Ending.COMPLETE));
      return new JobResult(interrupted, refused, report.failedCount());
    }
  }

  private void prepareTarget(Endpoints ends) throws BadInputException, TargetRefusedException {
    Path directory = ends.sourceIsDirectory() ? ends.target() : ends.target().getParent();
    if (directory != null) {
      TargetDirectory.create(directory, request.targetText());
    }
  }

  private Thread startWalker(Endpoints ends, WalkFeed feed, BlockingQueue<PoolEvent> events,
      AtomicBoolean cancelled) {
    Thread walker = new Thread(() -> {
      try {
        if (ends.sourceIsDirectory()) {
          new TreeWalker(request.dereference(), cancelled::get, feed, ends.targetKey())
              .walk(ends.source(), ends.target(), ends.attributes());
        } else {
          feed.addSingleFile(ends.singleFile());
        }
      } catch (RuntimeException e) {
        events.add(new PoolEvent.WalkFailed(ends.source(), "listing stopped: " + Reasons.of(e)));
      } finally {
        feed.end();
      }
    }, "pcopy-walker");
    walker.setDaemon(true);
    walker.start();
    return walker;
  }

  private void printSummary(Summary summary) {
    if (request.quiet()) {
      return;
    }
    for (String line : SummaryFormatter.format(summary)) {
      out.println(line);
    }
    out.flush();
  }
}
