package dev.pcopy;

import static dev.pcopy.testing.TreeAssert.assertSameTree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.plan.HostTag;
import dev.pcopy.plan.RunId;
import dev.pcopy.testing.Pcopy;
import dev.pcopy.testing.PcopyResult;
import dev.pcopy.testing.RunningPcopy;
import dev.pcopy.testing.TempFiles;
import dev.pcopy.testing.TestMount;
import dev.pcopy.testing.TestTrees;
import dev.pcopy.testing.TreeSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    assertTrue(limited.stderrLines().contains("pcopy: error: --max-delete 4: 3 deletions would"
        + " remove 5 entries (a directory counts with everything in it); deleted nothing"),
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

  /** One entry is one entry, in the message as in the count. */
  @Test
  void maxDelete_oneEntryOverTheLimit_saysOneEntry() throws IOException {
    TestTrees.at(src, 7).file("extra/deep/e", 10, 0644).file("keep/gone", 10, 0644);

    PcopyResult limited = Pcopy.args("--delete", "--max-delete", "0", src.toString(),
        dst.toString()).run();

    assertEquals(25, limited.exitCode(), limited.toString());
    assertTrue(limited.stderrLines().contains("pcopy: error: --max-delete 0: 1 deletion would"
        + " remove 1 entry; deleted nothing"), limited.toString());
    assertTrue(Files.exists(dst.resolve("old.log")));
  }

  /**
   * A1: a directory SRC lacks that holds an excluded file stays, with that file; what else it
   * holds goes, as rsync does. A warning names it; the run succeeds.
   */
  @Test
  void delete_excludedFileInADirectorySrcLacks_isKept_withItsDirectory() throws IOException {
    TestTrees.at(dst, 8).file("old/keep.log", 10, 0644).file("old/junk", 10, 0644)
        .file("old/sub/x", 10, 0644);

    PcopyResult result = Pcopy.args("-v", "--delete", "--exclude", "*.log", src.toString(),
        dst.toString()).run();

    assertEquals(0, result.exitCode(), result.toString());
    assertTrue(Files.exists(dst.resolve("old/keep.log")), "an excluded file was deleted");
    assertTrue(Files.exists(dst.resolve("old.log")), "an excluded file was deleted");
    assertFalse(Files.exists(dst.resolve("old/junk")));
    assertFalse(Files.exists(dst.resolve("old/sub")));
    assertFalse(Files.exists(dst.resolve("extra")));
    assertEquals(List.of("delete extra/", "delete keep/gone", "delete old/junk",
        "delete old/sub/"), actionLines(result), result.toString());
    assertTrue(result.stderrLines().contains("pcopy: warning: " + dst.resolve("old")
        + ": directory not deleted: it holds entries the selection excludes"),
        result.toString());
    assertTrue(result.summaryLine().orElseThrow().contains("; deleted 7;"), result.toString());
  }

  /** Files outside the size limits are excluded entries too: kept inside a directory SRC lacks. */
  @Test
  void delete_filesOutsideTheSizeLimits_areKept_inADirectorySrcLacks() throws IOException {
    TestTrees.at(dst, 9).file("old/big", 5000, 0644).file("old/tiny", 1, 0644)
        .file("old/mid", 500, 0644).file("huge", 6000, 0644);

    PcopyResult result = Pcopy.args("--delete", "--min-size", "10", "--max-size", "1K",
        src.toString(), dst.toString()).run();

    assertEquals(0, result.exitCode(), result.toString());
    assertTrue(Files.exists(dst.resolve("old/big")), "a file over --max-size was deleted");
    assertTrue(Files.exists(dst.resolve("old/tiny")), "a file under --min-size was deleted");
    assertTrue(Files.exists(dst.resolve("huge")), "a file over --max-size was deleted");
    assertFalse(Files.exists(dst.resolve("old/mid")));
    assertFalse(Files.exists(dst.resolve("extra")));
  }

  /**
   * For a partly protected directory the dry run lists exactly the lines {@code -v} prints,
   * in the same order, and both count the same.
   */
  @Test
  void dryRunAndVerbose_printTheSameDeleteLines_forAPartlyProtectedDirectory()
      throws IOException {
    TestTrees.at(dst, 10).file("old/keep.log", 10, 0644).file("old/junk", 10, 0644)
        .file("old/a/b.log", 10, 0644).file("old/a/c", 10, 0644).file("old/d/e", 10, 0644);
    String[] args = {"--delete", "--exclude", "*.log", src.toString(), dst.toString()};

    PcopyResult dry = Pcopy.args(prepend("-n", args)).run();
    PcopyResult real = Pcopy.args(prepend("-v", args)).run();

    assertEquals(0, dry.exitCode(), dry.toString());
    assertEquals(0, real.exitCode(), real.toString());
    List<String> dryLines = dry.stdoutLines().stream().filter(l -> l.startsWith("delete "))
        .toList();
    List<String> realLines = real.stdoutLines().stream().filter(l -> l.startsWith("delete "))
        .toList();
    assertEquals(List.of("delete extra/", "delete keep/gone", "delete old/a/c",
        "delete old/d/", "delete old/junk"), dryLines, dry.toString());
    assertEquals(dryLines, realLines, real.toString());
    assertEquals(8, deletedCount(dry), dry.toString());
    assertEquals(8, deletedCount(real), real.toString());
    assertEquals(warnings(dry), warnings(real));
    assertEquals(2, warnings(real).size(), real.toString());
    assertTrue(Files.exists(dst.resolve("old/a/b.log")));
    assertTrue(Files.exists(dst.resolve("old/keep.log")));
  }

  /**
   * Another live run's temporary file inside a directory SRC lacks (with no rule that protects
   * anything) stays with the directories above it, and the plan knows it: the dry run lists
   * what the real run deletes, a {@code delete} line for each entry around it, the same warnings
   * for the directories kept, and the same count. A dead run's temporary file goes with the
   * rest.
   */
  @Test
  void dryRunAndVerbose_agree_aboutADirectoryKeptForALiveRunsTemporaryFile() throws IOException {
    // pid 1 lives as long as the machine; 999,999 is beyond the default pid range.
    Path live = TempFiles.path(dst.resolve("old/sub"),
        new RunId(1, HostTag.current(), 9).text(), 3);
    Path dead = TempFiles.path(dst.resolve("old"),
        new RunId(999_999, HostTag.current(), 9).text(), 4);
    TestTrees.at(dst, 11).file("old/junk", 10, 0644).file("old/sub/x", 10, 0644)
        .file("old/deep/y", 10, 0644);
    Files.writeString(live, "another run's partial copy");
    Files.writeString(dead, "a dead run's");
    String[] args = {"--delete", src.toString(), dst.toString()};

    PcopyResult dry = Pcopy.args(prepend("-n", args)).run();
    PcopyResult real = Pcopy.args(prepend("-v", args)).run();

    assertEquals(0, dry.exitCode(), dry.toString());
    assertEquals(0, real.exitCode(), real.toString());
    List<String> expected = List.of("delete extra/", "delete keep/gone", "delete old.log",
        "delete old/" + dead.getFileName(), "delete old/deep/", "delete old/junk",
        "delete old/sub/x");
    assertEquals(expected, actionLines(dry), dry.toString());
    assertEquals(expected, actionLines(real), real.toString());
    assertEquals(10, deletedCount(dry), dry.toString());
    assertEquals(10, deletedCount(real), real.toString());
    String why = ": directory not deleted: it holds temporary files of another pcopy run that"
        + " is still going";
    assertEquals(List.of("pcopy: warning: " + dst.resolve("old/sub") + why,
        "pcopy: warning: " + dst.resolve("old") + why), warnings(dry).stream().sorted()
        .toList(), dry.toString());
    assertEquals(warnings(dry).stream().sorted().toList(),
        warnings(real).stream().sorted().toList(), real.toString());
    assertTrue(Files.exists(live));
    assertFalse(Files.exists(dead));
    assertFalse(Files.exists(dst.resolve("old/junk")));
  }

  /**
   * With no rule that protects anything, a directory SRC lacks that its owner cannot read
   * (mode 000) is planned whole, as the plan cannot look into it: the dry run and {@code -v}
   * say {@code delete old/}, and the real run opens it up and deletes it, exit 0.
   */
  @Test
  void delete_unprivileged_aDirectoryItsOwnerCannotRead_isPlannedWhole() throws IOException {
    TestTrees.at(dst, 12).file("old/locked/x", 10, 0644);
    Files.setAttribute(dst.resolve("old/locked"), "unix:mode", 0);
    Pcopy.handOverToUnprivilegedUser(tmp, src, dst);
    String[] args = {"--delete", src.toString(), dst.toString()};

    PcopyResult dry = Pcopy.args(prepend("-n", args)).unprivileged().run();
    PcopyResult real = Pcopy.args(prepend("-v", args)).unprivileged().run();

    assertEquals(0, dry.exitCode(), dry.toString());
    assertEquals(0, real.exitCode(), real.toString());
    List<String> expected = List.of("delete extra/", "delete keep/gone", "delete old.log",
        "delete old/");
    assertEquals(expected, actionLines(dry), dry.toString());
    assertEquals(expected, actionLines(real), real.toString());
    assertFalse(Files.exists(dst.resolve("old")), real.toString());
  }

  /**
   * Under {@code --max-delete} a directory its owner cannot read is not planned whole: what it
   * holds cannot be counted without opening it up, which the dry run does not do. Before, it
   * counted as one entry, so {@code --max-delete 5} let a run delete it and the 50 files in it
   * ("deleted 51", exit 0) while {@code -n} said "would delete 1". Now both refuse it, named,
   * exit 1, and nothing is deleted.
   */
  @Test
  void maxDelete_unprivileged_aDirectoryItsOwnerCannotRead_isNotDeletedUncounted()
      throws IOException {
    TestTrees tree = TestTrees.at(dst, 13);
    for (int i = 0; i < 50; i++) {
      tree.file("old/locked/f" + i, 10, 0644);
    }
    tree.finish();
    Files.setAttribute(dst.resolve("old/locked"), "unix:mode", 0);
    Pcopy.handOverToUnprivilegedUser(tmp, src, dst);
    String[] args = {"--delete", "--max-delete", "60", src.toString(), dst.toString()};

    PcopyResult dry = Pcopy.args(prepend("-n", args)).unprivileged().run();
    PcopyResult real = Pcopy.args(prepend("-v", args)).unprivileged().run();

    for (PcopyResult r : List.of(dry, real)) {
      assertEquals(1, r.exitCode(), r.toString());
      assertTrue(r.stderr().contains("old/locked: not deleted: cannot look into it"),
          r.toString());
    }
    Files.setAttribute(dst.resolve("old/locked"), "unix:mode", 0755);
    try (var left = Files.list(dst.resolve("old/locked"))) {
      assertEquals(50, left.count(), real.toString());
    }
  }

  /**
   * A2: with {@code -x}, deleting does not cross into another file system mounted inside DST:
   * neither an extraneous mount point, nor one in a directory SRC lacks (which stays), nor one
   * where SRC has a directory. Needs root, to mount a tmpfs.
   */
  @Test
  void oneFileSystem_deleteDoesNotCrossIntoAFileSystemMountedInsideDst() throws IOException {
    Files.createDirectories(src.resolve("both"));
    TestTrees.at(dst, 11).file("old/junk", 10, 0644);
    try (TestMount mnt = TestMount.tmpfs(dst.resolve("mnt"));
        TestMount nested = TestMount.tmpfs(dst.resolve("old/m2"));
        TestMount both = TestMount.tmpfs(dst.resolve("both"))) {
      Files.writeString(mnt.path().resolve("data"), "important");
      Files.writeString(nested.path().resolve("data"), "important too");
      Files.writeString(both.path().resolve("x"), "also important");

      PcopyResult dry = Pcopy.args("-n", "-x", "--delete", src.toString(), dst.toString())
          .run();
      PcopyResult result = Pcopy.args("-v", "-x", "--delete", src.toString(), dst.toString())
          .run();

      assertEquals(0, result.exitCode(), result.toString());
      assertEquals("important", Files.readString(dst.resolve("mnt/data")));
      assertEquals("important too", Files.readString(dst.resolve("old/m2/data")));
      assertEquals("also important", Files.readString(dst.resolve("both/x")));
      assertFalse(Files.exists(dst.resolve("old/junk")));
      assertFalse(Files.exists(dst.resolve("extra")));
      assertEquals(List.of("delete extra/", "delete keep/gone", "delete old.log",
          "delete old/junk"), actionLines(result), result.toString());
      assertEquals(actionLines(dry), actionLines(result), dry.toString());
      assertTrue(result.stderrLines().contains("pcopy: warning: " + dst.resolve("old")
          + ": directory not deleted: it holds a mount point of another file system (-x)"),
          result.toString());
    }
  }

  private static String[] prepend(String first, String[] rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  /** The count after {@code deleted} or {@code would delete} in the summary line. */
  private static long deletedCount(PcopyResult result) {
    Matcher m = Pattern.compile("; (?:would delete|deleted) (\\d+)")
        .matcher(result.summaryLine().orElseThrow());
    assertTrue(m.find(), result.toString());
    return Long.parseLong(m.group(1));
  }

  private static List<String> warnings(PcopyResult result) {
    return result.stderrLines().stream().filter(l -> l.startsWith("pcopy: warning: ")).toList();
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
