package dev.pcopy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pcopy.testing.Pcopy;
import dev.pcopy.testing.PcopyResult;
import dev.pcopy.testing.Shell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Owners and groups: run as root, pcopy gives every copy its source's owner and group, as
 * {@code cp -a} and {@code rsync -a} do; run as anyone else, copies belong to that user.
 */
class OwnershipIT {
  @TempDir
  Path tmp;

  @Test
  void copy_keepsOwnersAndGroupsWhenRoot() throws IOException {
    Path src = tmp.resolve("src");
    Path dst = tmp.resolve("dst");
    // chown clears set-user-ID, so the mode is set after it, here as in pcopy.
    Shell.run(tmp, "mkdir -p src/sub && echo a > src/sub/a && echo b > src/b && ln -s b src/link"
        + " && chown 1234:5678 src/sub src/sub/a && chown 65534:65534 src/b"
        + " && chown -h 4321:8765 src/link && chmod 4755 src/b");

    PcopyResult result = Pcopy.args(src.toString(), dst.toString()).run();

    assertEquals(0, result.exitCode(), result.stderr());
    if (Shell.isRoot()) {
      assertOwner(1234, 5678, dst.resolve("sub"));
      assertOwner(1234, 5678, dst.resolve("sub/a"));
      assertOwner(65534, 65534, dst.resolve("b"));
      assertOwner(4321, 8765, dst.resolve("link"));
      assertEquals(04755, mode(dst.resolve("b")));
    } else {
      int me = (Integer) Files.getAttribute(tmp, "unix:uid");
      assertEquals(me, (Integer) Files.getAttribute(dst.resolve("b"), "unix:uid"));
    }
  }

  @Test
  void rerun_fixesTheOwnerOfAnUnchangedFileWhenRoot() throws IOException {
    Path src = tmp.resolve("src");
    Path dst = tmp.resolve("dst");
    Shell.run(tmp, "mkdir src && echo a > src/a");
    assertEquals(0, Pcopy.args(src.toString(), dst.toString()).run().exitCode());
    if (!Shell.isRoot()) {
      return;
    }
    Shell.run(tmp, "chown 2222:3333 src/a");

    PcopyResult rerun = Pcopy.args(src.toString(), dst.toString()).run();

    assertEquals(0, rerun.exitCode(), rerun.stderr());
    assertOwner(2222, 3333, dst.resolve("a"));
  }

  @Test
  void dryRun_asRoot_listsTheChownAndChmodThatTheRerunThenDoes() throws IOException {
    assumeTrue(Shell.isRoot(), "only root keeps owners");
    Path src = tmp.resolve("src");
    Path dst = tmp.resolve("dst");
    Shell.run(tmp, "mkdir src && echo a > src/a && echo b > src/b");
    assertEquals(0, Pcopy.args(src.toString(), dst.toString()).run().exitCode());
    // Neither changes the modification time, so the content still looks up to date.
    Shell.run(tmp, "chown 2222:3333 src/a && chmod 4755 src/a");

    PcopyResult dryRun = Pcopy.args("-n", src.toString(), dst.toString()).run();

    assertEquals(0, dryRun.exitCode(), dryRun.toString());
    assertEquals(List.of("chown 2222:3333 a", "chmod 4755 a"), dryRun.stdoutLines().stream()
        .filter(l -> !l.startsWith("pcopy: ")).toList(), dryRun.toString());
    assertTrue(dryRun.summaryLine().orElseThrow()
        .contains("; would fix 1 mode, 1 owner; 1 unchanged, 0 failed"), dryRun.toString());
    assertOwner(0, 0, dst.resolve("a"));

    assertEquals(0, Pcopy.args(src.toString(), dst.toString()).run().exitCode());
    assertOwner(2222, 3333, dst.resolve("a"));
    PcopyResult after = Pcopy.args("-n", src.toString(), dst.toString()).run();
    assertEquals(List.of("pcopy: would copy 0 files, 0 links, 0 B; 2 unchanged, 0 failed"),
        after.stdoutLines(), after.toString());
  }

  private static void assertOwner(int uid, int gid, Path path) throws IOException {
    assertEquals(uid, (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS),
        "uid of " + path);
    assertEquals(gid, (Integer) Files.getAttribute(path, "unix:gid", LinkOption.NOFOLLOW_LINKS),
        "gid of " + path);
  }

  private static int mode(Path path) throws IOException {
    return ((Integer) Files.getAttribute(path, "unix:mode")) & 07777;
  }
}
