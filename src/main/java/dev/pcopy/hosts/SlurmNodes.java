package dev.pcopy.hosts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The nodes of the Slurm allocation pcopy runs in, for {@code --hosts slurm}. */
public final class SlurmNodes {
  /** The variable in which Slurm names an allocation's nodes in its compressed form. */
  static final String NODELIST = "SLURM_JOB_NODELIST";

  private SlurmNodes() {}

  /**
   * Returns the allocation's node names, expanded by {@code scontrol show hostnames}.
   *
   * @throws IllegalStateException outside an allocation, or if scontrol fails
   */
  public static List<String> ofThisJob(Map<String, String> environment)
      throws InterruptedException {
    String nodes = environment.get(NODELIST);
    if (nodes == null || nodes.isBlank()) {
      throw new IllegalStateException("--hosts slurm: not inside a Slurm allocation ("
          + NODELIST + " is not set); run pcopy in salloc or sbatch");
    }
    Process process;
    try {
      process = new ProcessBuilder("scontrol", "show", "hostnames", nodes)
          .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(
              new java.io.File("/dev/null"))).start();
    } catch (IOException e) {
      throw new IllegalStateException("--hosts slurm: cannot run scontrol: " + e.getMessage());
    }
    String output;
    try {
      output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("--hosts slurm: cannot read scontrol's output: "
          + e.getMessage());
    }
    int code = process.waitFor();
    if (code != 0) {
      throw new IllegalStateException("--hosts slurm: scontrol show hostnames " + nodes
          + " failed (exit code " + code + "): " + output.strip());
    }
    return output.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
