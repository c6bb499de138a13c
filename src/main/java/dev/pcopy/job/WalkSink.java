package dev.pcopy.job;

import dev.pcopy.copy.DirectoryWriter;
import dev.pcopy.fs.DirHandle;
import dev.pcopy.fs.Reasons;
import dev.pcopy.fs.Stat;
import dev.pcopy.fs.SysException;
import dev.pcopy.plan.Action;
import dev.pcopy.plan.Action.FinishDirectory;
import dev.pcopy.plan.Action.HardLink;
import dev.pcopy.plan.Action.MakeDirectory;
import dev.pcopy.plan.Action.Refuse;
import dev.pcopy.plan.Action.RemoveLeftover;
import dev.pcopy.plan.Action.Skip;
import dev.pcopy.plan.Action.WorkerAction;
import dev.pcopy.plan.Decision;
import dev.pcopy.plan.KeptDirectory;
import dev.pcopy.plan.Planner;
import dev.pcopy.plan.Protection;
import dev.pcopy.plan.TaskBatcher;
import dev.pcopy.pool.PoolEvent;
import dev.pcopy.walk.ActionSink;
import dev.pcopy.walk.DirectoryMade;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A real run's side of the walk: carries out the directory actions at once (make, open up,
 * remove leftovers), batches the workers' actions into tasks, keeps the directories to finish,
 * and tells the coordinator what was decided, one event per directory.
 */
final class WalkSink implements ActionSink {
  /** What failed when a target directory could not be made; the reason follows. */
  static final String CANNOT_CREATE_DIRECTORY = "cannot create directory";
  /** Why a hard link was not made: the file it links to could not be copied. */
  static final String LINK_ANCHOR_FAILED =
      "not linked: the entry it is a hard link of could not be copied or fixed";

  private final DirectoryWriter directories;
  private final BlockingQueue<PoolEvent> events;
  private final TaskQueue tasks;
  private final LinkWaits links;
  private final ChunkedFiles chunked;
  private final AtomicBoolean cancelled;
  private final int batchActions;
  private final long batchBytes;
  private final ThreadLocal<TaskBatcher> batchers;
  /** Whether each skip goes to the coordinator as a decision, for a log that tells it. */
  private final boolean eachSkip;
  private final ThreadLocal<Noted> noted = ThreadLocal.withInitial(Noted::new);
  private final List<Finish> finishes = new ArrayList<>();
  private final List<Action.Delete> deletions = new ArrayList<>();
  private final List<KeptDirectory> kept = new ArrayList<>();

  /** A directory to finish, and whether its times may be set. */
  record Finish(FinishDirectory action, boolean timesWanted) {}

  /** What one walker thread has decided in the directory it is reading, for the coordinator. */
  private static final class Noted {
    final List<Decision> decisions = new ArrayList<>();
    long skipped;
    long skippedBytes;
  }

  /**
   * @param eachSkip whether every skip goes to the coordinator as a decision, for a log that
   *     tells each entry ({@code --json -v}); else skips without a warning are only counted
   */
  WalkSink(DirectoryWriter directories, BlockingQueue<PoolEvent> events, TaskQueue tasks,
      LinkWaits links, ChunkedFiles chunked, AtomicBoolean cancelled, int batchActions,
      long batchBytes, boolean eachSkip) {
    this.directories = directories;
    this.events = events;
    this.tasks = tasks;
    this.links = links;
    this.chunked = chunked;
    this.cancelled = cancelled;
    this.batchActions = batchActions;
    this.batchBytes = batchBytes;
    this.eachSkip = eachSkip;
    this.batchers = ThreadLocal.withInitial(
        () -> new TaskBatcher(this.batchActions, this.batchBytes, tasks::add, tasks.ids()));
  }

  @Override
  public DirectoryMade makeDirectory(MakeDirectory action, DirHandle parent) {
    Stat found;
    try {
      found = directories.make(parent, action.name());
    } catch (IOException e) {
      targetFailed(action.dir(), action.name(), CANNOT_CREATE_DIRECTORY + ": " + Reasons.of(e),
          e);
      return DirectoryMade.FAILED;
    }
    if (found != null) {
      // Another process made it: this run made nothing, so it neither counts nor shows it.
      return DirectoryMade.foundMade(found);
    }
    noted.get().decisions.add(Decision.of(action));
    return DirectoryMade.MADE;
  }

  @Override
  public void enterDirectory(byte[] dir, byte[] name, DirHandle target, Stat found) {
    try {
      directories.openUp(target, found);
    } catch (SysException e) {
      targetFailed(dir, name, "cannot open up for writing: " + Reasons.of(e), e);
    }
  }

  @Override
  public void removeLeftover(RemoveLeftover action, DirHandle target) {
    try {
      if (directories.remove(target, action.name())) {
        noted.get().decisions.add(Decision.of(action));
      }
    } catch (SysException e) {
      targetFailed(action.dir(), action.name(), "cannot remove leftover temporary file: "
          + Reasons.of(e), e);
    }
  }

  @Override
  public void decided(Decision decision) {
    // A no-op re-run is all skips: counted here, on the walk's threads, instead of one object
    // each for the coordinator's thread to count.
    if (!eachSkip && decision.action() instanceof Skip skip && decision.warnings().isEmpty()) {
      Noted mine = noted.get();
      mine.skipped++;
      mine.skippedBytes += skip.size();
      return;
    }
    if (decision.action() instanceof HardLink link && decision.after() != -1) {
      switch (links.park(decision.after(), link)) {
        case WAITING -> {
          return;
        }
        case ANCHOR_FAILED -> {
          noted.get().decisions.add(Decision.of(new Refuse(link.dir(), link.name(), true,
              LINK_ANCHOR_FAILED, 0, false)));
          return;
        }
        case READY -> { }
      }
    }
    if (decision.action() instanceof WorkerAction w) {
      if (decision.cut() != null) {
        chunked.expect(w.seq(), decision.cut());
      }
      batchers.get().add(w);
      if (decision.warnings().isEmpty()) {
        return;
      }
    }
    noted.get().decisions.add(decision);
  }

  @Override
  public void deleteLater(Action.Delete delete) {
    synchronized (deletions) {
      deletions.add(delete);
    }
  }

  @Override
  public boolean replace(Action.Delete delete, DirHandle parent, Protection protection) {
    DirectoryWriter.Removal r;
    try {
      r = directories.delete(parent, delete, protection);
    } catch (SysException e) {
      targetFailed(delete.dir(), delete.name(), "cannot delete: " + Reasons.of(e), e);
      return false;
    }
    switch (r.deleted()) {
      case WHOLE -> {
        Noted mine = noted.get();
        mine.decisions.add(Decision.of(new Action.Delete(delete.dir(), delete.name(),
            delete.kind(), delete.dev(), delete.ino(), r.removed())));
        // Told before the copy that takes its place is queued, so -v tells them in that order.
        events.add(new PoolEvent.Walked(List.copyOf(mine.decisions), 0, 0));
        mine.decisions.clear();
        return true;
      }
      case ABSENT -> {
        return true;
      }
      case CHANGED -> events.add(new PoolEvent.WalkFailed(delete.dir(), delete.name(), true,
          Deleter.CHANGED));
      case PARTLY -> {
        r.kept().forEach(k -> events.add(new PoolEvent.WalkFailed(k.dir(), k.name(), true,
            "not replaced: " + k.warning())));
        if (r.removed() > 0) {
          events.add(new PoolEvent.DeletedInPart(r.removed()));
        }
      }
    }
    return false;
  }

  @Override
  public void keepLater(KeptDirectory keep) {
    synchronized (deletions) {
      kept.add(keep);
    }
  }

  /**
   * Returns what {@code --delete} removes once the copy has gone well, and keeps. Call after
   * the walk.
   */
  Deleter.Plan deletions(Protection protection) {
    synchronized (deletions) {
      return new Deleter.Plan(List.copyOf(deletions), List.copyOf(kept), protection);
    }
  }

  @Override
  public void finishLater(FinishDirectory finish, boolean timesWanted, DirHandle untouched) {
    // A directory that already has its source's metadata, into which the run writes nothing, is
    // done: the end would open it again only to find that out (on a no-op re-run, every
    // directory, one at a time after the walk). One the planner found to differ waits for the
    // end, which counts and shows the fix. Its status is read again: the walk may have opened
    // it up for the copy.
    if (untouched != null && !finish.fixes().any()) {
      try {
        if (Planner.isFinished(finish, untouched.stat(), timesWanted)) {
          return;
        }
      } catch (SysException e) {
        // The end tries again, and reports what fails then.
      }
    }
    synchronized (finishes) {
      finishes.add(new Finish(finish, timesWanted));
    }
  }

  @Override
  public void failed(byte[] dir, byte[] name, boolean blamesTarget, String reason,
      Exception cause) {
    if (blamesTarget && cause != null && Reasons.refusesWrites(cause)) {
      targetFailed(dir, name, reason, cause);
    } else {
      events.add(new PoolEvent.WalkFailed(dir, name, blamesTarget, reason));
    }
  }

  /**
   * Reports that the destination refused something at {@code dir/name}. When it refuses every
   * write (full, over quota, read-only) the walk ends here, since each further directory would
   * only fail alike, and the coordinator stops the run.
   */
  private void targetFailed(byte[] dir, byte[] name, String failure, Exception e) {
    if (Reasons.refusesWrites(e)) {
      cancelled.set(true);
      events.add(new PoolEvent.TargetRefusesWrites(dir, name, failure, Reasons.of(e)));
    } else {
      events.add(new PoolEvent.WalkFailed(dir, name, true, failure));
    }
  }

  @Override
  public void directoryDone() {
    // Hand out what one directory held at once, so that workers start before batches fill up.
    batchers.get().flush();
    Noted mine = noted.get();
    if (!mine.decisions.isEmpty() || mine.skipped > 0) {
      events.add(new PoolEvent.Walked(List.copyOf(mine.decisions), mine.skipped,
          mine.skippedBytes));
      mine.decisions.clear();
      mine.skipped = 0;
      mine.skippedBytes = 0;
    }
  }

  @Override
  public boolean cancelled() {
    return cancelled.get();
  }

  /** Returns the directories to finish. Call after the walk. */
  List<Finish> finishes() {
    synchronized (finishes) {
      return List.copyOf(finishes);
    }
  }
}
