package dev.pcopy.job;

import dev.pcopy.copy.DirectoryWriter;
import dev.pcopy.copy.HandleCache;
import dev.pcopy.events.EventLog;
import dev.pcopy.fs.Names;
import dev.pcopy.plan.Action.Anchorable;
import dev.pcopy.plan.Action.CommitFile;
import dev.pcopy.plan.Action.FixMetadata;
import dev.pcopy.plan.Action.HardLink;
import dev.pcopy.plan.Action.Refuse;
import dev.pcopy.plan.Action.WorkerAction;
import dev.pcopy.plan.Action.WriteChunk;
import dev.pcopy.plan.Action.WriteFile;
import dev.pcopy.plan.Action;
import dev.pcopy.plan.Decision;
import dev.pcopy.plan.KeptDirectory;
import dev.pcopy.plan.Outcome;
import dev.pcopy.plan.Task;
import dev.pcopy.plan.TempNames;
import dev.pcopy.pool.Coordinator;
import dev.pcopy.pool.RunObserver;
import dev.pcopy.progress.ProgressModel;
import dev.pcopy.progress.ProgressSink;
import dev.pcopy.progress.Snapshot;
import dev.pcopy.progress.Summary;
import dev.pcopy.progress.SummaryFormatter;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Collects what the coordinator learns into the progress model, the counts of the summary and
 * the list of failures; prints each failure and warning as it happens, and with {@code -v} each
 * action carried out, in the lines a dry run lists.
 */
final class RunReport implements RunObserver {
  private final ProgressModel model;
  private final ProgressSink sink;
  private final Display display;
  private final PrintStream verbose;
  private final boolean debug;
  private final boolean quiet;
  private final Cleanup cleanup;
  private final Anchors anchors;
  private final ChunkedFiles chunked;
  private final Consumer<Task> handOut;
  private final EventLog events;
  private final Tally tally = new Tally();
  private IntFunction<String> hostOf = index -> null;

  /** Learns when an entry that hard links wait for is in place, or is not. */
  interface Anchors {
    /**
     * The write or fix of {@code anchor} ended; returns the links that waited for it and now
     * fail, when {@code written} is false (else they are handed out).
     */
    List<HardLink> ended(Anchorable anchor, boolean written);
  }

  /** Removes the temporary files of tasks taken from a worker. */
  record Cleanup(DirectoryWriter directories, HandleCache targets, String runId) {
    /** Returns why each temporary file that is there could not be removed, by action. */
    Map<WorkerAction, String> removeTemporaries(Task task) {
      return directories.removeTemporaries(targets, runId, task.actions());
    }
  }

  /**
   * @param verbose where {@code -v} prints the actions carried out, or null without it
   * @param chunked the big files copied in chunks, whose chunks' outcomes it learns
   * @param handOut queues a task made on the way (a big file's commit)
   * @param events where {@code --json} tells what happens
   */
  RunReport(ProgressModel model, ProgressSink sink, Display display, PrintStream verbose,
      boolean debug, boolean quiet, Cleanup cleanup, Anchors anchors, ChunkedFiles chunked,
      Consumer<Task> handOut, EventLog events) {
    this.model = model;
    this.sink = sink;
    this.display = display;
    this.verbose = verbose;
    this.debug = debug;
    this.quiet = quiet;
    this.cleanup = cleanup;
    this.anchors = anchors;
    this.chunked = chunked;
    this.handOut = handOut;
    this.events = events;
  }

  @Override
  public void bytesCopied(long delta) {
    tally.bytes += delta;
    model.written(delta);
  }

  @Override
  public void actionDone(WorkerAction action, Outcome outcome) {
    if (action instanceof WriteChunk || action instanceof CommitFile) {
      chunked.outcome(action, outcome, handOut).ifPresent(this::fileEnded);
      return;
    }
    ended(action, outcome, action instanceof FixMetadata f ? f.size() : action.bytes());
  }

  /** Counts a big file copied in chunks as the one write it is, once it has ended. */
  void fileEnded(ChunkedFiles.Ended end) {
    ended(end.write(), end.outcome(), end.unwritten());
  }

  /**
   * Counts and shows an action that ended.
   *
   * @param unwritten the bytes it settles when it fails
   */
  private void ended(WorkerAction action, Outcome outcome, long unwritten) {
    boolean done = outcome.status() == Outcome.Status.DONE;
    if (action instanceof Anchorable w && w.anchor()) {
      for (HardLink link : anchors.ended(w, done)) {
        model.entryDone(0, true);
        fail(true, link.dir(), link.name(), WalkSink.LINK_ANCHOR_FAILED);
      }
    }
    if (done) {
      tally.done(action);
      model.entryDone(action instanceof FixMetadata f ? f.size() : 0, false);
      show(action);
      if (!outcome.notKept().isEmpty()) {
        cannotKeep(action.dir(), action.name(), outcome.notKept());
      }
      return;
    }
    model.entryDone(unwritten, true);
    boolean target = outcome.status().blamesTarget();
    fail(target, action.dir(), target ? action.name() : sourceName(action), outcome.reason());
    if (!outcome.leftover().isEmpty()) {
      leftBehind(action, outcome.leftover());
    }
  }

  /**
   * Warns of the temporary file a failed action left because it could not be removed
   * ({@code why}): nothing else would say where that file comes from.
   */
  private void leftBehind(WorkerAction action, String why) {
    byte[] temp = TempNames.of(cleanup.runId(), action.seq());
    String warning = "temporary file left behind, cannot remove it: " + why
        + "; the next run removes it";
    events.warned(Names.join(action.dir(), temp), warning);
    if (!quiet) {
      sink.message("pcopy: warning: " + display.target(action.dir(), temp) + ": " + warning);
    }
  }

  /**
   * Counts and tells of the target entry {@code dir/name}, written without something the
   * destination would not keep ({@code what}: each thing and why).
   */
  void cannotKeep(byte[] dir, byte[] name, String what) {
    tally.notKept();
    sink.message("pcopy: error: " + display.target(dir, name) + ": cannot keep " + what);
    events.failed(true, Names.join(dir, name), "cannot keep " + what);
  }

  private static byte[] sourceName(WorkerAction action) {
    if (action instanceof WriteChunk c) {
      return c.sourceName();
    }
    if (action instanceof CommitFile c) {
      return c.sourceName();
    }
    return action instanceof WriteFile f ? f.sourceName() : action.name();
  }

  @Override
  public void walked(Decision decision) {
    Action action = decision.action();
    for (String warning : decision.warnings()) {
      if (!quiet) {
        sink.message("pcopy: warning: " + display.source(action.dir(), action.name()) + ": "
            + warning);
      }
      events.warned(Names.join(action.dir(), action.name()), warning);
    }
    if (action instanceof WorkerAction) {
      return;
    }
    if (action instanceof Refuse r) {
      if (!r.directory()) {
        model.entryDone(r.size(), true);
      }
      fail(r.blamesTarget(), r.dir(), r.name(), r.reason());
      return;
    }
    if (action instanceof Action.Skip s) {
      model.entryDone(s.size(), false);
    }
    if (action instanceof Action.Delete d) {
      // Deleted during the walk, to put its source entry of another kind in its place.
      tally.deleted(d.entries());
    }
    tally.done(action);
    show(action);
  }

  @Override
  public void deletedInPart(long entries) {
    tally.deleted(entries);
  }

  @Override
  public void skipped(long count, long bytes) {
    model.entriesDone(count, bytes);
    tally.unchanged(count);
  }

  /** Tells of an action carried out: its lines with {@code -v}, its event with {@code --json}. */
  void show(Action action) {
    events.entry(action);
    if (verbose == null) {
      return;
    }
    for (String line : ActionText.of(action, display)) {
      verbose.println(line);
    }
    verbose.flush();
  }

  /** Tells the deleting ({@code --delete}) as it is carried out. */
  Deleter.Told deleting() {
    return new Deleter.Told() {
      @Override
      public void deleted(Action.Delete d) {
        show(d);
      }

      @Override
      public void failed(byte[] dir, byte[] name, String why) {
        fail(true, dir, name, why);
      }

      @Override
      public void kept(KeptDirectory k) {
        events.warned(Names.join(k.dir(), k.name()), k.warning());
        if (!quiet) {
          sink.message("pcopy: warning: " + display.target(k.dir(), k.name()) + ": "
              + k.warning());
        }
      }
    };
  }

  @Override
  public void walkFailed(byte[] dir, byte[] name, boolean blamesTarget, String reason) {
    fail(blamesTarget, dir, name, reason);
  }

  /**
   * Records a failure of the entry {@code dir/name}, in the destination or in the source, and
   * tells it.
   */
  void fail(boolean target, byte[] dir, byte[] name, String reason) {
    String line = (target ? display.target(dir, name) : display.source(dir, name)) + ": "
        + reason;
    tally.fail(line);
    sink.message("pcopy: error: " + line);
    events.failed(target, Names.join(dir, name), reason);
  }

  /** Names the host each worker runs on ({@code --hosts}), for the worker lines. */
  void namesHosts(IntFunction<String> hostOfWorker) {
    this.hostOf = hostOfWorker;
  }

  /**
   * Shows how far worker {@code index} is in its file: a chunk as its place in the whole file.
   * A report's bytes may include the end of the action before (a batch's small files go by
   * faster than reports), so they are capped at the action's size. The actions it has ended
   * count as entries done until the task's outcomes count them for good; a big file's chunks
   * and commit are tasks of their own, so each action ended before another is one entry.
   */
  @Override
  public void workerAt(int index, List<WorkerAction> ended, WorkerAction action, long bytes) {
    long in = Math.min(bytes, action.bytes());
    long at = action instanceof WriteChunk c ? c.offset() + in : in;
    long size = action instanceof WriteChunk c ? c.fileSize() : action.bytes();
    model.workerAt(index, hostOf.apply(index), ended.size(),
        display.line(action.dir(), sourceName(action)), at, size);
  }

  @Override
  public void workerIdle(int index) {
    model.workerIdle(index);
  }

  /**
   * Prints the one line that says why the run stopped, after the failure that showed it: e.g.
   * {@code pcopy: error: /mnt/usb: read-only file system; stopped after copying 12 files}.
   */
  @Override
  public void destinationRefusesWrites(String reason) {
    String why = reason.isEmpty() ? reason
        : Character.toLowerCase(reason.charAt(0)) + reason.substring(1);
    String stopped = why + "; stopped after copying "
        + SummaryFormatter.counted(tally.filesCopied(), "file");
    sink.message("pcopy: error: " + display.targetRoot() + ": " + stopped);
    events.failed(true, Names.ROOT, stopped);
  }

  @Override
  public void workerLost(int index, String why, WorkerAction on, boolean entryGivenUp) {
    if (EarlySignals.noted() != null) {
      // Ctrl-C reaches the workers too (one still starting dies of it): the run is stopping,
      // and a worker lost now is no news.
      return;
    }
    String where = on == null ? "" : " (it was on " + display.source(on.dir(), sourceName(on))
        + ")";
    String warning = "worker " + index + " " + why + where + (entryGivenUp
        ? "; the entry it was copying has killed " + Coordinator.MAX_ATTEMPTS
            + " workers and is given up"
        : "; its files are handed to another worker");
    events.warned(null, warning);
    if (!quiet) {
      sink.message("pcopy: warning: " + warning);
    }
  }

  @Override
  public void workerChatter(int index, String text) {
    if (debug) {
      for (String line : text.strip().split("\n")) {
        sink.message("pcopy: debug: worker " + index + ": " + line);
      }
    }
  }

  @Override
  public void abandoned(Task task) {
    cleanup.removeTemporaries(task).forEach(this::leftBehind);
  }

  @Override
  public void workers(int busy, int live) {
    model.workers(busy, live);
  }

  @Override
  public void tick() {
    if (EarlySignals.noted() != null) {
      // From the signal on, while the workers settle and in the last frame: no time is left.
      model.interrupted();
    }
    Snapshot snapshot = model.snapshot();
    sink.update(snapshot);
    events.progress(snapshot);
  }

  /** Returns the counts so far. */
  Tally tally() {
    return tally;
  }

  /** Returns the run's summary so far. */
  Summary summary(Summary.Ending ending) {
    return tally.summary(model.elapsed(), ending);
  }
}
