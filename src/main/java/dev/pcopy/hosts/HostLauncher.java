package dev.pcopy.hosts;

import dev.pcopy.fs.DirHandle;
import dev.pcopy.fs.Paths;
import dev.pcopy.fs.SysException;
import dev.pcopy.link.PcopyVersion;
import dev.pcopy.link.RootIdentity;
import dev.pcopy.pool.WorkerLauncher;
import dev.pcopy.pool.WorkerProcess;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The pool's launcher when workers run on other hosts: each worker is a channel of a host's
 * link, placed on the admitted host with the most room (no host runs more than its share, so
 * work goes to whichever host asks for it by finishing its tasks).
 *
 * <p>A host whose link is lost (closed, broken, or silent past the limit) loses its workers at
 * once, and the pool hands their tasks to the others as for any dead worker. The host is then
 * connected to and checked again in the background; a host lost {@value #MAX_LOSSES} times,
 * counting a failed reconnection, is not used again. When no host is left, starting a worker
 * fails, and with it the run.
 */
public final class HostLauncher implements WorkerLauncher {
  /** Losses after which a host is not used again. */
  public static final int MAX_LOSSES = 2;
  /** How long agents have to stop at the end of the run, and reconnections to give up. */
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

  private final HostsRequest request;
  private final Connector connector;
  private final DirHandle target;
  private final List<Slot> slots = new ArrayList<>();
  private final Map<String, String> dropped;
  private final Map<Integer, Slot> placed = new HashMap<>();
  private final Queue<String> messages = new ConcurrentLinkedQueue<>();
  private final List<Thread> reconnects = new ArrayList<>();
  private boolean closed;
  private final BooleanSupplier stopping;

  /**
   * Where a host stands, for the display while a run goes and for the summary at its end.
   *
   * @param name the host's name
   * @param losses how often it was lost
   * @param retired whether it is not used again
   * @param reconnecting whether it is lost now and pcopy connects to it again
   * @param notUsed why it was never used, or null
   */
  public record HostState(String name, int losses, boolean retired, boolean reconnecting,
      String notUsed) {}

  private enum State { UP, RECONNECTING, RETIRED }

  /** One admitted host. Guarded by the launcher's lock. */
  private static final class Slot {
    final Host host;
    final List<Channel> channels = new ArrayList<>();
    AgentLink link;
    State state = State.UP;
    int losses;

    Slot(Host host, AgentLink link) {
      this.host = host;
      this.link = link;
    }

    int room() {
      channels.removeIf(Channel::hasEnded);
      // A link lost a moment ago is still UP until its loss is handled here.
      return state == State.UP && !link.isLost() ? host.workers() - channels.size() : 0;
    }
  }

  private HostLauncher(HostsRequest request, Connector connector, DirHandle target,
      Admission.Result admitted, BooleanSupplier stopping) {
    this.stopping = stopping;
    this.request = request;
    this.connector = connector;
    this.target = target;
    this.dropped = admitted.dropped();
    for (AgentLink link : admitted.links()) {
      slots.add(new Slot(link.host(), link));
    }
    for (AgentLink link : admitted.links()) {
      link.onLost(this::lost);
    }
  }

  /**
   * Checks every host against SRC and DST and returns the launcher of those that passed; says
   * through {@code warnings} which hosts are not used, and why.
   *
   * @param source SRC, opened by the coordinator
   * @param target DST, opened by the coordinator, where the witness files are written
   * @param stopping whether the run is being stopped by a signal
   * @throws HostsRefusedException if no host passed, or one failed and all are required
   */
  public static HostLauncher open(HostsRequest request, AgentStarter starter, DirHandle source,
      DirHandle target, Consumer<String> warnings, BooleanSupplier stopping)
      throws InterruptedException {
    byte[] targetPath;
    Connector connector;
    try {
      targetPath = Paths.realPath(target);
      connector = new Connector(starter, request, Paths.realPath(source), targetPath,
          RootIdentity.of(source.stat()), PcopyVersion.current());
    } catch (SysException e) {
      throw new HostsRefusedException("cannot read back SRC or DST: " + e.getMessage());
    }
    Admission.Result admitted = Admission.admit(request, connector, target, targetPath);
    // A host a stop signal kept from starting is no news: the run ends as the signal says.
    if (!stopping.getAsBoolean()) {
      admitted.dropped().forEach((host, why) ->
          warnings.accept("pcopy: warning: host " + host + " is not used: " + why));
    }
    return new HostLauncher(request, connector, target, admitted, stopping);
  }

  @Override
  public synchronized WorkerProcess launch(int index) throws IOException {
    Slot slot = roomiest();
    if (slot == null) {
      throw new IOException(noHostLeft());
    }
    Channel channel = slot.link.open(index);
    slot.channels.add(channel);
    placed.put(index, slot);
    return channel;
  }

  /**
   * Whether a worker can be started now: a host that is up has room. Also true when no host
   * is left at all, so that the start fails and says so, instead of the run waiting forever.
   */
  @Override
  public synchronized boolean canLaunch() {
    return roomiest() != null || slots.stream().allMatch(s -> s.state == State.RETIRED);
  }

  /** Returns the name of the host worker {@code index} was placed on, or null. */
  public synchronized String hostOf(int index) {
    Slot slot = placed.get(index);
    return slot == null ? null : slot.host.name();
  }

  /** Takes the messages about hosts (lost, back, retired) that arrived since the last call. */
  public List<String> takeMessages() {
    List<String> taken = new ArrayList<>();
    for (String m = messages.poll(); m != null; m = messages.poll()) {
      taken.add(m);
    }
    return taken;
  }

  /** Returns every host of the request and where it stands, in the request's order. */
  public synchronized List<HostState> states() {
    List<HostState> states = new ArrayList<>();
    for (Host host : request.hosts()) {
      Slot slot = slots.stream().filter(s -> s.host.equals(host)).findFirst().orElse(null);
      states.add(slot == null
          ? new HostState(host.name(), 0, false, false, dropped.get(host.name()))
          : new HostState(host.name(), slot.losses, slot.state == State.RETIRED,
              slot.state == State.RECONNECTING, null));
    }
    return states;
  }

  private Slot roomiest() {
    Slot best = null;
    for (Slot s : slots) {
      if (s.room() > 0 && (best == null || s.room() > best.room())) {
        best = s;
      }
    }
    return best;
  }

  private String noHostLeft() {
    StringBuilder s = new StringBuilder("no host is left to run workers on");
    String sep = ": ";
    for (Slot slot : slots) {
      s.append(sep).append("host ").append(slot.host.name()).append(" was lost ")
          .append(slot.losses == 1 ? "once" : slot.losses + " times");
      sep = ", ";
    }
    return s.toString();
  }

  /** A host's link is lost: it is connected to again, unless it was lost before. */
  private synchronized void lost(AgentLink link, String why) {
    Slot slot = slots.stream().filter(s -> s.link == link).findFirst().orElse(null);
    if (slot == null) {
      return;
    }
    slot.link = null;
    if (stopping.getAsBoolean()) {
      // The stop ended it: a terminal's Ctrl-C reaches the launcher (ssh, srun) as well as
      // pcopy, and the agent then stops its workers and removes their temporary files itself.
      slot.state = State.RETIRED;
      return;
    }
    slot.losses++;
    if (closed || slot.losses >= MAX_LOSSES) {
      slot.state = State.RETIRED;
      if (!closed) {
        messages.add("pcopy: warning: host " + slot.host.name() + " lost again (" + why
            + "); it is not used again");
      }
      return;
    }
    slot.state = State.RECONNECTING;
    messages.add("pcopy: warning: host " + slot.host.name() + " lost (" + why + "); its"
        + " workers' tasks go to the other hosts while pcopy connects to it again");
    Thread thread = new Thread(() -> reconnect(slot), "pcopy-reconnect-" + slot.host.name());
    thread.setDaemon(true);
    reconnects.add(thread);
    thread.start();
  }

  /** Connects to a lost host again and checks it as at the start, with a new witness. */
  private void reconnect(Slot slot) {
    AgentLink link = null;
    String failure = null;
    try (Witness witness = Witness.write(target)) {
      link = connector.connect(slot.host, witness);
    } catch (SysException e) {
      failure = "cannot write a witness file into DST: " + e.getMessage();
    } catch (HostFailure e) {
      failure = e.getMessage();
    } catch (InterruptedException e) {
      failure = "interrupted";
    }
    synchronized (this) {
      if (link != null && !closed) {
        slot.link = link;
        slot.state = State.UP;
        messages.add("pcopy: host " + slot.host.name() + " is back");
        link.onLost(this::lost);
        return;
      }
      if (link != null) {
        link.kill();
      }
      slot.state = State.RETIRED;
      if (!closed) {
        // A reconnection cut short by the end of the run is no loss of the host.
        slot.losses++;
        messages.add("pcopy: warning: host " + slot.host.name() + " cannot be used again ("
            + failure + "); it is not used again");
      }
    }
  }

  /**
   * Ends every link (the pool has stopped its workers by now) and every reconnection under
   * way, so that nothing of the hosts writes into DST after this returns.
   */
  public void close() throws InterruptedException {
    List<Thread> pending;
    List<AgentLink> links = new ArrayList<>();
    synchronized (this) {
      closed = true;
      pending = List.copyOf(reconnects);
    }
    connector.stop();
    for (Thread t : pending) {
      t.join(CLOSE_GRACE.toMillis());
    }
    synchronized (this) {
      for (Slot slot : slots) {
        if (slot.link != null) {
          links.add(slot.link);
        }
      }
    }
    long deadline = System.nanoTime() + CLOSE_GRACE.toNanos();
    for (AgentLink link : links) {
      link.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }
  }
}
