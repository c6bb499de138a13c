package dev.pcopy.testing;

import dev.pcopy.copy.DirectoryWriter;
import dev.pcopy.fs.DirHandle;
import dev.pcopy.fs.Names;
import dev.pcopy.fs.PathText;
import dev.pcopy.fs.Stat;
import dev.pcopy.fs.SysException;
import dev.pcopy.plan.Action;
import dev.pcopy.plan.Action.FinishDirectory;
import dev.pcopy.plan.Action.MakeDirectory;
import dev.pcopy.plan.Action.RemoveLeftover;
import dev.pcopy.plan.Decision;
import dev.pcopy.plan.KeptDirectory;
import dev.pcopy.plan.Protection;
import dev.pcopy.walk.ActionSink;
import dev.pcopy.walk.DirectoryMade;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * An {@link ActionSink} that writes down everything the walk tells it, as one line per call
 * ({@code mkdir sub}, {@code WriteFile sub/a}, {@code finish sub}, {@code failed sub/x: reason},
 * ...; {@code .} for the top), in the order the calls came. Like a real run it makes the
 * directories it is asked to (mode 0700; {@code found made sub} when another process made one
 * first) and removes leftovers, unless it stands for a dry run; a test can act just before and
 * at the moment a directory is made, to change the tree under the walk.
 */
public final class RecordingActionSink implements ActionSink {
  /** Makes directories as a real run does, taking one made meanwhile by someone else. */
  private static final DirectoryWriter DIRECTORIES =
      new DirectoryWriter(false, false, false, false);
  /** A directory to finish, as the walk asked. */
  public record Finish(FinishDirectory action, boolean timesWanted, boolean untouched) {}

  private final boolean writes;
  private final List<String> lines = new ArrayList<>();
  private final List<Decision> decisions = new ArrayList<>();
  private final List<Finish> finishes = new ArrayList<>();
  private final List<Action.Delete> deletes = new ArrayList<>();
  private final List<KeptDirectory> kept = new ArrayList<>();
  private Consumer<String> beforeMakeDirectory = path -> { };
  private Consumer<String> onMakeDirectory = path -> { };
  private Consumer<String> beforeReplace = path -> { };
  private volatile boolean cancelled;

  private RecordingActionSink(boolean writes) {
    this.writes = writes;
  }

  /** A sink that makes directories and removes leftovers, as a real run does. */
  public static RecordingActionSink writing() {
    return new RecordingActionSink(true);
  }

  /** A sink that writes nothing, as a dry run. */
  public static RecordingActionSink dryRun() {
    return new RecordingActionSink(false);
  }

  /**
   * Runs {@code hook} with the path of each directory about to be made, after the walk decided
   * to make it: another process making it first, for one.
   */
  public RecordingActionSink beforeMakeDirectory(Consumer<String> hook) {
    beforeMakeDirectory = hook;
    return this;
  }

  /** Runs {@code hook} with the path of each directory just made, before the walk enters it. */
  public RecordingActionSink onMakeDirectory(Consumer<String> hook) {
    onMakeDirectory = hook;
    return this;
  }

  /** Runs {@code hook} with the path of an entry of another kind just before it is deleted. */
  public RecordingActionSink beforeReplace(Consumer<String> hook) {
    beforeReplace = hook;
    return this;
  }

  /** Makes the walk stop at its next check. */
  public void cancel() {
    cancelled = true;
  }

  /** The path as lines show it. */
  public static String path(byte[] dir, byte[] name) {
    byte[] p = name.length == 0 ? dir : Names.join(dir, name);
    return p.length == 0 ? "." : PathText.escape(p);
  }

  @Override
  public DirectoryMade makeDirectory(MakeDirectory action, DirHandle parent) {
    String path = path(action.dir(), action.name());
    beforeMakeDirectory.accept(path);
    Stat found = null;
    if (writes && parent != null) {
      try {
        found = DIRECTORIES.make(parent, action.name());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    add((found == null ? "mkdir " : "found made ") + path);
    onMakeDirectory.accept(path);
    return found == null ? DirectoryMade.MADE : DirectoryMade.foundMade(found);
  }

  @Override
  public void enterDirectory(byte[] dir, byte[] name, DirHandle target, Stat found) {
    add("enter " + path(dir, name));
  }

  @Override
  public void removeLeftover(RemoveLeftover action, DirHandle target) {
    if (writes) {
      try {
        target.unlink(action.name());
      } catch (SysException e) {
        throw new UncheckedIOException(e);
      }
    }
    add("remove " + path(action.dir(), action.name()));
  }

  @Override
  public synchronized void decided(Decision decision) {
    Action a = decision.action();
    decisions.add(decision);
    lines.add(a.getClass().getSimpleName() + " " + path(a.dir(), a.name()));
  }

  @Override
  public synchronized void deleteLater(Action.Delete delete) {
    deletes.add(delete);
  }

  /** Returns the deletions found, in the order found. */
  public synchronized List<Action.Delete> deletes() {
    return List.copyOf(deletes);
  }

  /**
   * Writes down {@code replace PATH ENTRIES} and, unless it stands for a dry run, deletes the
   * entry as a real run does; {@code replace failed PATH: why} when that fails.
   */
  @Override
  public boolean replace(Action.Delete delete, DirHandle parent, Protection protection) {
    String path = path(delete.dir(), delete.name());
    beforeReplace.accept(path);
    if (writes) {
      try {
        DirectoryWriter.Deleted done = DIRECTORIES.delete(parent, delete, protection).deleted();
        if (done != DirectoryWriter.Deleted.WHOLE && done != DirectoryWriter.Deleted.ABSENT) {
          add("replace failed " + path + ": " + done);
          return false;
        }
      } catch (SysException e) {
        add("replace failed " + path + ": " + e.getMessage());
        return false;
      }
    }
    add("replace " + path + " " + delete.entries());
    return true;
  }

  @Override
  public synchronized void keepLater(KeptDirectory keep) {
    kept.add(keep);
  }

  /** Returns the directories {@code --delete} keeps, in the order found. */
  public synchronized List<KeptDirectory> kept() {
    return List.copyOf(kept);
  }

  @Override
  public synchronized void finishLater(FinishDirectory finish, boolean timesWanted,
      DirHandle untouched) {
    finishes.add(new Finish(finish, timesWanted, untouched != null));
    lines.add("finish " + path(finish.dir(), finish.name()) + (timesWanted ? "" : " (no times)"));
  }

  @Override
  public void failed(byte[] dir, byte[] name, boolean blamesTarget, String reason,
      Exception cause) {
    add("failed " + (blamesTarget ? "target " : "") + path(dir, name) + ": " + reason);
  }

  @Override
  public void directoryDone() {
    // Lines are kept as they come; nothing is batched.
  }

  @Override
  public boolean cancelled() {
    return cancelled;
  }

  private synchronized void add(String line) {
    lines.add(line);
  }

  /** Every line, in the order the calls came. */
  public synchronized List<String> lines() {
    return List.copyOf(lines);
  }

  /** The lines that start with {@code prefix}. */
  public synchronized List<String> lines(String prefix) {
    return lines.stream().filter(l -> l.startsWith(prefix)).toList();
  }

  /** Every entry decision, in order. */
  public synchronized List<Decision> decisions() {
    return List.copyOf(decisions);
  }

  /** Every directory to finish, in order. */
  public synchronized List<Finish> finishes() {
    return List.copyOf(finishes);
  }
}
