package dev.pcopy.hosts;

import dev.pcopy.link.LinkFrame.Setup;
import dev.pcopy.link.RootIdentity;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Starts a host's agent and runs its handshake: versions, then the checks of SRC and DST,
 * within a time limit. Used for the first connection to every host and to connect again to a
 * host that was lost once.
 */
final class Connector {
  /** At least this long for an agent to start and check: a JVM on a busy host is slow. */
  private static final Duration MIN_HANDSHAKE = Duration.ofSeconds(30);

  private final AgentStarter starter;
  private final HostsRequest request;
  private final byte[] source;
  private final byte[] target;
  private final RootIdentity sourceIdentity;
  private final String version;
  private final Set<AgentProcess> starting = ConcurrentHashMap.newKeySet();
  private volatile boolean stopped;

  /**
   * @param source SRC's real path
   * @param target DST's real path
   * @param sourceIdentity SRC as the coordinator sees it
   * @param version this pcopy's version, which every agent must run
   */
  Connector(AgentStarter starter, HostsRequest request, byte[] source, byte[] target,
      RootIdentity sourceIdentity, String version) {
    this.starter = starter;
    this.request = request;
    this.source = source.clone();
    this.target = target.clone();
    this.sourceIdentity = sourceIdentity;
    this.version = version;
  }

  /**
   * Connects to {@code host} and checks it against {@code witness}; returns the link, started
   * (heartbeats flow both ways from now on).
   *
   * @throws HostFailure if the agent does not start, runs another version, fails a check, or
   *     takes too long
   */
  AgentLink connect(Host host, Witness witness) throws HostFailure, InterruptedException {
    if (stopped) {
      throw new HostFailure("the run is ending");
    }
    AgentProcess process;
    try {
      process = starter.start(host);
    } catch (IOException e) {
      throw new HostFailure("cannot run " + request.launcher().argv(host.name(),
          request.agentCommand()).get(0) + ": " + e.getMessage());
    }
    starting.add(process);
    AgentLink link = new AgentLink(host, process);
    Duration limit = request.silence().compareTo(MIN_HANDSHAKE) > 0 ? request.silence()
        : MIN_HANDSHAKE;
    Thread guard = new Thread(() -> {
      try {
        Thread.sleep(limit.toMillis());
        process.kill();
      } catch (InterruptedException e) {
        // The handshake ended in time.
      }
    }, "pcopy-handshake-limit-" + host.name());
    guard.setDaemon(true);
    guard.start();
    long started = System.nanoTime();
    try {
      String failure = link.handshake(new Setup(source, target, witness.name(),
          witness.content(), sourceIdentity, request.heartbeat().toMillis(),
          request.silence().toMillis()), version);
      if (!failure.isEmpty()) {
        link.kill();
        throw new HostFailure(failure);
      }
      link.start(request.heartbeat(), request.silence());
      return link;
    } catch (IOException e) {
      link.kill();
      boolean late = System.nanoTime() - started >= limit.toNanos();
      throw new HostFailure(late ? "no answer within " + limit.toSeconds() + " s"
          : stopped ? "the run is ending" : e.getMessage());
    } finally {
      guard.interrupt();
      starting.remove(process);
    }
  }

  /** Stops every handshake under way and refuses new ones: the run is ending. */
  void stop() {
    stopped = true;
    for (AgentProcess process : starting) {
      process.kill();
    }
  }
}
