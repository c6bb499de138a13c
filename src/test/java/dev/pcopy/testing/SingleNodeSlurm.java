package dev.pcopy.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Slurm cluster of this one machine, for tests: munged, slurmctld and slurmd started here in
 * the foreground, with their key, configuration, state and logs in a directory of the test's
 * own, and ports of their own. Process tracking is {@code proctrack/linuxproc}, so no cgroups
 * are needed. Commands find it through {@code SLURM_CONF}.
 */
public final class SingleNodeSlurm implements AutoCloseable {
  private final Path dir;
  private final List<Process> daemons = new ArrayList<>();

  private SingleNodeSlurm(Path dir) {
    this.dir = dir;
  }

  /** Says why such a cluster cannot be started here, or empty if it may be tried. */
  public static Optional<String> unavailable() {
    if (!Shell.isRoot()) {
      return Optional.of("slurmd needs root");
    }
    Shell.Outcome probe = Shell.attempt(Path.of("/"),
        "command -v munged slurmctld slurmd salloc srun scontrol sinfo");
    return probe.exitCode() == 0 ? Optional.empty()
        : Optional.of("Slurm is not installed (Debian packages slurm-wlm and munge)");
  }

  /**
   * Starts the cluster's daemons in {@code dir}; {@link #awaitIdle} says whether it came up.
   */
  public static SingleNodeSlurm start(Path dir) {
    SingleNodeSlurm slurm = new SingleNodeSlurm(dir);
    try {
      slurm.boot();
      return slurm;
    } catch (RuntimeException | Error e) {
      slurm.close();
      throw e;
    }
  }

  /** The path to give commands as {@code SLURM_CONF}. */
  public Path conf() {
    return dir.resolve("slurm.conf");
  }

  /** Waits until the node is idle; returns false if it is not within the time given. */
  public boolean awaitIdle(long seconds) {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < deadline) {
      Shell.Outcome state = Shell.attempt(dir, "SLURM_CONF=" + conf() + " sinfo -h -o %t");
      if (state.exitCode() == 0 && state.stdoutText().strip().equals("idle")) {
        return true;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  /** The last lines of the daemons' logs, to say why the cluster did not come up. */
  public String logs() {
    return Shell.attempt(dir, "tail -n 5 *.log *.out 2>/dev/null").stdoutText();
  }

  private void boot() {
    Shell.run(dir, "mkdir -p state spool && dd if=/dev/urandom of=munge.key bs=1024 count=1"
        + " 2>/dev/null && chmod 600 munge.key");
    // Ports of this test JVM's own: other runs may share the machine.
    int port = 17000 + (int) (ProcessHandle.current().pid() % 1000) * 2;
    String host = new String(Shell.output(dir, "hostname -s"), StandardCharsets.UTF_8).strip();
    write("slurm.conf", String.join("\n",
        "ClusterName=pcopytest",
        "SlurmctldHost=" + host,
        "SlurmUser=root",
        "SlurmdUser=root",
        "SlurmctldPort=" + port,
        "SlurmdPort=" + (port + 1),
        "AuthType=auth/munge",
        "AuthInfo=socket=" + dir.resolve("munge.socket"),
        "CredType=cred/munge",
        "StateSaveLocation=" + dir.resolve("state"),
        "SlurmdSpoolDir=" + dir.resolve("spool"),
        "SlurmctldPidFile=" + dir.resolve("slurmctld.pid"),
        "SlurmdPidFile=" + dir.resolve("slurmd.pid"),
        "SlurmctldLogFile=" + dir.resolve("slurmctld.log"),
        "SlurmdLogFile=" + dir.resolve("slurmd.log"),
        "ProctrackType=proctrack/linuxproc",
        "TaskPlugin=task/none",
        "JobAcctGatherType=jobacct_gather/none",
        "AccountingStorageType=accounting_storage/none",
        "JobCompType=jobcomp/none",
        "SchedulerType=sched/builtin",
        "SelectType=select/cons_tres",
        "SelectTypeParameters=CR_Core",
        "ReturnToService=2",
        "MpiDefault=none",
        "SwitchType=switch/none",
        "NodeName=" + host + " CPUs=" + Runtime.getRuntime().availableProcessors()
            + " RealMemory=1000 State=UNKNOWN",
        "PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP",
        ""));
    daemon("munged.out", "munged", "-F", "--force", "--key-file=" + dir.resolve("munge.key"),
        "--socket=" + dir.resolve("munge.socket"), "--pid-file=" + dir.resolve("munged.pid"),
        "--log-file=" + dir.resolve("munged.log"), "--seed-file=" + dir.resolve("munged.seed"));
    daemon("slurmctld.out", "slurmctld", "-D", "-f", conf().toString());
    daemon("slurmd.out", "slurmd", "-D", "-f", conf().toString());
  }

  private void daemon(String log, String... command) {
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(dir.resolve(log).toFile());
      builder.environment().put("SLURM_CONF", conf().toString());
      daemons.add(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command[0], e);
    }
  }

  private void write(String name, String text) {
    try {
      Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the daemons, the controller last so that it sees the node go. */
  @Override
  public void close() {
    for (int i = daemons.size() - 1; i >= 0; i--) {
      Process p = daemons.get(i);
      p.destroy();
      try {
        if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      }
    }
  }
}
