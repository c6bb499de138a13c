package dev.pcopy;

import static dev.pcopy.testing.TreeAssert.assertNoTempFiles;
import static dev.pcopy.testing.TreeAssert.assertSameTree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.testing.Pcopy;
import dev.pcopy.testing.PcopyResult;
import dev.pcopy.testing.SingleNodeSlurm;
import dev.pcopy.testing.TestTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --hosts slurm} end to end on a single-node Slurm cluster started by the test: the
 * node list comes from the allocation, and the agent runs as an srun step.
 */
@Timeout(240)
class SlurmIT {
  @TempDir
  Path tmp;
  private SingleNodeSlurm slurm;

  @AfterEach
  void stopSlurm() {
    if (slurm != null) {
      slurm.close();
    }
  }

  @Test
  void hostsSlurm_insideAnAllocation_copiesThroughSrun() throws IOException {
    SingleNodeSlurm.unavailable().ifPresent(why -> Assumptions.abort(why));
    slurm = SingleNodeSlurm.start(Files.createDirectories(tmp.resolve("slurm")));
    if (!slurm.awaitIdle(60)) {
      Assumptions.abort("the single-node Slurm did not come up here: " + slurm.logs());
    }
    Path src = TestTrees.smallFiles(tmp.resolve("src"), 4, 25, 1 << 20);
    Path dst = tmp.resolve("dst");

    PcopyResult result = Pcopy.shell("exec salloc --quiet --nodes=1 --no-kill \"$PCOPY\""
        + " --hosts slurm --workers 2 --progress plain \"$SRC\" \"$DST\"")
        .env("SRC", src.toString()).env("DST", dst.toString())
        .env("SLURM_CONF", slurm.conf().toString())
        .timeout(Duration.ofSeconds(180)).run();

    assertEquals(0, result.exitCode(), result.toString());
    assertSameTree(src, dst);
    assertNoTempFiles(dst);
    assertTrue(result.stdoutLines().stream().anyMatch(l -> l.matches(
        "pcopy: host \\S+: [1-9]\\d* entries, .*")), result.toString());
  }

  @Test
  void hostsSlurm_outsideAnAllocation_isBadUsage() {
    PcopyResult result = Pcopy.args("--hosts", "slurm", tmp.toString(),
        tmp.resolve("dst").toString()).env("SLURM_JOB_NODELIST", "").run();

    assertEquals(2, result.exitCode(), result.toString());
    assertTrue(result.stderr().contains("--hosts slurm: not inside a Slurm allocation"),
        result.toString());
  }
}
