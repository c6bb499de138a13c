package dev.pcopy;

import static dev.pcopy.testing.TreeAssert.assertSameTree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.plan.HostTag;
import dev.pcopy.plan.RunId;
import dev.pcopy.testing.Pcopy;
import dev.pcopy.testing.PcopyResult;
import dev.pcopy.testing.TempFiles;
import dev.pcopy.testing.TestMount;
import dev.pcopy.testing.TreeSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --delete} mirrors a change of kind: a directory that became a link or a file, a file or
 * link that became a directory. The target entry goes, counted with all it holds (and by
 * {@code --max-delete}), and its source entry is copied in its place in the same run, a new
 * directory filled; {@code -n} lists what {@code -v} tells. Without {@code --delete} each such
 * entry is refused, every run.
 */
class DeleteKindChangeIT {
  @TempDir
  Path tmp;

  private Path src;
  private Path dst;

  /**
   * DST, a copy of SRC as it was: {@code dl/f}, {@code dl/sub/g} (4 entries), {@code df/a} (2),
   * the file {@code fd} and the link {@code ld} (1 each), and {@code keep}. SRC since: {@code dl}
   * a link, {@code df} a file, {@code fd/in/deep} and {@code ld/h} in directories.
   */
  @BeforeEach
  void trees() throws IOException {
    src = tmp.resolve("src");
    dst = tmp.resolve("dst");
    Files.createDirectories(src.resolve("dl/sub"));
    Files.createDirectories(src.resolve("df"));
    Files.writeString(src.resolve("dl/f"), "f");
    Files.writeString(src.resolve("dl/sub/g"), "g");
    Files.writeString(src.resolve("df/a"), "a");
    Files.writeString(src.resolve("fd"), "was a file");
    Files.createSymbolicLink(src.resolve("ld"), Path.of("keep"));
    Files.writeString(src.resolve("keep"), "kept");
    PcopyResult first = Pcopy.args(src.toString(), dst.toString()).run();
    assertEquals(0, first.exitCode(), first.toString());

    delete(src.resolve("dl"));
    Files.createSymbolicLink(src.resolve("dl"), Path.of("keep"));
    delete(src.resolve("df"));
    Files.writeString(src.resolve("df"), "now a file");
    Files.delete(src.resolve("fd"));
    Files.createDirectories(src.resolve("fd/in"));
    Files.writeString(src.resolve("fd/in/deep"), "deep");
    Files.delete(src.resolve("ld"));
    Files.createDirectories(src.resolve("ld"));
    Files.writeString(src.resolve("ld/h"), "h");
  }

  private static void delete(Path tree) throws IOException {
    try (var paths = Files.walk(tree)) {
      for (Path p : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
        Files.delete(p);
      }
    }
  }

  @Test
  void delete_replacesEveryChangeOfKind_inOneRun_dryRunAndVerboseAgree_andItConverges() {
    TreeSnapshot before = TreeSnapshot.of(dst);

    PcopyResult dry = Pcopy.args("-n", "--delete", src.toString(), dst.toString()).run();

    assertEquals(0, dry.exitCode(), dry.toString());
    before.assertUnchanged("DST", dry);
    List<String> expected = List.of("delete dl/", "link dl -> keep", "delete df/", "copy df",
        "delete fd", "mkdir fd", "mkdir fd/in", "copy fd/in/deep", "delete ld", "mkdir ld",
        "copy ld/h");
    assertEquals(expected.stream().sorted().toList(), actionLines(dry), dry.toString());

    PcopyResult real = Pcopy.args("-v", "--delete", src.toString(), dst.toString()).run();

    assertEquals(0, real.exitCode(), real.toString());
    assertSameTree(src, dst);
    assertEquals(actionLines(dry), actionLines(real), real.toString());
    for (String entry : List.of("dl", "df", "fd", "ld")) {
      List<String> lines = real.stdoutLines();
      int deleted = lines.indexOf(lines.stream().filter(l -> l.startsWith("delete " + entry))
          .findFirst().orElseThrow());
      int made = lines.indexOf(lines.stream().filter(l -> !l.startsWith("delete ")
          && l.matches("[a-z]+ " + entry + "( .*)?")).findFirst().orElseThrow());
      assertTrue(deleted < made, entry + " was told made before deleted\n" + real);
    }
    assertEquals(8, deleted(dry), dry.toString());
    assertEquals(8, deleted(real), real.toString());
    for (String what : List.of("file", "link", "unchanged")) {
      assertEquals(dry.summaryCount(what), real.summaryCount(what), what + "\n" + real);
    }

    PcopyResult again = Pcopy.args("-v", "--delete", src.toString(), dst.toString()).run();

    assertEquals(0, again.exitCode(), again.toString());
    assertEquals(List.of(), actionLines(again), again.toString());
  }

  /** Without --delete nothing is deleted: as cp -a, each change of kind is refused. */
  @Test
  void withoutDelete_everyChangeOfKind_isRefused_everyRun() {
    for (int run = 0; run < 2; run++) {
      PcopyResult result = Pcopy.args(src.toString(), dst.toString()).run();

      assertEquals(1, result.exitCode(), result.toString());
      assertTrue(result.stderrLines().contains("pcopy: error: " + dst.resolve("dl")
          + ": Is a directory"), result.toString());
      assertTrue(result.stderrLines().contains("pcopy: error: " + dst.resolve("fd")
          + ": cannot create directory: exists and is not a directory"), result.toString());
      assertTrue(Files.exists(dst.resolve("dl/sub/g")));
      assertTrue(Files.isSymbolicLink(dst.resolve("ld")));
    }
  }

  /**
   * --max-delete counts the entries replaced with what SRC lacks: all of them fitting, the
   * deletions at the end that would pass it go not at all (exit 25); a replacement that would
   * pass it is refused, the same one in -n and in the real run.
   */
  @Test
  void maxDelete_countsTheReplacedEntries() throws IOException {
    Files.writeString(dst.resolve("old"), "SRC lacks it");
    String limitLine = "pcopy: error: --max-delete 8: 8 entries replaced by another kind went"
        + " already, and 1 deletion would remove 1 entry more; deleted nothing more";

    PcopyResult dry = Pcopy.args("-n", "--delete", "--max-delete", "8", src.toString(),
        dst.toString()).run();
    PcopyResult real = Pcopy.args("-v", "--delete", "--max-delete", "8", src.toString(),
        dst.toString()).run();

    assertEquals(25, dry.exitCode(), dry.toString());
    assertEquals(25, real.exitCode(), real.toString());
    assertTrue(dry.stderrLines().contains(limitLine), dry.toString());
    assertTrue(real.stderrLines().contains(limitLine), real.toString());
    assertEquals(actionLines(dry), actionLines(real), real.toString());
    assertEquals(8, deleted(real), real.toString());
    assertTrue(Files.exists(dst.resolve("old")));
    assertTrue(Files.isDirectory(dst.resolve("fd/in")));
  }

  @Test
  void maxDelete_aReplacementThatWouldPassIt_isRefused_alikeInDryRunAndRealRun() {
    // In the walk's order df (2 entries), dl (4) and fd (1) fit in 7; ld would pass it.
    String refused = "pcopy: error: " + dst.resolve("ld") + ": cannot create directory: exists"
        + " and is not a directory; not replaced: deleting it (1 entry) would pass"
        + " --max-delete 7";

    PcopyResult dry = Pcopy.args("-n", "--delete", "--max-delete", "7", src.toString(),
        dst.toString()).run();
    PcopyResult real = Pcopy.args("-v", "--delete", "--max-delete", "7", src.toString(),
        dst.toString()).run();

    for (PcopyResult r : List.of(dry, real)) {
      assertEquals(1, r.exitCode(), r.toString());
      assertTrue(r.stderrLines().contains(refused), r.toString());
    }
    assertEquals(actionLines(dry), actionLines(real), real.toString());
    assertEquals(7, deleted(real), real.toString());
    assertTrue(Files.isSymbolicLink(dst.resolve("ld")));
  }

  /**
   * What --delete protects is not deleted to make room: a directory holding another live run's
   * temporary file, a mount point under -x. The entry is refused, saying why, and nothing of
   * it goes.
   */
  @Test
  void protectedEntries_areRefused_withWhy_andKeptWhole() throws IOException {
    // pid 1 lives as long as the machine.
    Path live = TempFiles.path(dst.resolve("dl/sub"), new RunId(1, HostTag.current(), 9).text(),
        3);
    Files.writeString(live, "another run's partial copy");
    try (TestMount mount = TestMount.tmpfs(dst.resolve("df"))) {
      Files.writeString(mount.path().resolve("data"), "another file system");

      PcopyResult result = Pcopy.args("-x", "--delete", src.toString(), dst.toString()).run();

      assertEquals(1, result.exitCode(), result.toString());
      assertTrue(result.stderrLines().contains("pcopy: error: " + dst.resolve("dl")
          + ": Is a directory; not replaced: it holds temporary files of another pcopy run that"
          + " is still going"), result.toString());
      assertTrue(result.stderrLines().contains("pcopy: error: " + dst.resolve("df")
          + ": Is a directory; not replaced: --delete keeps it (a mount point of another file"
          + " system (-x))"), result.toString());
      assertTrue(Files.exists(live));
      assertTrue(Files.exists(dst.resolve("dl/f")));
      assertTrue(Files.exists(mount.path().resolve("data")));
      assertTrue(Files.isDirectory(dst.resolve("fd/in")), "the others are replaced");
      assertTrue(Files.isRegularFile(dst.resolve("ld/h"), LinkOption.NOFOLLOW_LINKS));
    }
  }

  /**
   * A hard-link group whose members' names were directories in DST: each is replaced, and the
   * members are one file again, linked to its first.
   */
  @Test
  void aHardLinkGroup_inPlaceOfDirectories_isLinkedAgain() throws IOException {
    Files.writeString(src.resolve("m1"), "one inode");
    Files.createLink(src.resolve("m2"), src.resolve("m1"));
    Files.createDirectories(dst.resolve("m1/old"));
    Files.createDirectories(dst.resolve("m2"));

    PcopyResult dry = Pcopy.args("-n", "--delete", src.toString(), dst.toString()).run();
    PcopyResult real = Pcopy.args("-v", "--delete", src.toString(), dst.toString()).run();

    assertEquals(0, real.exitCode(), real.toString());
    assertEquals(actionLines(dry), actionLines(real), real.toString());
    assertTrue(actionLines(real).containsAll(List.of("delete m1/", "delete m2/",
        "hardlink m2 => m1")), real.toString());
    assertEquals(Files.getAttribute(dst.resolve("m1"), "unix:ino"),
        Files.getAttribute(dst.resolve("m2"), "unix:ino"));
    assertSameTree(src, dst);
  }

  /** The entries the summary says were deleted ({@code deleted N}, {@code would delete N}). */
  private static long deleted(PcopyResult result) {
    Matcher m = Pattern.compile("(?:deleted|would delete) (\\d+)")
        .matcher(result.summaryLine().orElseThrow());
    assertTrue(m.find(), result.toString());
    return Long.parseLong(m.group(1));
  }

  /** The action lines of a run's stdout, sorted: the summary is left out. */
  private static List<String> actionLines(PcopyResult result) {
    return result.stdoutLines().stream().filter(l -> !l.startsWith("pcopy: ")).sorted()
        .toList();
  }
}
