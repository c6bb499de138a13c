package dev.pcopy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.testing.ExactTree;
import dev.pcopy.testing.Pcopy;
import dev.pcopy.testing.PcopyResult;
import dev.pcopy.testing.Shell;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The anchor of a hard-link group (the member written or kept, which the others are linked to)
 * depends on the trees alone, never on which walk thread reports a member first: run after run
 * with four workers, the real run's {@code -v} lines are the dry run's, on a new copy and on a
 * DST that holds the members of its groups apart (as {@code rsync -a} without {@code -H} leaves
 * them).
 */
class LinkAnchorIT {
  private static final int RUNS = 8;

  @TempDir
  Path tmp;

  /** A FIFO with three names across directories, among fifty files, copied anew each time. */
  @Test
  void newCopy_everyRunAnchorsTheGroup_whereTheDryRunDoes() {
    Shell.run(tmp, "mkdir -p src/a/x src/b src/c && mkfifo src/a/p && ln src/a/p src/a/x/p"
        + " && ln src/a/p src/b/p && for i in $(seq 50); do echo $i > src/c/f$i; done");
    Path src = tmp.resolve("src");
    Path dst = tmp.resolve("dst");

    PcopyResult dry = Pcopy.args("-n", "-v", src.toString(), dst.toString()).run();

    assertEquals(0, dry.exitCode(), dry.toString());
    List<String> expected = actions(dry);
    assertTrue(expected.containsAll(List.of("mkfifo a/p", "hardlink a/x/p => a/p",
        "hardlink b/p => a/p")), "the first by path is the anchor: " + dry);
    for (int run = 1; run <= RUNS; run++) {
      Shell.run(tmp, "rm -rf dst");
      PcopyResult real = Pcopy.args("-v", "-w", "4", src.toString(), dst.toString()).run();

      assertEquals(0, real.exitCode(), real.toString());
      assertEquals(expected, actions(real), "run " + run + "\n-n: " + dry + "\n-v: " + real);
    }
  }

  /**
   * Twenty groups that DST holds apart: some right (linked to the first by path), some whose
   * source changed since (written once, the rest linked), some with a member missing; the run
   * after that prints nothing.
   */
  @Test
  void dstHoldingMembersApart_everyRunAnchorsEachGroup_whereTheDryRunDoes() {
    Shell.run(tmp, "mkdir -p src/a src/b src/c/d && for i in $(seq 20); do"
        + " echo $i > src/a/f$i && ln src/a/f$i src/b/f$i && ln src/a/f$i src/c/d/f$i;"
        + " echo $i > src/b/alone$i; done && cp -a --no-preserve=links src apart"
        + " && for i in $(seq 8); do echo changed > src/b/f$i;"
        + " touch -d 2020-02-02 src/b/f$i; done"
        + " && for i in $(seq 9 14); do rm apart/c/d/f$i apart/a/f$i; done");
    Path src = tmp.resolve("src");
    Path dst = tmp.resolve("dst");
    Shell.run(tmp, "cp -a apart dst");

    PcopyResult dry = Pcopy.args("-n", "-v", src.toString(), dst.toString()).run();

    assertEquals(0, dry.exitCode(), dry.toString());
    List<String> expected = actions(dry);
    assertTrue(expected.containsAll(List.of("copy a/f1", "hardlink b/f1 => a/f1",
        "hardlink c/d/f1 => a/f1", "hardlink a/f9 => b/f9", "hardlink c/d/f9 => b/f9",
        "hardlink b/f20 => a/f20", "hardlink c/d/f20 => a/f20")), dry.toString());
    for (int run = 1; run <= RUNS; run++) {
      Shell.run(tmp, "rm -rf dst && cp -a apart dst");
      PcopyResult real = Pcopy.args("-v", "-w", "4", src.toString(), dst.toString()).run();

      assertEquals(0, real.exitCode(), real.toString());
      assertEquals(expected, actions(real), "run " + run + "\n-n: " + dry + "\n-v: " + real);
    }
    assertEquals(20, ExactTree.linkGroups(ExactTree.stats(dst)).size());
    PcopyResult again = Pcopy.args("-v", src.toString(), dst.toString()).run();
    assertEquals(0, again.exitCode(), again.toString());
    assertEquals(List.of(), actions(again), again.toString());
  }

  /** The action lines on stdout, sorted: everything but pcopy's own lines. */
  private static List<String> actions(PcopyResult result) {
    return result.stdoutLines().stream().filter(l -> !l.startsWith("pcopy: ")).sorted().toList();
  }
}
