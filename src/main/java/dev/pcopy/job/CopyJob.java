package dev.pcopy.job;

import dev.pcopy.copy.DirectoryWriter;
import dev.pcopy.copy.HandleCache;
import dev.pcopy.events.EventLog;
import dev.pcopy.fs.DirHandle;
import dev.pcopy.fs.Identity;
import dev.pcopy.fs.ParallelWriters;
import dev.pcopy.fs.Paths;
import dev.pcopy.fs.Reasons;
import dev.pcopy.fs.Stat;
import dev.pcopy.fs.SysException;
import dev.pcopy.hosts.AgentStarter;
import dev.pcopy.hosts.CommandAgentStarter;
import dev.pcopy.hosts.HostLauncher;
import dev.pcopy.hosts.HostsRefusedException;
import dev.pcopy.hosts.HostTally;
import dev.pcopy.hosts.HostsRequest;
import dev.pcopy.plan.Action.WorkerAction;
import dev.pcopy.plan.HardLinks;
import dev.pcopy.plan.Leftovers;
import dev.pcopy.plan.Planner;
import dev.pcopy.plan.Policy;
import dev.pcopy.plan.Protection;
import dev.pcopy.plan.RunId;
import dev.pcopy.plan.TaskBatcher;
import dev.pcopy.pool.Coordinator;
import dev.pcopy.pool.PoolEvent;
import dev.pcopy.pool.ProcessWorkerLauncher;
import dev.pcopy.pool.WorkerJvm;
import dev.pcopy.pool.WorkerLauncher;
import dev.pcopy.pool.WorkerPool;
import dev.pcopy.progress.PlainLineSink;
import dev.pcopy.progress.ProgressModel;
import dev.pcopy.progress.ProgressSink;
import dev.pcopy.progress.Summary;
import dev.pcopy.progress.SummaryFormatter;
import dev.pcopy.protocol.FrameCodec;
import dev.pcopy.protocol.Message.Configure;
import dev.pcopy.protocol.Message.WorkerOptions;
import dev.pcopy.walk.ActionSink;
import dev.pcopy.walk.DeleteBudget;
import dev.pcopy.walk.DeleteProtection;
import dev.pcopy.walk.Totals;
import dev.pcopy.walk.TreeWalk;
import dev.pcopy.walk.WalkOptions;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * One copy run: checks and opens the ends, then walk → planner → tasks → worker pool →
 * completion queue → progress, then directory metadata and the summary. A dry run is the same
 * walk and planner with a printer in place of everything after them.
 */
public final class CopyJob {
  /** Actions in one batch of small entries. */
  static final int BATCH_ACTIONS = 128;
  /** Bytes that close a batch; a file this large travels alone. */
  static final long BATCH_BYTES = 1L << 20;
  /** Tasks a worker holds at once: one being worked on, one waiting, so it never idles. */
  static final int TASKS_PER_WORKER = 2;
  /** Most bytes one kernel copy call moves, and the lump in which progress is reported. */
  static final long SLICE_BYTES = 8L << 20;
  /** How often a worker reports while anything moves, at least. */
  static final int REPORT_MILLIS = 250;
  /** Threads that read the two trees in a real run: both cores on a re-run. */
  static final int WALK_THREADS = 2;
  /** Directory handles the coordinator keeps open for finishing and clean-up. */
  private static final int HANDLES = 64;

  private final CopyRequest request;
  private final Supplier<ProgressSink> progress;
  private final PrintStream out;
  private final PrintStream err;
  private final EventLog log;
  private final WorkerLauncher launcher;
  private final HostsRequest hosts;
  private final AgentStarter agents;

  /**
   * @param request what to copy
   * @param hosts the hosts to run the workers on, or null to run them here
   * @param progress opens the progress display, once the run is known to start
   * @param out where the summary, the dry-run listing and {@code -v} lines go
   * @param err where errors go when progress is off
   * @param log where {@code --json} tells what happens
   */
  public CopyJob(CopyRequest request, HostsRequest hosts, Supplier<ProgressSink> progress,
      PrintStream out, PrintStream err, EventLog log) {
    this(request, progress, out, err, log,
        new ProcessWorkerLauncher(WorkerJvm.options(), request.output().debug()), hosts,
        hosts == null ? null : new CommandAgentStarter(hosts.launcher(), hosts.agentCommand(),
            hosts.debug() ? err : null));
  }

  CopyJob(CopyRequest request, Supplier<ProgressSink> progress, PrintStream out, PrintStream err,
      EventLog log, WorkerLauncher launcher, HostsRequest hosts, AgentStarter agents) {
    this.request = request;
    this.progress = progress;
    this.out = out;
    this.err = err;
    this.log = log;
    this.launcher = launcher;
    this.hosts = hosts;
    this.agents = agents;
  }

  /**
   * Runs the copy.
   *
   * @throws BadInputException if the source or target is refused; nothing was written
   * @throws TargetRefusedException if the destination cannot be created because it refuses
   *     writes (read-only, full); nothing was written
   */
  public JobResult run() throws BadInputException, TargetRefusedException, InterruptedException {
    CopyRequest.Copying copying = request.copying();
    try (Roots roots = Endpoints.open(request.ends(), copying.dryRun(),
        request.mirroring().delete(), request.selecting().oneFileSystem())) {
      Identity identity = Identity.current();
      Planner planner = new Planner(new Policy(copying.force(), identity.isRoot(),
          identity.uid(), groups(identity), copying.xattrs(), copying.acls(),
          copying.hardLinks(), copying.checksum()));
      return copying.dryRun() ? dryRun(roots, planner, identity)
          : copy(roots, planner, identity);
    }
  }

  private JobResult dryRun(Roots roots, Planner planner, Identity identity) {
    long started = System.nanoTime();
    DryRunSink sink = new DryRunSink(roots.display(), out, err, request.output().quiet(), log);
    if (roots.file() != null && roots.target() == null) {
      out.println("mkdir " + roots.display().targetDirectory());
    }
    DeleteBudget budget = new DeleteBudget(request.mirroring().maxDelete());
    try {
      walk(roots, planner, identity, sink, new Totals(), 1, budget);
    } catch (RuntimeException | Error e) {
      // As the real run's walk fails: named, counted, and no deletion after it.
      sink.failed(new byte[0], new byte[0], false, "listing stopped: " + TreeWalk.describe(e), null);
    }
    Tally tally = sink.tally();
    boolean limited = false;
    Deleter.Plan deletions = sink.deletions(protection());
    if (!deletions.isEmpty()) {
      if (tally.failed() > 0) {
        notDeleting(tally.failed(), budget.taken());
      } else {
        Deleter.Result deleted = Deleter.list(deletions, budget.remaining(), sink.deleting());
        limited = limitReached(deleted, budget);
        tally.deleted(deleted.deleted());
      }
    }
    Summary summary = tally.summary(Duration.ofNanos(System.nanoTime() - started),
        Summary.Ending.DRY_RUN);
    if (!request.output().quiet()) {
      if (tally.leftovers() > 0) {
        out.println(SummaryFormatter.leftovers(tally.leftovers(), true));
      }
      for (String line : SummaryFormatter.format(summary, request.output().units())) {
        out.println(line);
      }
    }
    out.flush();
    return new JobResult(null, false, tally.failed(), tally.notKeptCount(), limited, summary);
  }

  /** What {@code --delete} keeps: see {@link DeleteProtection}. */
  private Protection protection() {
    return DeleteProtection.from(request.selecting().selection(),
        request.mirroring().deleteExcluded(), request.selecting().oneFileSystem());
  }

  /**
   * Says that {@code --max-delete} stopped the deleting, if it did: how many entries the plan
   * removes, as the summary counts them, and in how many deletions, as {@code -n} lists them:
   * {@code pcopy: error: --max-delete 4: 3 deletions would remove 5 entries (a directory
   * counts with everything in it); deleted nothing}.
   */
  private boolean limitReached(Deleter.Result result, DeleteBudget budget) {
    if (result.limited()) {
      String why = maxDeleteMessage(budget.max(), budget.taken(), result);
      err.println("pcopy: error: " + why);
      err.flush();
      log.failed(true, new byte[0], why);
    }
    return result.limited();
  }

  /**
   * Whether a big file's chunks go to several workers at once on DST's file system; when that
   * cannot be told, one at a time, which is never slower on a local one.
   */
  private static boolean parallelWritersGain(DirHandle target) {
    try {
      return ParallelWriters.gain(target.fileSystemType());
    } catch (SysException e) {
      return false;
    }
  }

  /**
   * Why {@code --max-delete maxDelete} stopped the deleting, for its error line; {@code replaced}
   * entries went already, during the walk, to replace entries of another kind.
   */
  static String maxDeleteMessage(long maxDelete, long replaced, Deleter.Result result) {
    String entries = result.wouldDelete() == 1 ? "1 entry" : result.wouldDelete() + " entries";
    return "--max-delete " + maxDelete + ": "
        + (replaced > 0 ? (replaced == 1 ? "1 entry" : replaced + " entries")
            + " replaced by another kind went already, and " : "")
        + SummaryFormatter.counted(result.deletions(), "deletion") + " would remove " + entries
        + (replaced > 0 ? " more" : "")
        + (result.wouldDelete() != result.deletions()
            ? " (a directory counts with everything in it)" : "")
        + "; deleted nothing" + (replaced > 0 ? " more" : "");
  }

  /** Prints a warning on stderr, unless {@code -q}. */
  private void warn(String line) {
    if (!request.output().quiet()) {
      err.println(line);
      err.flush();
    }
  }

  /**
   * Says that nothing SRC lacks was deleted after {@code failed} failures; {@code replaced}
   * entries went during the walk all the same, to replace entries of another kind.
   */
  private void notDeleting(long failed, long replaced) {
    String why = "--delete: deleted nothing"
        + (replaced > 0 ? " but the entries replaced by another kind" : "") + ", since "
        + (failed == 1 ? "1 entry" : failed + " entries") + " failed";
    log.warned(null, why);
    if (!request.output().quiet()) {
      err.println("pcopy: warning: " + why);
      err.flush();
    }
  }

  private void walk(Roots roots, Planner planner, Identity identity, ActionSink sink,
      Totals totals, int threads, DeleteBudget budget) {
    Leftovers leftovers = Leftovers.forThisProcess();
    if (roots.file() != null) {
      SingleFileWalk.run(roots, planner, sink, leftovers, identity);
      return;
    }
    Stat targetRoot;
    try {
      targetRoot = roots.target() == null ? null : roots.target().stat();
    } catch (SysException e) {
      sink.failed(new byte[0], new byte[0], true, Reasons.of(e), e);
      return;
    }
    CopyRequest.Mirroring mirroring = request.mirroring();
    WalkOptions options = new WalkOptions(request.copying().dereference(), threads,
        request.copying().dryRun(), request.selecting().selection(),
        request.selecting().oneFileSystem(), mirroring.delete(), mirroring.deleteExcluded());
    new TreeWalk(planner, sink, options, leftovers, identity, new AtomicLong(), totals,
        targetRoot, request.copying().hardLinks() ? new HardLinks() : null, budget)
        .walk(roots.source(), roots.sourceStat(), roots.target(), roots.targetFound());
  }

  /**
   * Starts and checks the agents. A terminal's Ctrl-C reaches ssh as well as pcopy, so agents
   * that did not start while a signal came are the signal's doing: pcopy then ends as the
   * signal says, nothing being written yet, not with an error about the hosts.
   */
  private HostLauncher openHosts(Roots roots) throws InterruptedException {
    try {
      return HostLauncher.open(hosts, agents, roots.source(), roots.target(), this::warn,
          () -> EarlySignals.noted() != null);
    } catch (HostsRefusedException e) {
      EarlySignals.haltIfNoted();
      throw e;
    }
  }

  private JobResult copy(Roots roots, Planner planner, Identity identity)
      throws InterruptedException {
    CopyRequest.Copying copying = request.copying();
    CopyRequest.Output output = request.output();
    // From here on a signal stops the run in order, and the run still says how it ended.
    EarlySignals.hold();
    String runId = RunId.forThisProcess().text();
    BlockingQueue<PoolEvent> events = new LinkedBlockingQueue<>();
    AtomicBoolean cancelled = new AtomicBoolean();
    DirectoryWriter directories = new DirectoryWriter(identity.isRoot(), copying.fsync(),
        copying.xattrs(), copying.acls());
    Totals totals = new Totals();
    ProgressModel model = new ProgressModel(Clock.systemUTC(), new ProgressModel.Totals() {
      @Override
      public long entries() {
        return roots.file() != null ? 1 : totals.entries();
      }

      @Override
      public long bytes() {
        return roots.file() != null ? roots.file().stat().size() : totals.bytes();
      }

      @Override
      public boolean finished() {
        return roots.file() != null || totals.finished();
      }
    });
    // The hosts are checked before anything is written below DST, and before the display.
    HostLauncher remote = hosts == null ? null : openHosts(roots);
    ProgressSink display = output.quiet()
        ? new PlainLineSink(err, Clock.systemUTC(), Duration.ZERO, output.units())
        : progress.get();
    try (HandleCache targets = new HandleCache(roots.target(), false, HANDLES)) {
      TaskQueue tasks = new TaskQueue(events, cancelled);
      ChunkedFiles chunked = new ChunkedFiles(directories, targets, runId, identity.uid(),
          tasks.ids(), events);
      LinkWaits links = new LinkWaits();
      WalkSink sink = new WalkSink(directories, events, tasks, links, chunked, cancelled,
          BATCH_ACTIONS, BATCH_BYTES, log.tellsEntries());
      RunReport report = new RunReport(model, display, roots.display(),
          output.verbose() ? out : null, output.debug(), output.quiet(),
          new RunReport.Cleanup(directories, targets, runId), (anchor, written) -> {
            if (!written) {
              return links.failed(anchor.seq());
            }
            List<WorkerAction> released = new ArrayList<>(links.done(anchor.seq()));
            new TaskBatcher(BATCH_ACTIONS, BATCH_BYTES, tasks::addNow, tasks.ids())
                .addAll(released);
            return List.of();
          }, chunked, tasks::addNow, log);
      DeleteBudget budget = new DeleteBudget(request.mirroring().maxDelete());
      // The walk deletes entries of another kind as it meets them, each taken from
      // --max-delete's budget: one thread meets them in the dry run's order, so that the same
      // ones pass the limit in both.
      int threads = budget.max() >= 0 && request.mirroring().delete() ? 1 : WALK_THREADS;
      Thread walker = new Thread(null, () -> {
        try {
          walk(roots, planner, identity, sink, totals, threads, budget);
        } catch (RuntimeException | Error e) {
          events.add(new PoolEvent.WalkFailed(new byte[0], new byte[0], false,
              "listing stopped: " + TreeWalk.describe(e)));
        } finally {
          tasks.end();
        }
      }, "pcopy-walker", TreeWalk.STACK_BYTES);
      walker.setDaemon(true);
      walker.start();
      Coordinator.Outcome outcome;
      HostTally perHost = remote == null ? null : new HostTally(report, remote, display::message);
      if (remote != null) {
        report.namesHosts(remote::hostOf);
        model.hosts(perHost::lines);
      }
      SignalTrap trap = SignalTrap.install(events);
      try {
        WorkerPool pool = new WorkerPool(remote == null ? launcher : remote,
            remote == null ? request.workers() : hosts.workers(), TASKS_PER_WORKER,
            configure(roots, runId), events);
        outcome = new Coordinator(pool, events,
            new CuttingFeed(tasks, chunked, report::fileEnded,
                remote != null || parallelWritersGain(roots.target())),
            perHost == null ? report : perHost, copying.stallTimeout(), System::nanoTime).run();
      } finally {
        trap.close();
        if (remote != null) {
          // Before directories get their times: nothing of the hosts may write after that.
          remote.close();
          perHost.showMessages();
        }
        cancelled.set(true);
        walker.interrupt();
        walker.join();
        // Whatever ended the run, a big file begun and not finished is kept or removed now.
        chunked.settle(copying.partial());
      }
      boolean refused = outcome == Coordinator.Outcome.TARGET_REFUSES_WRITES;
      boolean limited = false;
      Tally tally = report.tally();
      // A signal after the copy itself ended still stops the run: nothing is deleted then.
      String signal = EarlySignals.noted();
      boolean interrupted = outcome == Coordinator.Outcome.INTERRUPTED || signal != null;
      Deleter.Plan deletions = sink.deletions(protection());
      if (!interrupted && outcome == Coordinator.Outcome.FINISHED && !deletions.isEmpty()) {
        // Before the directories get their times: deleting in one changes its time.
        if (tally.failed() > 0) {
          notDeleting(tally.failed(), budget.taken());
        } else {
          Deleter.Result deleted = Deleter.run(deletions, directories, targets,
              budget.remaining(), report.deleting());
          limited = limitReached(deleted, budget);
          tally.deleted(deleted.deleted());
        }
      }
      // Directory modes and times wait for a complete copy: a run cut short leaves them to the
      // re-run that completes it (a read-only mode set now would only be opened up again).
      if (outcome == Coordinator.Outcome.FINISHED && !interrupted) {
        Optional<String> refusal = Finisher.apply(sink.finishes(), directories, targets,
            report, () -> EarlySignals.noted() != null);
        refusal.ifPresent(report::destinationRefusesWrites);
        refused = refusal.isPresent();
        // A signal while the directories were being finished (a deep tree takes seconds) ends
        // the run as stopped, with the rest left to the re-run: not a success.
        signal = EarlySignals.noted();
        interrupted = signal != null;
      }
      report.tick();
      display.close();
      if (tally.leftovers() > 0 && !output.quiet()) {
        out.println(SummaryFormatter.leftovers(tally.leftovers(), false));
      }
      Summary summary = report.summary(interrupted ? Summary.Ending.INTERRUPTED
          : refused ? Summary.Ending.STOPPED : Summary.Ending.COMPLETE);
      printSummary(summary);
      if (perHost != null) {
        if (!output.quiet()) {
          perHost.summary(output.units()).forEach(out::println);
          out.flush();
        }
        log.hosts(perHost.counts().stream().map(c -> new EventLog.Host(c.host(), c.entries(),
            c.failed(), c.bytes(), c.losses(), c.retired(), c.notUsed())).toList());
      }
      return new JobResult(interrupted ? signal : null, refused, tally.failed(),
          tally.notKeptCount(), limited, summary);
    } finally {
      // A second close after the summary is nothing; one on an exception ends the display.
      display.close();
    }
  }

  /** The first frame every worker gets: where the roots are, by path and identity. */
  private Configure configure(Roots roots, String runId) {
    CopyRequest.Copying c = request.copying();
    try {
      Stat source = roots.source().stat();
      Stat target = roots.target().stat();
      return new Configure(FrameCodec.VERSION, runId, Paths.realPath(roots.source()),
          source.dev(), source.ino(), Paths.realPath(roots.target()), target.dev(),
          target.ino(), new WorkerOptions(c.dereference(), c.fsync(), c.xattrs(), c.acls(),
              c.verify(), SLICE_BYTES, REPORT_MILLIS));
    } catch (SysException e) {
      throw new IllegalStateException("cannot read back the directories just opened: "
          + e.getMessage(), e);
    }
  }

  private static int[] groups(Identity identity) {
    int[] all = new int[identity.groups().length + 1];
    all[0] = identity.gid();
    System.arraycopy(identity.groups(), 0, all, 1, identity.groups().length);
    return all;
  }

  private void printSummary(Summary summary) {
    if (request.output().quiet()) {
      return;
    }
    for (String line : SummaryFormatter.format(summary, request.output().units())) {
      out.println(line);
    }
    out.flush();
  }
}
