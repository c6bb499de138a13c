package dev.pcopy.testing;

import dev.pcopy.plan.CopyTask;
import dev.pcopy.plan.FileOp;
import dev.pcopy.plan.SpecialKind;
import dev.pcopy.pool.RunObserver;
import dev.pcopy.protocol.Message.OpResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link RunObserver} that keeps what it is told, for assertions. */
public final class RecordingRunObserver implements RunObserver {
  /** One entry result as reported. */
  public record Result(FileOp op, OpResult result) {}

  private final List<Result> results = new ArrayList<>();
  private final List<String> workersLost = new ArrayList<>();
  private final List<CopyTask> abandoned = new ArrayList<>();
  private final List<String> chatter = new ArrayList<>();
  private final List<String> walkFailures = new ArrayList<>();
  private final List<String> specials = new ArrayList<>();
  private final List<String> refusals = new ArrayList<>();
  private long bytes;
  private int ticks;
  private int resultsAtRefusal = -1;

  @Override
  public synchronized void bytesCopied(long delta) {
    bytes += delta;
  }

  @Override
  public synchronized void entryDone(FileOp op, OpResult result) {
    results.add(new Result(op, result));
  }

  @Override
  public synchronized void walkFailed(Path path, String reason) {
    walkFailures.add(path + ": " + reason);
  }

  @Override
  public synchronized void specialSkipped(Path source, SpecialKind kind) {
    specials.add(source + ": " + kind.description());
  }

  @Override
  public synchronized void workerLost(int index, String why, boolean entryGivenUp) {
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
  public synchronized void abandoned(CopyTask task) {
    abandoned.add(task);
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
  public synchronized List<CopyTask> abandoned() {
    return List.copyOf(abandoned);
  }

  /** Returns "source: reason" for every walk failure. */
  public synchronized List<String> walkFailures() {
    return List.copyOf(walkFailures);
  }

  /** Returns "source: kind" for every special file reported. */
  public synchronized List<String> specials() {
    return List.copyOf(specials);
  }

  /** Returns how many times the coordinator ticked. */
  public synchronized int ticks() {
    return ticks;
  }
}
