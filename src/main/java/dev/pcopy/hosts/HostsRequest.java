package dev.pcopy.hosts;

import java.time.Duration;
import java.util.List;

/**
 * How to run workers on other hosts ({@code --hosts}).
 *
 * @param hosts the hosts, each with its number of workers
 * @param launcher starts a command on a host
 * @param agentCommand the agent's command on the hosts: {@code /install/bin/pcopy agent}
 * @param requireAll stop before copying anything if a host fails its checks
 * @param silence how long a host may send nothing before it is taken for lost
 * @param heartbeat how often both ends ping each other
 * @param debug show the agents' own output
 */
public record HostsRequest(List<Host> hosts, LauncherTemplate launcher,
    List<String> agentCommand, boolean requireAll, Duration silence, Duration heartbeat,
    boolean debug) {

  /** Copies the lists and checks the times. */
  public HostsRequest {
    hosts = List.copyOf(hosts);
    agentCommand = List.copyOf(agentCommand);
    if (hosts.isEmpty()) {
      throw new IllegalArgumentException("no hosts");
    }
    if (heartbeat.compareTo(silence) >= 0) {
      throw new IllegalArgumentException("heartbeat (" + heartbeat + ") must be shorter than"
          + " the silence limit (" + silence + ")");
    }
  }

  /** Returns how many workers all hosts together run. */
  public int workers() {
    return hosts.stream().mapToInt(Host::workers).sum();
  }
}
