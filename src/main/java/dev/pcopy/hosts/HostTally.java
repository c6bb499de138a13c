package dev.pcopy.hosts;

import dev.pcopy.plan.Action.WorkerAction;
import dev.pcopy.plan.Action.WriteChunk;
import dev.pcopy.plan.Decision;
import dev.pcopy.plan.Outcome;
import dev.pcopy.plan.Task;
import dev.pcopy.pool.RunObserver;
import dev.pcopy.progress.HostLine;
import dev.pcopy.progress.Units;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Counts what each host's workers did, for the summary and for a line per host in the display
 * while the run goes, and passes everything on to the run's own observer; also shows the
 * launcher's messages about hosts, on the coordinator thread as every other message.
 */
public final class HostTally implements RunObserver {
  private final RunObserver inner;
  private final HostLauncher hosts;
  private final Consumer<String> messages;
  private final Map<String, Counts> counts = new HashMap<>();
  /** What each busy worker has done of the task it is on, by worker number. */
  private final Map<Integer, Place> places = new HashMap<>();

  /** What one host's workers did. */
  private static final class Counts {
    long done;
    long failed;
    long bytes;
  }

  /**
   * Where a busy worker is in its task: what it has done there, counted for its host until the
   * task's outcomes count it for good (or the worker is lost and it is done again).
   */
  private record Place(String host, int entries, long bytes) {}

  /**
   * @param inner the run's observer
   * @param hosts where each worker runs
   * @param messages shows a line without garbling the progress display
   */
  public HostTally(RunObserver inner, HostLauncher hosts, Consumer<String> messages) {
    this.inner = inner;
    this.hosts = hosts;
    this.messages = messages;
  }

  @Override
  public void actionDoneBy(int index, WorkerAction action, Outcome outcome) {
    String host = hosts.hostOf(index);
    if (host != null) {
      Counts c = counts.computeIfAbsent(host, h -> new Counts());
      if (outcome.status() == Outcome.Status.DONE) {
        // A chunk is part of an entry: the host that commits the file counts it, so that the
        // hosts' entries add up to the run's.
        if (!(action instanceof WriteChunk)) {
          c.done++;
        }
        c.bytes += outcome.bytes();
      } else {
        c.failed++;
      }
    }
    inner.actionDoneBy(index, action, outcome);
  }

  /**
   * What one host did.
   *
   * @param host its name
   * @param entries entries its workers finished
   * @param failed entries that failed there
   * @param bytes bytes its workers wrote
   * @param losses how often it was lost
   * @param retired whether it was not used again
   * @param notUsed why it was never used, or null
   */
  public record HostCounts(String host, long entries, long failed, long bytes, int losses,
      boolean retired, String notUsed) {}

  /** Returns what each host did, in the order of the host list. */
  public List<HostCounts> counts() {
    List<HostCounts> all = new ArrayList<>();
    for (HostLauncher.HostState state : hosts.states()) {
      Counts c = counts.getOrDefault(state.name(), new Counts());
      all.add(new HostCounts(state.name(), c.done, c.failed, c.bytes, state.losses(),
          state.retired(), state.notUsed()));
    }
    return all;
  }

  /**
   * Returns what each host has done so far, in the order of the host list, for its line in the
   * display: the outcomes come a task at a time, so a busy worker's place in its task adds
   * what it has done there.
   */
  public List<HostLine> lines() {
    Map<String, Place> busy = new HashMap<>();
    for (Place p : places.values()) {
      busy.merge(p.host(), p, (a, b) -> new Place(a.host(), a.entries() + b.entries(),
          a.bytes() + b.bytes()));
    }
    List<HostLine> lines = new ArrayList<>();
    for (HostLauncher.HostState state : hosts.states()) {
      Counts c = counts.getOrDefault(state.name(), new Counts());
      Place p = busy.getOrDefault(state.name(), new Place(state.name(), 0, 0));
      String why = state.notUsed() != null ? "not used" : state.retired() ? "not used again"
          : state.reconnecting() ? "lost, reconnecting" : null;
      lines.add(new HostLine(state.name(), c.done + c.failed + p.entries(), c.failed,
          c.bytes + p.bytes(), why));
    }
    return lines;
  }

  /**
   * Returns a line per host: what its workers did, how often it was lost, or why it was not
   * used, e.g. {@code pcopy: host n2: 310 entries, 1.2 GiB; lost 2 times, not used again}.
   */
  public List<String> summary(Units units) {
    List<String> lines = new ArrayList<>();
    for (HostCounts c : counts()) {
      if (c.notUsed() != null) {
        lines.add("pcopy: host " + c.host() + ": not used: " + c.notUsed());
        continue;
      }
      StringBuilder line = new StringBuilder("pcopy: host " + c.host() + ": " + c.entries()
          + (c.entries() == 1 ? " entry, " : " entries, ") + units.size(c.bytes()));
      if (c.failed() > 0) {
        line.append(", ").append(c.failed()).append(" failed");
      }
      if (c.losses() > 0) {
        line.append("; lost ").append(c.losses() == 1 ? "once" : c.losses() + " times");
        if (c.retired()) {
          line.append(", not used again");
        }
      }
      lines.add(line.toString());
    }
    return lines;
  }

  @Override
  public void workers(int busy, int live) {
    inner.workers(busy, live);
  }

  @Override
  public void tick() {
    showMessages();
    inner.tick();
  }

  /**
   * Shows the launcher's messages that came since the last tick: also once the run is over, so
   * that a host lost after the last tick is still said.
   */
  public void showMessages() {
    for (String message : hosts.takeMessages()) {
      messages.accept(message);
    }
  }

  @Override
  public void bytesCopied(long delta) {
    inner.bytesCopied(delta);
  }

  @Override
  public void actionDone(WorkerAction action, Outcome outcome) {
    inner.actionDone(action, outcome);
  }

  @Override
  public void walked(Decision decision) {
    inner.walked(decision);
  }

  @Override
  public void skipped(long count, long bytes) {
    inner.skipped(count, bytes);
  }

  @Override
  public void walkFailed(byte[] dir, byte[] name, boolean blamesTarget, String reason) {
    inner.walkFailed(dir, name, blamesTarget, reason);
  }

  @Override
  public void deletedInPart(long entries) {
    inner.deletedInPart(entries);
  }

  @Override
  public void workerAt(int index, List<WorkerAction> ended, WorkerAction action, long bytes) {
    String host = hosts.hostOf(index);
    if (host != null) {
      // The ended actions' bytes as planned: their outcomes, with the bytes written, come later.
      long done = Math.min(bytes, action.bytes());
      for (WorkerAction a : ended) {
        done += a.bytes();
      }
      places.put(index, new Place(host, ended.size(), done));
    }
    inner.workerAt(index, ended, action, bytes);
  }

  @Override
  public void workerIdle(int index) {
    places.remove(index);
    inner.workerIdle(index);
  }

  @Override
  public void workerLost(int index, String why, WorkerAction on, boolean entryGivenUp) {
    inner.workerLost(index, why, on, entryGivenUp);
  }

  @Override
  public void workerChatter(int index, String text) {
    inner.workerChatter(index, text);
  }

  @Override
  public void destinationRefusesWrites(String reason) {
    inner.destinationRefusesWrites(reason);
  }

  @Override
  public void abandoned(Task task) {
    inner.abandoned(task);
  }
}
