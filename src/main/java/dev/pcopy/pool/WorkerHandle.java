package dev.pcopy.pool;

import dev.pcopy.fs.Reasons;
import dev.pcopy.plan.Task;
import dev.pcopy.protocol.FrameCodec;
import dev.pcopy.protocol.Message;
import dev.pcopy.protocol.Message.Assign;
import dev.pcopy.protocol.Message.Configure;
import dev.pcopy.protocol.Message.Done;
import dev.pcopy.protocol.Message.Hello;
import dev.pcopy.protocol.Message.Progress;
import dev.pcopy.protocol.ProtocolException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;

/**
 * One live worker: its pipes, the tasks it holds, and a reader thread that turns its frames into
 * {@link PoolEvent}s. Everything but the reader thread is used by the coordinator thread only.
 */
public final class WorkerHandle {
  private final int index;
  private final WorkerProcess process;
  private final OutputStream commands;
  /** Tasks sent and not yet finished, oldest (the one being copied) first. */
  private final Map<Long, InFlight> inFlight = new LinkedHashMap<>();
  private boolean ready;
  private boolean finishedATask;
  private boolean inputClosed;
  /** When the coordinator last heard from it ({@link System#nanoTime}). */
  private long lastHeard;

  /** A task held by this worker, how far it is in it, and the bytes credited for it. */
  static final class InFlight {
    final Task task;
    long creditedBytes;
    /** The action the worker said it is at. */
    int index;
    /** Bytes credited for that action. */
    long actionBytes;

    InFlight(Task task) {
      this.task = task;
    }
  }

  WorkerHandle(int index, WorkerProcess process) {
    this.index = index;
    this.process = process;
    this.commands = new BufferedOutputStream(process.commands(), 1 << 16);
  }

  /** Sends the configuration and starts the thread that reads the worker's frames. */
  void start(Configure configure, BlockingQueue<PoolEvent> events) throws IOException {
    send(configure);
    Thread reader = new Thread(() -> readFrames(events), "pcopy-worker-" + index + "-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** Returns the worker's number (1-based, in start order). */
  public int index() {
    return index;
  }

  WorkerProcess process() {
    return process;
  }

  boolean isReady() {
    return ready;
  }

  void markReady() {
    ready = true;
  }

  /** Whether it has finished a task: then it could start, whatever befalls it later. */
  boolean hasFinishedATask() {
    return finishedATask;
  }

  /** Notes that the coordinator heard from it at {@code nanos}. */
  void heard(long nanos) {
    lastHeard = nanos;
  }

  /** When the coordinator last heard from it ({@link System#nanoTime}). */
  long lastHeard() {
    return lastHeard;
  }

  int load() {
    return inFlight.size();
  }

  InFlight inFlight(long taskId) {
    return inFlight.get(taskId);
  }

  InFlight finish(long taskId) {
    InFlight held = inFlight.remove(taskId);
    if (held != null) {
      finishedATask = true;
    }
    return held;
  }

  /** The task the worker is on now (the oldest it holds), or null. */
  InFlight current() {
    return inFlight.isEmpty() ? null : inFlight.values().iterator().next();
  }

  /** Removes and returns every task this worker holds, oldest first. */
  List<InFlight> takeAll() {
    List<InFlight> all = new ArrayList<>(inFlight.values());
    inFlight.clear();
    return all;
  }

  /**
   * Hands {@code task} to the worker. The task counts as held even if the write fails, so that a
   * worker dying at that moment gives it back with the rest.
   */
  void assign(Task task) throws IOException {
    inFlight.put(task.id(), new InFlight(task));
    send(new Assign(task));
  }

  /** Closes the worker's stdin, which asks it to stop. */
  void closeInput() {
    if (inputClosed) {
      return;
    }
    inputClosed = true;
    try {
      commands.close();
    } catch (IOException e) {
      // Already gone: the reader thread reports the death.
    }
  }

  private void send(Message message) throws IOException {
    FrameCodec.write(commands, message);
    commands.flush();
  }

  private void readFrames(BlockingQueue<PoolEvent> events) {
    String why = "closed its output";
    boolean broke = false;
    try (InputStream in = new BufferedInputStream(process.frames(), 1 << 16)) {
      byte[] chatter = FrameCodec.skipPreamble(in);
      if (chatter.length > 0) {
        events.add(new PoolEvent.Chatter(this, new String(chatter, StandardCharsets.UTF_8)));
      }
      Message message;
      while ((message = FrameCodec.read(in)) != null) {
        if (message instanceof Hello hello) {
          if (hello.version() != FrameCodec.VERSION) {
            why = "speaks protocol version " + hello.version() + ", not " + FrameCodec.VERSION;
            broke = true;
            break;
          }
          events.add(new PoolEvent.Ready(this));
        } else if (message instanceof Progress p) {
          events.add(new PoolEvent.Progressed(this, p.taskId(), p.index(), p.bytes()));
        } else if (message instanceof Done d) {
          events.add(new PoolEvent.Finished(this, d));
        } else {
          why = "sent an unexpected frame " + message.getClass().getSimpleName();
          broke = true;
          break;
        }
      }
    } catch (ProtocolException e) {
      why = "broke the protocol: " + Reasons.of(e)
          + " (does something print on its standard output?)";
      broke = true;
    } catch (IOException e) {
      why = "closed its output: " + Reasons.of(e);
    }
    events.add(new PoolEvent.Exited(this, why, broke));
  }
}
