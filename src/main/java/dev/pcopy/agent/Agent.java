package dev.pcopy.agent;

import dev.pcopy.link.Heartbeat;
import dev.pcopy.link.LinkCodec;
import dev.pcopy.link.LinkFrame;
import dev.pcopy.link.LinkFrame.Checked;
import dev.pcopy.link.LinkFrame.Close;
import dev.pcopy.link.LinkFrame.Data;
import dev.pcopy.link.LinkFrame.Exited;
import dev.pcopy.link.LinkFrame.Hello;
import dev.pcopy.link.LinkFrame.Kill;
import dev.pcopy.link.LinkFrame.Open;
import dev.pcopy.link.LinkFrame.Ping;
import dev.pcopy.link.LinkFrame.Setup;
import dev.pcopy.link.QueuedOutput;
import dev.pcopy.pool.WorkerLauncher;
import dev.pcopy.protocol.FrameCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * Serves one link: says which pcopy it is, runs the checks the coordinator asks for, then starts
 * and relays workers until the coordinator closes the link or goes silent.
 *
 * <p>Either way it fences itself: it stops every worker (closing a worker's stdin makes it stop
 * inside its file and remove its temporary file), kills those that do not stop within a quarter
 * of the coordinator's silence limit (3 s at most), and ends. It waits for half of that limit
 * only, so that its workers have stopped writing before the coordinator hands their tasks to
 * other hosts.
 */
public final class Agent {
  /**
   * How long stopping workers are given before they are killed, at most: a quarter of the
   * silence limit when that is shorter, so that a fenced host's workers are gone before the
   * coordinator gives their tasks to others.
   */
  private static final Duration MAX_STOP_GRACE = Duration.ofSeconds(3);
  /**
   * How long the agent, about to exit, waits for its last frames to leave: their writer is a
   * daemon thread, which would die with the process; a peer that reads nothing gets no more.
   */
  private static final Duration LAST_WORDS = Duration.ofSeconds(5);
  /** How long a killed worker is waited for. */
  private static final Duration KILL_WAIT = Duration.ofSeconds(1);

  private final InputStream in;
  private final QueuedOutput out;
  private final WorkerLauncher launcher;
  private final String version;
  private final PrintStream log;
  private final Map<Integer, RelayedWorker> workers = new ConcurrentHashMap<>();
  private final CountDownLatch ended = new CountDownLatch(1);
  private volatile String why;
  private Duration stopGrace = MAX_STOP_GRACE;

  /**
   * @param in the link from the coordinator
   * @param out the link to the coordinator
   * @param launcher starts this host's workers
   * @param version this pcopy's version
   * @param log where the agent says why it stopped (its stderr, which the coordinator keeps)
   */
  public Agent(InputStream in, OutputStream out, WorkerLauncher launcher, String version,
      PrintStream log) {
    this.in = in;
    this.out = new QueuedOutput(out, "pcopy-agent-link-out");
    this.launcher = launcher;
    this.version = version;
    this.log = log;
  }

  /**
   * Serves the link until it ends, then stops the workers; returns the exit code: 0 after a
   * link that ended, 1 if the checks failed or the coordinator refused this agent.
   */
  public int serve() throws InterruptedException {
    try {
      ByteArrayOutputStream preamble = new ByteArrayOutputStream();
      FrameCodec.writePreamble(preamble);
      out.write(preamble.toByteArray());
      send(new Hello(LinkCodec.VERSION, version, FrameCodec.VERSION));
      LinkFrame first = LinkCodec.read(in);
      if (!(first instanceof Setup setup)) {
        // The coordinator closed the link: it refused this version, or it is gone.
        out.closeAndWait(LAST_WORDS);
        return 1;
      }
      AgentChecks.Result checked = AgentChecks.run(setup);
      send(new Checked(checked.failure()));
      if (!checked.failure().isEmpty()) {
        // The verdict must reach the coordinator before this process exits.
        out.closeAndWait(LAST_WORDS);
        return 1;
      }
      Duration quarter = Duration.ofMillis(setup.silenceMillis() / 4);
      stopGrace = quarter.compareTo(MAX_STOP_GRACE) < 0 ? quarter : MAX_STOP_GRACE;
      Heartbeat heartbeat = new Heartbeat(Duration.ofMillis(setup.heartbeatMillis()),
          Duration.ofMillis(setup.silenceMillis() / 2), System::nanoTime,
          () -> send(new Ping()),
          silent -> end("heard nothing from the coordinator for " + silent.toMillis() + " ms"));
      heartbeat.start("pcopy-agent-heartbeat");
      Thread reader = new Thread(() -> relay(heartbeat, checked), "pcopy-agent-link-in");
      reader.setDaemon(true);
      reader.start();
      ended.await();
      heartbeat.stop();
      stopWorkers();
      out.closeAndWait(LAST_WORDS);
      return 0;
    } catch (IOException e) {
      log.println("pcopy agent: the link broke: " + e.getMessage());
      out.close();
      return 1;
    }
  }

  /** Ends the service, from any thread: the workers are stopped next. */
  public void end(String reason) {
    if (why == null) {
      why = reason;
    }
    ended.countDown();
  }

  private void relay(Heartbeat heartbeat, AgentChecks.Result roots) {
    try {
      LinkFrame frame;
      while ((frame = LinkCodec.read(in)) != null) {
        heartbeat.heard();
        if (frame instanceof Open o) {
          open(o.channel(), roots);
        } else if (frame instanceof Data d) {
          RelayedWorker w = workers.get(d.channel());
          if (w != null) {
            w.write(d.bytes());
          }
        } else if (frame instanceof Close c) {
          RelayedWorker w = workers.get(c.channel());
          if (w != null) {
            w.closeInput();
          }
        } else if (frame instanceof Kill k) {
          RelayedWorker w = workers.get(k.channel());
          if (w != null) {
            w.kill();
          }
        }
      }
      end("the coordinator closed the link");
    } catch (IOException e) {
      end("the link from the coordinator broke: " + e.getMessage());
    }
  }

  private void open(int channel, AgentChecks.Result roots) {
    try {
      RelayedWorker worker = new RelayedWorker(channel, launcher.launch(channel),
          new ConfigureRewriter(roots), this::fromWorker);
      workers.put(channel, worker);
      worker.start();
    } catch (IOException e) {
      send(new Exited(channel, "could not be started: " + e.getMessage(), false));
    }
  }

  private void fromWorker(LinkFrame frame) {
    if (frame instanceof Exited x) {
      workers.remove(x.channel());
    }
    send(frame);
  }

  private void send(LinkFrame frame) {
    try {
      out.write(LinkCodec.encode(frame));
    } catch (IOException e) {
      end("the link to the coordinator broke: " + e.getMessage());
    }
  }

  /** Stops every worker: their stdin is closed, and those still running after a grace killed. */
  private void stopWorkers() throws InterruptedException {
    List<RelayedWorker> all = List.copyOf(workers.values());
    if (!all.isEmpty()) {
      log.println("pcopy agent: " + why + "; stopping " + all.size() + " worker"
          + (all.size() == 1 ? "" : "s"));
    }
    for (RelayedWorker w : all) {
      w.closeInput();
    }
    long deadline = System.nanoTime() + stopGrace.toNanos();
    for (RelayedWorker w : all) {
      long left = Math.max(0, deadline - System.nanoTime());
      if (!w.awaitExit(Duration.ofNanos(left))) {
        w.kill();
        w.awaitExit(KILL_WAIT);
      }
    }
  }
}
