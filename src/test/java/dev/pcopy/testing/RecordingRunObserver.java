package dev.pcopy.testing;

import dev.pcopy.fs.Names;
import dev.pcopy.plan.Action.WorkerAction;
import dev.pcopy.plan.Decision;
import dev.pcopy.plan.Outcome;
import dev.pcopy.plan.Task;
import dev.pcopy.pool.RunObserver;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link RunObserver} that keeps what it is told, for assertions. */
public final class RecordingRunObserver implements RunObserver {
  /** One action's outcome as reported. */
  public record Result(WorkerAction op, Outcome result) {}

  private final List<Result> results = new ArrayList<>();
  private final List<String> workersLost = new ArrayList<>();
  private final List<Task> abandoned = new ArrayList<>();
  private final List<String> chatter = new ArrayList<>();
  private final List<String> walkFailures = new ArrayList<>();
  private final List<Decision> walked = new ArrayList<>();
  private final List<String> skips = new ArrayList<>();
  private final List<String> positions = new ArrayList<>();
  private final List<String> refusals = new ArrayList<>();
  private long bytes;
  private int ticks;
  private final List<Integer> busy = new ArrayList<>();
  private long deletedInPart;
  private int resultsAtRefusal = -1;

  @Override
  public synchronized void bytesCopied(long delta) {
    bytes += delta;
  }

  @Override
  public synchronized void actionDone(WorkerAction op, Outcome result) {
    results.add(new Result(op, result));
  }

  @Override
  public synchronized void walked(Decision decision) {
    walked.add(decision);
  }

  @Override
  public synchronized void skipped(long count, long bytes) {
    skips.add(count + " skipped, " + bytes + " bytes");
  }

  @Override
  public synchronized void walkFailed(byte[] dir, byte[] name, boolean blamesTarget,
      String reason) {
    walkFailures.add(new String(Names.join(dir, name), StandardCharsets.UTF_8) + ": " + reason);
  }
  @Override
  public synchronized void deletedInPart(long entries) {
    deletedInPart += entries;
  }

  /** The entries the walk deleted of target entries it could not delete whole. */
  public synchronized long deletedInPart() {
    return deletedInPart;
  }


  @Override
  public synchronized void workerAt(int index, List<WorkerAction> ended, WorkerAction action,
      long bytes) {
    positions.add(index + ": " + new String(action.name(), StandardCharsets.UTF_8) + " " + bytes
        + (ended.isEmpty() ? "" : " after " + ended.size()));
  }

  @Override
  public synchronized void workerIdle(int index) {
    positions.add(index + ": idle");
  }

  @Override
  public synchronized void workerLost(int index, String why, WorkerAction on,
      boolean entryGivenUp) {
    workersLost.add(index + ": " + why + (entryGivenUp ? " (entry given up)" : ""));
  }

  @Override
  public synchronized void workerChatter(int index, String text) {
    chatter.add(index + ": " + text);
  }

  /** Returns what workers printed outside the protocol, as "index: text". */
  public synchronized List<String> chatter() {
    return List.copyOf(chatter);
  }

  @Override
  public synchronized void destinationRefusesWrites(String reason) {
    refusals.add(reason);
    resultsAtRefusal = results.size();
  }

  /** Returns how many entry results had been reported when the refusal was, or -1. */
  public synchronized int resultsAtRefusal() {
    return resultsAtRefusal;
  }

  /** Returns the reasons given each time the destination was reported to refuse writes. */
  public synchronized List<String> refusals() {
    return List.copyOf(refusals);
  }

  @Override
  public synchronized void abandoned(Task task) {
    abandoned.add(task);
  }

  @Override
  public synchronized void workers(int busy, int live) {
    if (busy > live) {
      throw new AssertionError(busy + " of " + live + " workers busy");
    }
    if (this.busy.isEmpty() || this.busy.get(this.busy.size() - 1) != busy) {
      this.busy.add(busy);
    }
  }

  /** Returns how many workers were busy, each time the count changed. */
  public synchronized List<Integer> busyCounts() {
    return List.copyOf(busy);
  }

  @Override
  public synchronized void tick() {
    ticks++;
  }

  /** Returns every entry result, in the order reported. */
  public synchronized List<Result> results() {
    return List.copyOf(results);
  }

  /** Returns how many results each entry (by sequence number) got. */
  public synchronized Map<Long, Integer> resultCountBySeq() {
    Map<Long, Integer> counts = new LinkedHashMap<>();
    for (Result r : results) {
      counts.merge(r.op().seq(), 1, Integer::sum);
    }
    return counts;
  }

  /** Returns the net bytes reported. */
  public synchronized long bytes() {
    return bytes;
  }

  /** Returns "index: why" for every lost worker. */
  public synchronized List<String> workersLost() {
    return List.copyOf(workersLost);
  }

  /** Returns the tasks taken back from workers. */
  public synchronized List<Task> abandoned() {
    return List.copyOf(abandoned);
  }

  /** Returns "source: reason" for every walk failure. */
  public synchronized List<String> walkFailures() {
    return List.copyOf(walkFailures);
  }

  /** Returns the walk's decisions, in the order reported. */
  public synchronized List<Decision> walked() {
    return List.copyOf(walked);
  }

  /** Returns "N skipped, B bytes" for every count of skips the walk sent. */
  public synchronized List<String> skips() {
    return List.copyOf(skips);
  }

  /** Returns "index: name bytes" or "index: idle" for every worker position reported. */
  public synchronized List<String> positions() {
    return List.copyOf(positions);
  }

  /** Returns how many times the coordinator ticked. */
  public synchronized int ticks() {
    return ticks;
  }
}
