package dev.pcopy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.testing.Pcopy;
import dev.pcopy.testing.PcopyResult;
import dev.pcopy.testing.Shell;
import dev.pcopy.testing.TestMount;
import dev.pcopy.testing.TreeAssert;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the destination cannot keep: copied onto a file system without extended attributes or
 * ACLs (a ramfs, as root; skipped where mounting is not allowed), an entry that has them is
 * still copied, with its bytes, mode and times, and then named with what could not be kept; a
 * summary line counts such entries and the exit code is 1. A re-run, which finds everything
 * else equal, does not report them again and exits 0.
 */
class CannotKeepIT {
  @TempDir
  Path tmp;

  private TestMount ramfs;
  private Path src;
  private Path dst;

  /**
   * SRC: {@code tagged} has a {@code user.*} attribute, {@code dir} a directory with one,
   * {@code shared} an ACL; {@code plain} and {@code dir/inner} have nothing of the kind.
   */
  @BeforeEach
  void setUp() {
    ramfs = TestMount.ramfs(tmp.resolve("ramfs"));
    src = tmp.resolve("src");
    dst = ramfs.path().resolve("dst");
    Shell.run(tmp, "mkdir -p src/dir && printf 'tagged' > src/tagged && printf 'plain' > src/plain"
        + " && printf 'inner' > src/dir/inner && printf 'shared' > src/shared"
        + " && setfattr -n user.kept -v 0x00ff src/tagged && setfattr -n user.dir -v 0x01 src/dir"
        + " && setfacl -m u:1234:rw src/shared && chmod 0750 src/dir"
        + " && touch -d '2001-02-03 04:05:06.123456789' src/dir src/tagged");
  }

  @AfterEach
  void tearDown() {
    ramfs.close();
  }

  @Test
  void copy_namesEachEntryAndWhatItLost_countsThem_andExits1() {
    PcopyResult result = Pcopy.args(src.toString(), dst.toString()).run();

    assertEquals(1, result.exitCode(), result.toString());
    List<String> errors = result.stderrLines();
    assertTrue(errors.contains("pcopy: error: " + dst.resolve("tagged")
        + ": cannot keep extended attribute user.kept: Operation not supported"),
        result.toString());
    assertTrue(errors.contains("pcopy: error: " + dst.resolve("dir")
        + ": cannot keep extended attribute user.dir: Operation not supported"),
        result.toString());
    assertTrue(errors.contains("pcopy: error: " + dst.resolve("shared")
        + ": cannot keep ACL system.posix_acl_access: Operation not supported"),
        result.toString());
    assertEquals(3, errors.size(), result.toString());
    assertTrue(result.stdoutLines().contains(
        "pcopy: 3 entries copied without all of their metadata (see the errors above)"),
        result.toString());
    assertEquals(0, result.summaryCount("failed"), result.toString());
    // Everything else is kept: bytes, modes and times, the directory's too.
    TreeAssert.assertSameTree(src, dst);
  }

  @Test
  void rerun_doesNotReportAgainWhatIsAlreadyEqual_andExits0() {
    assertEquals(1, Pcopy.args(src.toString(), dst.toString()).run().exitCode());

    PcopyResult rerun = Pcopy.args(src.toString(), dst.toString()).run();

    assertEquals(0, rerun.exitCode(), rerun.toString());
    assertEquals(List.of(), rerun.stderrLines(), rerun.toString());
    assertEquals(0, rerun.summaryCount("file"), rerun.toString());
    assertEquals(4, rerun.summaryCount("unchanged"), rerun.toString());
    assertFalse(rerun.stdout().contains("without all of"), rerun.toString());
  }

  /** A changed file is copied again, and what it cannot keep is said again. */
  @Test
  void rerun_afterTheSourceChanged_reportsTheNewCopyAgain() {
    assertEquals(1, Pcopy.args(src.toString(), dst.toString()).run().exitCode());
    Shell.run(src, "printf 'changed' > tagged");

    PcopyResult rerun = Pcopy.args(src.toString(), dst.toString()).run();

    assertEquals(1, rerun.exitCode(), rerun.toString());
    assertEquals(List.of("pcopy: error: " + dst.resolve("tagged")
        + ": cannot keep extended attribute user.kept: Operation not supported"),
        rerun.stderrLines(), rerun.toString());
    assertTrue(rerun.stdoutLines().contains(
        "pcopy: 1 entry copied without all of its metadata (see the errors above)"),
        rerun.toString());
  }

  @Test
  void noXattrsAndNoAcls_askForNothingTheDestinationLacks_andExit0() throws IOException {
    PcopyResult result = Pcopy.args("--no-xattrs", "--no-acls", src.toString(), dst.toString())
        .run();

    assertEquals(0, result.exitCode(), result.toString());
    assertEquals(List.of(), result.stderrLines(), result.toString());
    TreeAssert.assertSameContent(src, dst);
    assertEquals(mode(src.resolve("dir")), mode(dst.resolve("dir")));
    assertEquals(mode(src.resolve("tagged")), mode(dst.resolve("tagged")));
    // Without its ACL, 'shared' gets its owning group's own r--, not the mask's rw-.
    assertEquals(0664, mode(src.resolve("shared")));
    assertEquals(0644, mode(dst.resolve("shared")));
  }

  private static int mode(Path path) throws IOException {
    return (Integer) Files.getAttribute(path, "unix:mode") & 07777;
  }
}
