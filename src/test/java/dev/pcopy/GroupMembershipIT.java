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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user who is not root keeps a source entry's group where that user is a member of it, as
 * {@code cp -a} does (chown to one's own groups is allowed), set-group-ID bit included; in a
 * group the user is not in, the copy gets the user's own group and loses that bit, with a
 * warning. Run as user 65534 with supplementary group 4242 through {@code setpriv}, so the
 * tests need root.
 */
class GroupMembershipIT {
  private static final int USER = 65534;
  private static final int MEMBER_OF = 4242;
  private static final int NOT_IN = 4343;

  @TempDir
  Path tmp;

  @Test
  void copy_byAMemberOfTheSourcesGroup_keepsTheGroup() throws IOException {
    assumeTrue(Shell.isRoot(), "running pcopy as another user and group needs root");
    Path src = tmp.resolve("src");
    Path dst = tmp.resolve("dst");
    Shell.run(tmp, "mkdir -p src/sub && printf 'a' > src/member && printf 'b' > src/sub/other"
        + " && printf 'c' > src/setgid && printf 'd' > src/setgid-other"
        + " && chown -R " + USER + ":" + USER + " src && chmod 0777 ."
        + " && chgrp " + MEMBER_OF + " src/member src/sub src/setgid"
        + " && chgrp " + NOT_IN + " src/sub/other src/setgid-other"
        + " && chmod 2755 src/setgid src/setgid-other");

    PcopyResult result = Pcopy.args(src.toString(), dst.toString())
        .asUser(USER, USER, MEMBER_OF).run();

    assertEquals(0, result.exitCode(), result.toString());
    assertGroup(MEMBER_OF, dst.resolve("member"));
    assertGroup(MEMBER_OF, dst.resolve("sub"));
    assertGroup(MEMBER_OF, dst.resolve("setgid"));
    assertEquals(02755, mode(dst.resolve("setgid")));
    assertGroup(USER, dst.resolve("sub/other"));
    assertGroup(USER, dst.resolve("setgid-other"));
    assertEquals(0755, mode(dst.resolve("setgid-other")));
    assertTrue(result.stderrLines().contains("pcopy: warning: " + src.resolve("setgid-other")
        + ": set-group-ID bit not kept: the copy cannot belong to group " + NOT_IN),
        result.toString());
    assertEquals(USER, (Integer) Files.getAttribute(dst.resolve("member"), "unix:uid"));

    PcopyResult rerun = Pcopy.args(src.toString(), dst.toString())
        .asUser(USER, USER, MEMBER_OF).run();

    assertEquals(0, rerun.exitCode(), rerun.toString());
    assertEquals(0, rerun.summaryCount("file"), rerun.toString());
    assertGroup(MEMBER_OF, dst.resolve("member"));
  }

  private static void assertGroup(int gid, Path path) throws IOException {
    assertEquals(gid, (Integer) Files.getAttribute(path, "unix:gid", LinkOption.NOFOLLOW_LINKS),
        "group of " + path);
  }

  private static int mode(Path path) throws IOException {
    return ((Integer) Files.getAttribute(path, "unix:mode")) & 07777;
  }
}
