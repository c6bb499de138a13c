package dev.pcopy;

import static dev.pcopy.testing.TreeAssert.assertSameTree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.testing.Pcopy;
import dev.pcopy.testing.PcopyResult;
import dev.pcopy.testing.RunningPcopy;
import dev.pcopy.testing.TestTrees;
import dev.pcopy.testing.TreeSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --delete}: after a copy in which nothing failed, DST loses what SRC lacks; never after
 * a failure or an interruption; excluded entries are protected unless
 * {@code --delete-excluded}; {@code --max-delete N} deletes nothing when more would go (exit
 * code 25); {@code -n} and {@code -v} print {@code delete} lines.
 */
class DeleteIT {
  @TempDir
  Path tmp;

  private Path src;
  private Path dst;

  /**
   * SRC: {@code keep/a}, {@code keep/b.log}, {@code top}. DST, already a copy, also holds
   * {@code extra/deep/e} (three entries), {@code keep/gone} and {@code old.log}.
   */
  @BeforeEach
  void trees() throws IOException {
    src = TestTrees.at(tmp.resolve("src"), 3).file("keep/a", 100, 0644)
        .file("keep/b.log", 50, 0644).file("top", 10, 0644).finish();
    dst = tmp.resolve("dst");
    assertEquals(0, Pcopy.args(src.toString(), dst.toString()).run().exitCode());
    TestTrees.at(dst, 4).file("extra/deep/e", 10, 0644).file("keep/gone", 10, 0644)
        .file("old.log", 10, 0644);
  }

  @Test
  void delete_removesWhatSrcLacks_andPrintsDeleteLinesWithV() {
    PcopyResult result = Pcopy.args("-v", "--delete", src.toString(), dst.toString()).run();

    assertEquals(0, result.exitCode(), result.toString());
    assertSameTree(src, dst);
    assertEquals(List.of("delete extra/", "delete keep/gone", "delete old.log"),
        actionLines(result), result.toString());
    assertTrue(result.summaryLine().orElseThrow().contains("; deleted 5; 3 unchanged"),
        result.toString());
  }

  @Test
  void dryRun_listsTheDeletions_andDeletesNothing() {
    TreeSnapshot before = TreeSnapshot.of(dst);

    PcopyResult dry = Pcopy.args("-n", "--delete", src.toString(), dst.toString()).run();

    assertEquals(0, dry.exitCode(), dry.toString());
    assertEquals(List.of("delete extra/", "delete keep/gone", "delete old.log"),
        actionLines(dry), dry.toString());
    assertTrue(dry.summaryLine().orElseThrow().contains("; would delete 5;"), dry.toString());
    before.assertUnchanged("DST", dry);
  }

  /** An excluded entry is protected: the copy does not put it there, and it is not removed. */
  @Test
  void delete_keepsWhatTheRulesExclude_unlessDeleteExcluded() {
    PcopyResult protecting = Pcopy.args("--delete", "--exclude", "*.log", src.toString(),
        dst.toString()).run();

    assertEquals(0, protecting.exitCode(), protecting.toString());
    assertTrue(Files.exists(dst.resolve("old.log")), "an excluded entry was deleted");
    assertTrue(Files.exists(dst.resolve("keep/b.log")), "an excluded entry was deleted");
    assertFalse(Files.exists(dst.resolve("keep/gone")));
    assertFalse(Files.exists(dst.resolve("extra")));

    PcopyResult excluded = Pcopy.args("-v", "--delete", "--delete-excluded", "--exclude",
        "*.log", src.toString(), dst.toString()).run();

    assertEquals(0, excluded.exitCode(), excluded.toString());
    assertEquals(List.of("delete keep/b.log", "delete old.log"), actionLines(excluded),
        excluded.toString());
    assertFalse(Files.exists(dst.resolve("old.log")));
    assertFalse(Files.exists(dst.resolve("keep/b.log")));
    assertTrue(Files.exists(dst.resolve("keep/a")));
  }

  @Test
  void maxDelete_whenMoreWouldGo_deletesNothing_andExits25() {
    TestTrees.at(src, 5).file("new-file", 20, 0644);

    PcopyResult limited = Pcopy.args("--delete", "--max-delete", "4", src.toString(),
        dst.toString()).run();

    assertEquals(25, limited.exitCode(), limited.toString());
    assertTrue(limited.stderrLines().contains(
        "pcopy: error: --max-delete 4: 5 entries would be deleted; deleted nothing"),
        limited.toString());
    assertTrue(Files.exists(dst.resolve("extra/deep/e")));
    assertTrue(Files.exists(dst.resolve("keep/gone")));
    assertTrue(Files.exists(dst.resolve("old.log")));
    // The copy itself is done.
    assertTrue(Files.exists(dst.resolve("new-file")), limited.toString());

    PcopyResult enough = Pcopy.args("--delete", "--max-delete", "5", src.toString(),
        dst.toString()).run();

    assertEquals(0, enough.exitCode(), enough.toString());
    assertSameTree(src, dst);
  }

  /** A failed entry (a file that reads back wrong twice under --verify) stops the deleting. */
  @Test
  void delete_afterAnEntryFailed_deletesNothing() {
    TestTrees.at(src, 6).file("changed", 30, 0644);
    TreeSnapshot extra = TreeSnapshot.of(dst.resolve("extra"));

    PcopyResult result = Pcopy.args("-w", "1", "--verify", "--delete", src.toString(),
        dst.toString()).corruptCopies(2).run();

    assertEquals(1, result.exitCode(), result.toString());
    assertEquals(1, result.summaryCount("failed"), result.toString());
    assertTrue(result.stderrLines().contains(
        "pcopy: warning: --delete: deleted nothing, since 1 entry failed"), result.toString());
    extra.assertUnchanged("DST/extra", result);
    assertTrue(Files.exists(dst.resolve("keep/gone")));
    assertTrue(Files.exists(dst.resolve("old.log")));
  }

  /** An interrupted run deletes nothing: what SRC lacks may only not have been reached yet. */
  @Test
  void delete_inAnInterruptedRun_deletesNothing() {
    TestTrees.smallFiles(src.resolve("many"), 4, 40, 0);
    PcopyResult stopped;
    try (RunningPcopy run = Pcopy.args("-w", "2", "--delete", src.toString(), dst.toString())
        .workerDelay(40).inOwnSession().start()) {
      run.awaitUntil("some files copied", Duration.ofSeconds(30),
          () -> TestTrees.countFiles(dst.resolve("many")) > 5);
      run.assertHandlesInterrupts();
      run.signal("INT");
      stopped = run.awaitExit(Duration.ofSeconds(30));
    }

    assertEquals(130, stopped.exitCode(), stopped.toString());
    assertTrue(Files.exists(dst.resolve("extra/deep/e")), stopped.toString());
    assertTrue(Files.exists(dst.resolve("keep/gone")), stopped.toString());
    assertTrue(Files.exists(dst.resolve("old.log")), stopped.toString());
    assertFalse(stopped.stdout().contains("deleted"), stopped.toString());
  }

  /** The lines of stdout that are not pcopy's own (summary) lines, sorted. */
  private static List<String> actionLines(PcopyResult result) {
    return result.stdoutLines().stream().filter(l -> l.startsWith("delete ")).sorted().toList();
  }
}
