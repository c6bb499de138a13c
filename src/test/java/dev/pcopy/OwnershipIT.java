package dev.pcopy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pcopy.testing.Pcopy;
import dev.pcopy.testing.PcopyResult;
import dev.pcopy.testing.Shell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
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
