package dev.pcopy.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Hosts for multi-host tests on one machine: each a network namespace with a veth pair, an
 * address of its own and its own sshd (key authentication only, keys made here). They share the
 * machine's file system, as cluster nodes share SRC and DST, so SRC and DST are the same paths
 * everywhere. Traffic goes only between this machine and these namespaces.
 *
 * <p>Every host runs the agent through a wrapper script, which gives its workers the JVM options
 * a test set ({@link #workerOptions}) and can mount a tmpfs over DST for that agent alone
 * ({@link #tmpfsOver}), so that one host sees another DST.
 */
public final class NetnsHosts implements AutoCloseable {
  private final Path dir;
  private final String tag;
  private final int subnet;
  private final List<Process> sshds = new ArrayList<>();
  private final int count;

  private NetnsHosts(Path dir, int count) {
    this.dir = dir;
    this.count = count;
    long pid = ProcessHandle.current().pid();
    // Names and addresses of their own per test JVM: other test runs may share the machine.
    this.tag = "pc" + (pid % 100_000);
    this.subnet = (int) (pid % 60) * 4;
  }

  /** Says why such hosts cannot be made here, or empty if they can. */
  public static Optional<String> unavailable() {
    if (!Shell.isRoot()) {
      return Optional.of("network namespaces need root");
    }
    if (!Files.isExecutable(Path.of("/usr/sbin/sshd"))) {
      return Optional.of("no /usr/sbin/sshd (Debian package openssh-server)");
    }
    Shell.Outcome probe = Shell.attempt(Path.of("/"), "command -v ssh ssh-keygen unshare"
        + " >/dev/null && ip netns add pcprobe$$ && ip netns del pcprobe$$");
    return probe.exitCode() == 0 ? Optional.empty()
        : Optional.of("ip netns does not work here: " + probe.stderr().strip());
  }

  /** Makes {@code count} hosts, with keys and scripts in {@code dir}. */
  public static NetnsHosts create(Path dir, int count) {
    NetnsHosts hosts = new NetnsHosts(dir, count);
    try {
      hosts.start();
    } catch (RuntimeException | Error e) {
      hosts.close();
      throw e;
    }
    return hosts;
  }

  private void start() {
    Shell.run(dir, "mkdir -p /run/sshd && ssh-keygen -q -t ed25519 -N '' -f hostkey"
        + " && ssh-keygen -q -t ed25519 -N '' -f id && cp id.pub authorized_keys");
    writeWrapper();
    for (int i = 1; i <= count; i++) {
      String ns = namespace(i);
      String outside = veth(i);
      Shell.run(dir, "ip netns add " + ns
          + " && ip link add " + outside + " type veth peer name " + tag + "b" + i
          + " && ip link set " + tag + "b" + i + " netns " + ns
          + " && ip addr add " + address(i, 1) + "/30 dev " + outside
          + " && ip link set " + outside + " up"
          + " && ip netns exec " + ns + " ip addr add " + address(i, 2) + "/30 dev " + tag + "b"
          + i + " && ip netns exec " + ns + " ip link set " + tag + "b" + i + " up"
          + " && ip netns exec " + ns + " ip link set lo up");
      sshds.add(startSshd(i));
    }
    for (int i = 1; i <= count; i++) {
      awaitSshd(i);
    }
  }

  private Process startSshd(int i) {
    try {
      return new ProcessBuilder("ip", "netns", "exec", namespace(i), "/usr/sbin/sshd", "-D",
          "-e", "-f", "/dev/null", "-h", dir.resolve("hostkey").toString(),
          "-o", "ListenAddress=" + address(i, 2),
          "-o", "AuthorizedKeysFile=" + dir.resolve("authorized_keys"),
          "-o", "StrictModes=no", "-o", "PasswordAuthentication=no",
          "-o", "KbdInteractiveAuthentication=no", "-o", "UsePAM=no",
          "-o", "PermitRootLogin=prohibit-password", "-o", "PidFile=none")
          .redirectErrorStream(true)
          .redirectOutput(dir.resolve("sshd-" + i + ".log").toFile())
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitSshd(int i) {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (Shell.attempt(dir, String.join(" ", sshCommand()) + " " + name(i) + " true")
          .exitCode() == 0) {
        return;
      }
      sleep(100);
    }
    throw new AssertionError("sshd of host " + i + " does not answer: "
        + read(dir.resolve("sshd-" + i + ".log")));
  }

  private void writeWrapper() {
    Path wrapper = dir.resolve("agent-wrapper.sh");
    String script = "#!/bin/sh\n"
        + "# Runs the agent as the test wants it on this host (named by sshd's address).\n"
        + "dir=" + dir + "\n"
        + "host=$(echo \"$SSH_CONNECTION\" | cut -d' ' -f3)\n"
        + "if [ -r \"$dir/worker-opts\" ]; then\n"
        + "  PCOPY_WORKER_JAVA_OPTS=$(cat \"$dir/worker-opts\"); export PCOPY_WORKER_JAVA_OPTS\n"
        + "fi\n"
        + "if [ -r \"$dir/tmpfs-$host\" ]; then\n"
        + "  exec unshare -m sh -c 'mount -t tmpfs none \"$0\" && exec \"$@\"'"
        + " \"$(cat \"$dir/tmpfs-$host\")\" \"$@\"\n"
        + "fi\n"
        + "exec \"$@\"\n";
    try {
      Files.writeString(wrapper, script, StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The words that run a command on a host by ssh, before the host. */
  private List<String> sshCommand() {
    return List.of("ssh", "-T", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no",
        "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o",
        "ConnectTimeout=5", "-i", dir.resolve("id").toString());
  }

  /** The {@code --launcher} template for these hosts. */
  public String launcherTemplate() {
    return String.join(" ", sshCommand()) + " {host} " + dir.resolve("agent-wrapper.sh");
  }

  /** The name (address) of host {@code i}, counted from 1. */
  public String name(int i) {
    return address(i, 2);
  }

  /** The names of all hosts, comma-separated, for {@code --hosts}. */
  public String names() {
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      names.add(name(i));
    }
    return String.join(",", names);
  }

  /** Gives every host's workers these JVM options from now on. */
  public void workerOptions(String options) {
    write(dir.resolve("worker-opts"), options);
  }

  /** Makes host {@code i}'s agents see an empty tmpfs at {@code path}. */
  public void tmpfsOver(int i, Path path) {
    write(dir.resolve("tmpfs-" + name(i)), path.toString());
  }

  /** Returns how many Java processes (agent, workers) run on host {@code i}. */
  public int javaProcesses(int i) {
    int n = 0;
    for (String pid : pids(i)) {
      try {
        if (Files.readString(Path.of("/proc", pid, "comm")).strip().equals("java")) {
          n++;
        }
      } catch (IOException e) {
        // It ended meanwhile.
      }
    }
    return n;
  }

  /** Kills every process of host {@code i} at once, sshd included: the host crashed. */
  public void crash(int i) {
    for (int round = 0; round < 5 && !pids(i).isEmpty(); round++) {
      Shell.attempt(dir, "ip netns pids " + namespace(i) + " | xargs -r kill -9");
    }
  }

  /** Takes host {@code i}'s link down: nothing crosses it any more, and nothing says so. */
  public void cut(int i) {
    Shell.run(dir, "ip link set " + veth(i) + " down");
  }

  private List<String> pids(int i) {
    Shell.Outcome out = Shell.attempt(dir, "ip netns pids " + namespace(i));
    return out.stdoutText().isBlank() ? List.of() : List.of(out.stdoutText().split("\\s+"));
  }

  @Override
  public void close() {
    for (int i = 1; i <= count; i++) {
      crash(i);
      Shell.attempt(dir, "ip netns del " + namespace(i) + "; ip link del " + veth(i));
    }
    for (Process p : sshds) {
      p.destroyForcibly();
    }
  }

  private String namespace(int i) {
    return tag + "-" + i;
  }

  private String veth(int i) {
    return tag + "a" + i;
  }

  private String address(int i, int end) {
    return "10.213." + (subnet + i - 1) + "." + end;
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return e.toString();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
