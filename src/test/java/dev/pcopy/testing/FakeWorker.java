package dev.pcopy.testing;

import dev.pcopy.plan.Action.WorkerAction;
import dev.pcopy.plan.Outcome;
import dev.pcopy.plan.Task;
import dev.pcopy.protocol.FrameCodec;
import dev.pcopy.protocol.Message;
import dev.pcopy.protocol.Message.Assign;
import dev.pcopy.protocol.Message.Configure;
import dev.pcopy.protocol.Message.Done;
import dev.pcopy.protocol.Message.Hello;
import dev.pcopy.protocol.Message.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiPredicate;

/**
 * A worker that speaks the protocol but touches no disk: it answers every entry as copied with
 * its listed size, and can be told to die (end its stream without a {@code Done}) at chosen
 * entries, to die before saying hello, to hold its tasks without answering (and, when told to
 * stop, to report part of the first as a real worker stopped mid-batch does), to hold its first
 * task silently as a stuck worker does, to report progress inside each entry, or to find the
 * destination full at a chosen entry.
 */
public final class FakeWorker implements InProcessWorkerLauncher.WorkerBody {
  /** One task as a worker received it. */
  public record Assignment(int worker, long taskId, int attempt, List<WorkerAction> ops) {}

  private static final BiPredicate<Integer, WorkerAction> NEVER = (worker, op) -> false;

  private final BiPredicate<Integer, WorkerAction> diesAt;
  private final BiPredicate<Integer, WorkerAction> fullAt;
  private final boolean sayHello;
  private final boolean answer;
  /** Held tasks only: report the first entry of the first one when stdin ends. */
  private final boolean reportsWhenStopped;
  private final ConcurrentLinkedQueue<Assignment> assignments = new ConcurrentLinkedQueue<>();
  /** Run when the first task arrives, which is then held without a word; null: no such hold. */
  private Runnable onSilentHold;
  /** Report each entry's bytes in two progress frames before answering. */
  private boolean reportsProgress;

  private FakeWorker(BiPredicate<Integer, WorkerAction> diesAt, BiPredicate<Integer, WorkerAction> fullAt,
      boolean sayHello, boolean answer, boolean reportsWhenStopped) {
    this.diesAt = diesAt;
    this.fullAt = fullAt;
    this.sayHello = sayHello;
    this.answer = answer;
    this.reportsWhenStopped = reportsWhenStopped;
  }

  private FakeWorker(BiPredicate<Integer, WorkerAction> diesAt, boolean sayHello, boolean answer) {
    this(diesAt, NEVER, sayHello, answer, false);
  }

  /** A worker that copies everything. */
  public static FakeWorker copyingEverything() {
    return new FakeWorker(NEVER, true, true);
  }

  /**
   * A worker that finds no room left in the destination at every entry whose file name is
   * {@code name}: it answers it as target-full and, as a real worker does, ends the task there.
   */
  public static FakeWorker findingTheTargetFullAt(String name) {
    return new FakeWorker(NEVER,
        (worker, op) -> new String(op.name(), java.nio.charset.StandardCharsets.UTF_8).equals(name), true, true, false);
  }

  /**
   * A worker that dies on reaching an entry for which {@code diesAt(workerIndex, op)} holds,
   * after reporting half of that entry's bytes as progress.
   */
  public static FakeWorker dyingAt(BiPredicate<Integer, WorkerAction> diesAt) {
    return new FakeWorker(diesAt, true, true);
  }

  /** A worker that dies on every entry whose file name is {@code name}, in any worker. */
  public static FakeWorker dyingOnName(String name) {
    return dyingAt((worker, op) -> new String(op.name(), java.nio.charset.StandardCharsets.UTF_8).equals(name));
  }

  /** A worker that ends as soon as it has read its configuration, without saying hello. */
  public static FakeWorker dyingBeforeHello() {
    return new FakeWorker(NEVER, false, true);
  }

  /** A worker that says hello and takes tasks but never finishes one; it ends when stdin ends. */
  public static FakeWorker holdingTasks() {
    return new FakeWorker(NEVER, true, false);
  }

  /**
   * A worker that takes tasks without answering until it is told to stop (its stdin ends); then,
   * as a real worker stopped in the middle of a batch, it reports the first entry of its oldest
   * task as copied and the rest as not tried, and ends.
   */
  public static FakeWorker finishingPartWhenStopped() {
    return new FakeWorker(NEVER, NEVER, true, false, true);
  }

  /**
   * A worker that says hello, then holds its tasks without reporting anything, as one
   * stopped or stuck on a hung mount does: it runs {@code onHold} when the task arrives (so a
   * test can move its clock past the stall timeout) and ends only when killed or told to stop.
   */
  public static FakeWorker holdingFirstTaskSilently(Runnable onHold) {
    FakeWorker w = new FakeWorker(NEVER, true, true);
    w.onSilentHold = onHold;
    return w;
  }

  /** A worker that copies everything, reporting half of each entry's bytes twice as it goes. */
  public static FakeWorker reportingProgress() {
    FakeWorker w = new FakeWorker(NEVER, true, true);
    w.reportsProgress = true;
    return w;
  }

  /** Returns every task received, by any worker, in arrival order. */
  public List<Assignment> assignments() {
    return new ArrayList<>(assignments);
  }

  @Override
  public void serve(int index, InputStream commands, OutputStream frames) throws IOException {
    Message first = FrameCodec.read(commands);
    if (!(first instanceof Configure)) {
      throw new IOException("expected Configure, got " + first);
    }
    if (!sayHello) {
      return;
    }
    FrameCodec.writePreamble(frames);
    send(frames, new Hello(FrameCodec.VERSION, 1000 + index));
    Message message;
    Task oldest = null;
    while ((message = FrameCodec.read(commands)) != null) {
      Task task = ((Assign) message).task();
      assignments.add(new Assignment(index, task.id(), task.attempt(), task.actions()));
      oldest = oldest == null ? task : oldest;
      if (onSilentHold != null) {
        // Stuck: nothing more is answered, the tasks queued behind the first included.
        if (oldest == task) {
          onSilentHold.run();
        }
        continue;
      }
      if (!answer) {
        continue;
      }
      List<Outcome> results = new ArrayList<>();
      for (WorkerAction op : task.actions()) {
        if (diesAt.test(index, op)) {
          send(frames, new Progress(task.id(), task.actions().indexOf(op), op.bytes() / 2));
          return;
        }
        if (fullAt.test(index, op)) {
          results.add(Outcome.targetRefusesWrites("No space left on device"));
          break;
        }
        if (reportsProgress) {
          int at = task.actions().indexOf(op);
          send(frames, new Progress(task.id(), at, op.bytes() / 2));
          send(frames, new Progress(task.id(), at, op.bytes() - op.bytes() / 2));
        }
        results.add(Outcome.done(op.bytes()));
      }
      send(frames, new Done(task.id(), results));
    }
    if (reportsWhenStopped && oldest != null) {
      send(frames, new Done(oldest.id(), List.of(Outcome.done(oldest.actions().get(0).bytes()))));
    }
  }

  private static void send(OutputStream out, Message message) throws IOException {
    FrameCodec.write(out, message);
    out.flush();
  }
}
