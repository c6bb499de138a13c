package dev.pcopy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.testing.ExactTree;
import dev.pcopy.testing.Pcopy;
import dev.pcopy.testing.PcopyResult;
import dev.pcopy.testing.Shell;
import dev.pcopy.testing.TreeSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * POSIX ACLs, as {@code cp -a} keeps them: a file's access ACL with its mask, a directory's
 * access and default ACLs; the copy's {@code getfacl -R} is its source's, and the mask stays the
 * mask: the owning group's entry is not widened to it. {@code --no-acls} leaves them out, and
 * then gives the group bits the owning group's real permissions, not the mask.
 */
class AclsIT {
  @TempDir
  Path tmp;

  private Path src;
  private Path dst;

  /**
   * SRC: {@code shared} is mode 0640 with user 1234 given rwx under a mask of r-x, so that its
   * group class bits (the mask) differ from its owning group's entry (r--); {@code dir} has an
   * access ACL and a default ACL, and {@code dir/inherited} was made after it and inherited the
   * default; {@code plain} has no ACL.
   */
  @BeforeEach
  void tree() {
    src = tmp.resolve("src");
    dst = tmp.resolve("dst");
    Shell.run(tmp, "mkdir -p src/dir && printf 'shared' > src/shared && chmod 0640 src/shared"
        + " && setfacl -m u:1234:rwx,m::r-x src/shared"
        + " && chmod 0750 src/dir && setfacl -m u:1234:rwx,g:5678:r-x src/dir"
        + " && setfacl -d -m u:1234:rw-,g:55:r-x,o::--- src/dir"
        + " && printf 'inherited' > src/dir/inherited && mkdir src/dir/subdir"
        + " && printf 'plain' > src/plain && chmod 0644 src/plain");
  }

  @Test
  void copy_keepsAccessAndDefaultAcls_asGetfaclShowsThem() {
    PcopyResult result = Pcopy.args(src.toString(), dst.toString()).run();

    assertEquals(0, result.exitCode(), result.toString());
    assertEquals(ExactTree.acls(src), ExactTree.acls(dst));
    String dir = ExactTree.acl(dst.resolve("dir"));
    assertTrue(dir.contains("user:1234:rwx") && dir.contains("group:5678:r-x")
        && dir.contains("default:group:55:r-x"), dir);
    assertEquals(ExactTree.acl(src.resolve("dir/inherited")),
        ExactTree.acl(dst.resolve("dir/inherited")));
  }

  /**
   * The mask is what the group class bits of the mode show; it must stay the mask, not become
   * the owning group's permissions: {@code group::r--} with {@code mask::r-x}, mode 0650.
   */
  @Test
  void copy_keepsTheMaskApartFromTheOwningGroupsEntry() {
    PcopyResult result = Pcopy.args(src.toString(), dst.toString()).run();

    assertEquals(0, result.exitCode(), result.toString());
    String acl = ExactTree.acl(dst.resolve("shared"));
    assertTrue(acl.contains("\ngroup::r--\n"), acl);
    assertTrue(acl.contains("\nmask::r-x\n"), acl);
    assertTrue(acl.contains("user:1234:rwx\t#effective:r-x"), acl);
    assertEquals("650", stat("%a", dst.resolve("shared")));
    assertEquals(stat("%a", src.resolve("dir")), stat("%a", dst.resolve("dir")));
  }

  @Test
  void copy_matchesCpA() {
    Path cp = tmp.resolve("cp");
    Shell.run(tmp, "cp -a src cp");

    PcopyResult result = Pcopy.args(src.toString(), dst.toString()).run();

    assertEquals(0, result.exitCode(), result.toString());
    assertEquals(ExactTree.acls(cp), ExactTree.acls(dst));
    ExactTree.assertSameAs(cp, dst);
  }

  /**
   * A file copied into an existing target directory with a default ACL inherits it when made;
   * its source has no ACL, so the copy must not keep the inherited one (as {@code cp -a}).
   */
  @Test
  void merge_intoADirectoryWithADefaultAcl_aFileWithoutAnAclGetsNone() throws IOException {
    Shell.run(tmp, "mkdir -p dst/open && setfacl -d -m u:4321:rwx dst/open"
        + " && mkdir src/open && printf 'x' > src/open/new && chmod 0600 src/open/new");

    PcopyResult result = Pcopy.args(src.toString(), dst.toString()).run();

    assertEquals(0, result.exitCode(), result.toString());
    assertEquals(ExactTree.acl(src.resolve("open/new")), ExactTree.acl(dst.resolve("open/new")));
    assertEquals("600", stat("%a", dst.resolve("open/new")));
    // The directory itself gets its source's ACLs: none, so the default one goes too.
    assertEquals(ExactTree.acl(src.resolve("open")), ExactTree.acl(dst.resolve("open")));
  }

  /**
   * A FIFO, socket or device made in a directory with a default ACL inherits an access ACL from
   * it, as a file does; without one in SRC it must lose it, or a user the source never allowed
   * reads and writes the copied device (a FIFO and a socket always, a device as root). Before,
   * files and directories lost it and these kept it, with exit 0.
   */
  @Test
  void merge_intoADirectoryWithADefaultAcl_aSpecialFileWithoutAnAclGetsNone() throws IOException {
    boolean root = Shell.isRoot();
    Shell.run(tmp, "mkdir -p dst/open && setfacl -d -m u:4321:rwx dst/open"
        + " && mkdir src/open && mkfifo -m 0640 src/open/fifo"
        + " && python3 -c \"import socket; socket.socket(socket.AF_UNIX).bind('src/open/sock')\""
        + (root ? " && mknod -m 0660 src/open/mem c 1 5" : ""));

    PcopyResult result = Pcopy.args(src.toString(), dst.toString()).run();

    assertEquals(0, result.exitCode(), result.toString());
    for (String name : root ? new String[] {"fifo", "sock", "mem"}
        : new String[] {"fifo", "sock"}) {
      Path copy = dst.resolve("open").resolve(name);
      assertEquals(ExactTree.acl(src.resolve("open").resolve(name)), ExactTree.acl(copy), name);
      assertEquals(stat("%a", src.resolve("open").resolve(name)), stat("%a", copy), name);
    }
  }

  @Test
  void rerun_ofACopyWithAcls_changesNothing() {
    assertEquals(0, Pcopy.args(src.toString(), dst.toString()).run().exitCode());
    TreeSnapshot before = TreeSnapshot.of(dst);

    PcopyResult rerun = Pcopy.args(src.toString(), dst.toString()).run();

    assertEquals(0, rerun.exitCode(), rerun.toString());
    before.assertUnchanged("DST", rerun);
    assertEquals(ExactTree.acls(src), ExactTree.acls(dst));
  }

  /**
   * Without ACLs, the mask must not become the owning group's permissions: each copy's group
   * bits are what the owning group could do in SRC (its entry limited by the mask), so that
   * dropping the ACL grants no one more; a re-run finds these modes right and writes nothing.
   */
  @Test
  void noAcls_theMaskDoesNotLeakIntoTheGroupBits() {
    PcopyResult result = Pcopy.args("--no-acls", src.toString(), dst.toString()).run();

    assertEquals(0, result.exitCode(), result.toString());
    assertEquals("650", stat("%a", src.resolve("shared")));
    assertEquals("640", stat("%a", dst.resolve("shared")));
    for (String name : new String[] {"shared", "dir", "dir/inherited", "dir/subdir", "plain"}) {
      assertEquals(effectiveMode(src.resolve(name)), stat("%a", dst.resolve(name)), name);
    }
    TreeSnapshot before = TreeSnapshot.of(dst);

    PcopyResult rerun = Pcopy.args("--no-acls", src.toString(), dst.toString()).run();

    assertEquals(0, rerun.exitCode(), rerun.toString());
    before.assertUnchanged("DST", rerun);
  }

  @Test
  void noAcls_copiesNoAcl() throws IOException {
    PcopyResult result = Pcopy.args("--no-acls", src.toString(), dst.toString()).run();

    assertEquals(0, result.exitCode(), result.toString());
    assertFalse(ExactTree.xattrs(dst).contains("posix_acl"), ExactTree.xattrs(dst));
    for (String name : new String[] {"shared", "dir", "dir/inherited", "dir/subdir"}) {
      assertEquals(3, ExactTree.acl(dst.resolve(name)).strip().split("\n").length,
          ExactTree.acl(dst.resolve(name)));
    }
    assertEquals("shared", Files.readString(dst.resolve("shared")));
  }

  /**
   * The mode bits in octal with the group class bits made the owning group's effective
   * permissions ({@code group::} limited by {@code mask::}), as getfacl shows them.
   */
  private static String effectiveMode(Path path) {
    int mode = Integer.parseInt(stat("%a", path), 8);
    int group = -1;
    int mask = 07;
    for (String line : ExactTree.acl(path).split("\n")) {
      if (line.startsWith("group::")) {
        group = perm(line.substring(7, 10));
      } else if (line.startsWith("mask::")) {
        mask = perm(line.substring(6, 9));
      }
    }
    return Integer.toOctalString((mode & ~070) | ((group & mask) << 3));
  }

  private static int perm(String rwx) {
    return (rwx.charAt(0) == 'r' ? 4 : 0) | (rwx.charAt(1) == 'w' ? 2 : 0)
        | (rwx.charAt(2) == 'x' ? 1 : 0);
  }

  private static String stat(String format, Path path) {
    return Shell.attempt(path.getParent(), "stat -c '" + format + "' '" + path + "'")
        .stdoutText();
  }
}
