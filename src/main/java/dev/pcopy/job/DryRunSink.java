package dev.pcopy.job;

import dev.pcopy.events.EventLog;
import dev.pcopy.fs.DirHandle;
import dev.pcopy.fs.Names;
import dev.pcopy.fs.Stat;
import dev.pcopy.plan.Action;
import dev.pcopy.plan.Action.FinishDirectory;
import dev.pcopy.plan.Action.MakeDirectory;
import dev.pcopy.plan.Action.Refuse;
import dev.pcopy.plan.Action.RemoveLeftover;
import dev.pcopy.plan.Decision;
import dev.pcopy.plan.KeptDirectory;
import dev.pcopy.plan.Protection;
import dev.pcopy.walk.ActionSink;
import dev.pcopy.walk.DirectoryMade;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --dry-run}: the walk and the planner of a real run, with this printer in place of the
 * workers. Every action is listed in the lines {@code -v} prints for a real run
 * ({@link ActionText}); what a real run would fail at is reported as it reports it, one
 * {@code pcopy: error: PATH: REASON} line each, and counted as failed. Reads the target, never
 * writes it.
 */
final class DryRunSink implements ActionSink {
  private final Display display;
  private final PrintStream out;
  private final PrintStream err;
  private final boolean quiet;
  private final EventLog events;
  private final Tally tally = new Tally();
  private final List<Action.Delete> deletions = new ArrayList<>();
  private final List<KeptDirectory> kept = new ArrayList<>();

  /**
   * @param out where the listing goes
   * @param err where failures and warnings go
   * @param events where {@code --json} tells the same
   */
  DryRunSink(Display display, PrintStream out, PrintStream err, boolean quiet,
      EventLog events) {
    this.display = display;
    this.out = out;
    this.err = err;
    this.quiet = quiet;
    this.events = events;
  }

  @Override
  public DirectoryMade makeDirectory(MakeDirectory action, DirHandle parent) {
    show(action);
    return DirectoryMade.MADE;
  }

  @Override
  public void enterDirectory(byte[] dir, byte[] name, DirHandle target, Stat found) {
    // A real run may open it up for the copy; its mode comes back at the end, so no line.
  }

  @Override
  public void removeLeftover(RemoveLeftover action, DirHandle target) {
    show(action);
  }

  @Override
  public void decided(Decision decision) {
    Action action = decision.action();
    for (String warning : decision.warnings()) {
      warn(display.source(action.dir(), action.name()), Names.join(action.dir(), action.name()),
          warning);
    }
    if (action instanceof Refuse r) {
      fail(r.blamesTarget(), r.dir(), r.name(), r.reason());
      return;
    }
    // A big file that continues a stopped run's copy has only its missing chunks to copy.
    show(action, !(action instanceof Action.WriteFile f) ? 0
        : decision.cut() != null ? decision.cut().record().remainingBytes() : f.size());
  }

  @Override
  public synchronized void deleteLater(Action.Delete delete) {
    deletions.add(delete);
  }

  @Override
  public synchronized boolean replace(Action.Delete delete, DirHandle parent,
      Protection protection) {
    show(delete);
    tally.deleted(delete.entries());
    return true;
  }

  @Override
  public synchronized void keepLater(KeptDirectory keep) {
    kept.add(keep);
  }

  /** Returns what {@code --delete} would remove, and keep. */
  synchronized Deleter.Plan deletions(Protection protection) {
    return new Deleter.Plan(List.copyOf(deletions), List.copyOf(kept), protection);
  }

  /** Tells the deleting as a real run with {@code -v} would. */
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
        warn(display.target(k.dir(), k.name()), Names.join(k.dir(), k.name()), k.warning());
      }
    };
  }

  private synchronized void warn(String shown, byte[] path, String warning) {
    if (!quiet) {
      err.println("pcopy: warning: " + shown + ": " + warning);
    }
    events.warned(path, warning);
  }

  @Override
  public void finishLater(FinishDirectory finish, boolean timesWanted, DirHandle untouched) {
    show(finish);
  }

  @Override
  public void failed(byte[] dir, byte[] name, boolean blamesTarget, String reason,
      Exception cause) {
    fail(blamesTarget, dir, name, reason);
  }

  @Override
  public void directoryDone() {
    // Nothing is batched in a dry run.
  }

  @Override
  public boolean cancelled() {
    return false;
  }

  private void show(Action action) {
    show(action, 0);
  }

  /** Lists an action that would be carried out, which would write {@code bytes}. */
  private synchronized void show(Action action, long bytes) {
    tally.done(action);
    tally.bytes += bytes;
    events.entry(action);
    // The listing is what a dry run is for: it is printed under -q too.
    for (String line : ActionText.of(action, display)) {
      out.println(line);
    }
  }

  private synchronized void fail(boolean target, byte[] dir, byte[] name, String reason) {
    String line = (target ? display.target(dir, name) : display.source(dir, name)) + ": "
        + reason;
    tally.fail(line);
    err.println("pcopy: error: " + line);
    events.failed(target, Names.join(dir, name), reason);
  }

  /** Returns the counts so far. */
  Tally tally() {
    return tally;
  }
}
