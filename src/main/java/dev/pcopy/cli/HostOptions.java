package dev.pcopy.cli;

import dev.pcopy.hosts.Host;
import dev.pcopy.hosts.HostList;
import dev.pcopy.hosts.HostsRequest;
import dev.pcopy.hosts.LauncherTemplate;
import dev.pcopy.hosts.SlurmNodes;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/** The options that put workers on other hosts, and the {@link HostsRequest} they make. */
final class HostOptions {
  static final String HOSTS = "--hosts";
  static final String HOSTFILE = "--hostfile";
  static final String LAUNCHER = "--launcher";
  static final String REMOTE_PCOPY = "--remote-pcopy";
  static final String REQUIRE_ALL = "--require-all-hosts";
  static final String HOST_TIMEOUT = "--host-timeout";
  /** {@code --hosts slurm}: the nodes of the Slurm allocation pcopy runs in. */
  static final String SLURM = "slurm";
  private static final double DEFAULT_TIMEOUT = 30;
  /** The longest interval between pings; shorter when the silence limit is short. */
  private static final Duration MAX_HEARTBEAT = Duration.ofSeconds(1);

  private HostOptions() {}

  /** The options, as a group of the help. */
  static ArgGroupSpec group() {
    ArgGroupSpec.Builder group = ArgGroupSpec.builder()
        .heading("Hosts (see docs/multi-host.md):%n").exclusive(false).validate(false);
    group.addArg(valued(HOSTS, "H1,H2|slurm", "Run the workers on these hosts (--workers on"
        + " each), which mount SRC and DST at the same paths; 'slurm': the nodes of this Slurm"
        + " allocation."));
    group.addArg(valued(HOSTFILE, "FILE", "Read the hosts from FILE: a line per host,"
        + " 'host [workers=N]'."));
    group.addArg(valued(LAUNCHER, "TEMPLATE", "Command that starts a program on {host}, as"
        + " words (default: 'ssh -T -o BatchMode=yes {host}'; with --hosts slurm: 'srun"
        + " --nodes=1 --ntasks=1 --nodelist={host} --overlap --unbuffered')."));
    group.addArg(valued(REMOTE_PCOPY, "PATH", "pcopy's launcher on the hosts (default: this"
        + " install's bin/pcopy)."));
    group.addArg(OptionSpec.builder(REQUIRE_ALL).type(boolean.class).initialValue(false)
        .description("Copy nothing if a host fails its checks (default: go on without it).")
        .build());
    group.addArg(OptionSpec.builder(HOST_TIMEOUT).paramLabel("SECONDS").type(double.class)
        .initialValue(DEFAULT_TIMEOUT)
        .description("Give up a host that sends nothing for this long, and hand its work to"
            + " the others (default: ${DEFAULT-VALUE}; less than --stall-timeout).")
        .build());
    return group.build();
  }

  /**
   * Returns what the host options ask for, or null when they name no hosts.
   *
   * @param workers {@code --workers}: the workers on a host that does not say
   * @param stallSeconds {@code --stall-timeout}, which the host timeout must stay below
   * @throws ParameterException for options that contradict each other or a bad host list
   */
  static HostsRequest request(CommandSpec spec, int workers, double stallSeconds, boolean debug)
      throws InterruptedException {
    String list = spec.findOption(HOSTS).getValue();
    String file = spec.findOption(HOSTFILE).getValue();
    String launcher = spec.findOption(LAUNCHER).getValue();
    String remote = spec.findOption(REMOTE_PCOPY).getValue();
    boolean requireAll = Boolean.TRUE.equals(spec.findOption(REQUIRE_ALL).getValue());
    Double given = spec.findOption(HOST_TIMEOUT).getValue();
    double timeout = given == null ? DEFAULT_TIMEOUT : given;
    if (list == null && file == null) {
      if (launcher != null || remote != null || requireAll) {
        throw usage(spec, LAUNCHER + ", " + REMOTE_PCOPY + " and " + REQUIRE_ALL + " need "
            + HOSTS + " or " + HOSTFILE);
      }
      return null;
    }
    if (list != null && file != null) {
      throw usage(spec, HOSTS + " and " + HOSTFILE + " cannot be given together");
    }
    if (!(timeout >= 2) || timeout >= stallSeconds) {
      throw usage(spec, HOST_TIMEOUT + " must be at least 2 seconds and less than "
          + "--stall-timeout (" + stallSeconds + "), not " + timeout + ": a silent host must"
          + " be given up before its workers count as stuck");
    }
    List<Host> hosts;
    LauncherTemplate template;
    try {
      boolean slurm = SLURM.equals(list);
      hosts = list == null ? HostList.read(Path.of(file), workers)
          : slurm ? HostList.ofLines(SlurmNodes.ofThisJob(System.getenv()), workers)
          : HostList.parse(list, workers);
      template = launcher != null ? LauncherTemplate.parse(launcher)
          : slurm ? LauncherTemplate.SRUN : LauncherTemplate.SSH;
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw usage(spec, e.getMessage());
    } catch (IOException e) {
      throw usage(spec, HOSTFILE + " " + file + ": " + e.getMessage());
    }
    Duration silence = Duration.ofMillis(Math.round(timeout * 1000));
    Duration heartbeat = silence.dividedBy(4).compareTo(MAX_HEARTBEAT) < 0
        ? silence.dividedBy(4) : MAX_HEARTBEAT;
    return new HostsRequest(hosts, template, List.of(remote != null ? remote : installed(),
        "agent"), requireAll, silence, heartbeat, debug);
  }

  /** This install's launcher, which the hosts are expected to have at the same path. */
  private static String installed() {
    String home = System.getProperty("pcopy.home");
    return home == null || home.isBlank() ? "pcopy" : home + "/bin/pcopy";
  }

  private static OptionSpec valued(String name, String label, String description) {
    return OptionSpec.builder(name).paramLabel(label).type(String.class)
        .description(description).build();
  }

  private static ParameterException usage(CommandSpec spec, String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
