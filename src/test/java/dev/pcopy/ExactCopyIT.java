package dev.pcopy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.testing.ExactTree;
import dev.pcopy.testing.Pcopy;
import dev.pcopy.testing.PcopyResult;
import dev.pcopy.testing.Shell;
import dev.pcopy.testing.TreeAssert;
import dev.pcopy.testing.TreeSnapshot;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * By default pcopy keeps what {@code cp -a} keeps. The "done means" check: one tree with all of
 * it (hard links, holes, extended attributes with binary values, ACLs, FIFOs, a socket, as root
 * a device and other owners, set-id and sticky bits, symbolic links), copied by pcopy and by
 * {@code cp -a}, compares equal by {@code getfacl -R}, {@code getfattr -R}, the grouping and
 * facts of {@code stat} and {@code cmp} of every file; and special files are made again, and
 * listed by a dry run, as {@code cp -a} makes them. Other details have their own classes:
 * {@link HardLinksIT}, {@link SparseFilesIT}, {@link XattrsIT}, {@link AclsIT},
 * {@link CannotKeepIT}, {@link GroupMembershipIT}, {@link ChecksumAndVerifyIT}.
 */
class ExactCopyIT {
  @TempDir
  Path tmp;

  @Test
  void everythingCpAKeeps_pcopyKeepsToo() throws IOException {
    Path src = everything(tmp.resolve("src"));
    Path dst = tmp.resolve("dst");
    Path cp = tmp.resolve("cp");
    Shell.run(tmp, "cp -a src cp");

    PcopyResult result = Pcopy.args(src.toString(), dst.toString()).run();

    assertEquals(0, result.exitCode(), result.toString());
    assertEquals(List.of(), result.stderrLines(), result.toString());
    ExactTree.assertSameAs(cp, dst);
    ExactTree.assertSameAs(src, dst);
    TreeAssert.assertSameTree(src, dst);
    TreeAssert.assertNoTempFiles(dst);
  }

  @Test
  void everythingCpAKeeps_aRerunCopiesNothing_andChangesNothing() throws IOException {
    Path src = everything(tmp.resolve("src"));
    Path dst = tmp.resolve("dst");
    assertEquals(0, Pcopy.args(src.toString(), dst.toString()).run().exitCode());
    TreeSnapshot before = TreeSnapshot.of(dst);

    PcopyResult rerun = Pcopy.args(src.toString(), dst.toString()).run();

    assertEquals(0, rerun.exitCode(), rerun.toString());
    assertTrue(rerun.summaryLine().orElseThrow().startsWith("pcopy: copied 0 files, 0 links, 0 B"),
        rerun.toString());
    assertEquals(0, rerun.summaryCount("failed"), rerun.toString());
    before.assertUnchanged("DST", rerun);
  }

  /**
   * FIFOs, a socket and (as root) a character device are made again with their modes, times and
   * numbers, never opened; a dry run lists each with the line the real run's {@code -v} prints.
   */
  @Test
  void specialFiles_areMadeAsCpAMakesThem_andADryRunListsThem() throws IOException {
    Path src = tmp.resolve("src");
    Shell.run(tmp, "mkdir -p src/sub && mkfifo -m 0640 src/fifo && mkfifo src/sub/fifo2");
    if (Shell.isRoot()) {
      Shell.run(src, "mknod -m 0666 null c 1 3");
    }
    socket(src.resolve("sub/sock"));
    Shell.run(tmp, "touch -h -d '2003-04-05 06:07:08.9' src/fifo src/sub/sock && cp -a src cp");
    Path dst = tmp.resolve("dst");

    PcopyResult dry = Pcopy.args("-n", src.toString(), dst.toString()).run();

    assertEquals(0, dry.exitCode(), dry.toString());
    List<String> listed = dry.stdoutLines();
    assertTrue(listed.contains("mkfifo fifo"), dry.toString());
    assertTrue(listed.contains("mkfifo sub/fifo2"), dry.toString());
    assertTrue(listed.contains("mksock sub/sock"), dry.toString());
    assertEquals(Shell.isRoot(), listed.contains("mknod null c 1 3"), dry.toString());
    assertFalse(Files.exists(dst), "a dry run wrote DST");

    PcopyResult result = Pcopy.args("-v", src.toString(), dst.toString()).run();

    assertEquals(0, result.exitCode(), result.toString());
    assertEquals(dry.stdoutLines().stream().filter(l -> !l.startsWith("pcopy: ")).sorted()
        .toList(), result.stdoutLines().stream().filter(l -> !l.startsWith("pcopy: ")).sorted()
        .toList(), "the dry run's lines and the real run's -v lines");
    assertEquals(stats(tmp.resolve("cp")), stats(dst));
    TreeAssert.assertSameTree(src, dst);
    assertEquals(Shell.isRoot() ? 4 : 3, result.summaryCount("special"),
        result.toString());
  }

  /**
   * A re-run gives symbolic links, FIFOs, sockets and (as root) devices whose time alone changed
   * their source's times, on the entries themselves (a link's own time, not its target's); a
   * FIFO whose mode changed too gets both, its time last. The dry run lists what {@code -v}
   * then prints, and a third run finds everything unchanged.
   */
  @Test
  void rerun_fixesTheTimesOfLinksAndSpecialFiles_whoseTimeAloneChanged() throws IOException {
    Path src = tmp.resolve("src");
    Shell.run(tmp, "mkdir src && ln -s nowhere src/link && mkfifo src/fifo && printf f > src/f"
        + " && ln -s f src/to-file && mkfifo src/fifo2");
    socket(src.resolve("sock"));
    if (Shell.isRoot()) {
      Shell.run(src, "mknod -m 0644 null c 1 3");
    }
    Path dst = tmp.resolve("dst");
    assertEquals(0, Pcopy.args("-q", src.toString(), dst.toString()).run().exitCode());
    Shell.run(src, "touch -h -d '2001-01-01 01:02:03.4' link fifo sock to-file"
        + (Shell.isRoot() ? " null" : "") + " && chmod 0600 fifo2"
        + " && touch -h -d '2002-02-02' fifo2");
    String targetOfLink = stats(dst).lines().filter(l -> l.startsWith("./f ")).findFirst()
        .orElseThrow();

    PcopyResult dry = Pcopy.args("-n", src.toString(), dst.toString()).run();
    PcopyResult real = Pcopy.args("-v", src.toString(), dst.toString()).run();
    PcopyResult again = Pcopy.args(src.toString(), dst.toString()).run();

    List<String> touched = Shell.isRoot()
        ? List.of("chmod 600 fifo2", "touch fifo", "touch fifo2", "touch link", "touch null",
            "touch sock", "touch to-file")
        : List.of("chmod 600 fifo2", "touch fifo", "touch fifo2", "touch link", "touch sock",
            "touch to-file");
    assertEquals(touched, actions(dry), dry.toString());
    assertEquals(touched, actions(real), real.toString());
    assertEquals(0, real.exitCode(), real.toString());
    assertEquals(touched.size() - 1, real.summaryCount("time"), real.toString());
    assertEquals(stats(src), stats(dst));
    assertTrue(stats(dst).contains(targetOfLink), "the link's target got its time:\n"
        + stats(dst));
    assertEquals(0, again.exitCode(), again.toString());
    assertEquals(Shell.isRoot() ? 7 : 6, again.summaryCount("unchanged"), again.toString());
  }

  /** The action lines of a dry run or of {@code -v}, sorted. */
  private static List<String> actions(PcopyResult result) {
    return result.stdoutLines().stream().filter(l -> !l.startsWith("pcopy: ")).sorted().toList();
  }

  /**
   * Builds a tree with one of everything {@code cp -a} keeps. Names are ASCII, for the tools'
   * listings.
   */
  private static Path everything(Path root) throws IOException {
    Path tmp = root.getParent();
    Shell.run(tmp, "mkdir -p src/links/across src/attrs/dir src/acl/dir src/special"
        + " src/modes/sticky src/empty-dir"
        // Hard links: one group across directories, one within a directory.
        + " && head -c 20000 /dev/urandom > src/links/f && ln src/links/f src/links/g"
        + " && ln src/links/f src/links/across/h"
        + " && printf 'pair' > src/links/across/p && ln src/links/across/p src/links/across/q"
        // Holes: 1 GiB holding a few KiB.
        + " && truncate -s 1G src/sparse && printf 'start' | dd of=src/sparse conv=notrunc"
        + " status=none && head -c 3000 /dev/urandom | dd of=src/sparse bs=1 seek=600000001"
        + " conv=notrunc status=none"
        // Extended attributes with NUL bytes, on files and directories (and on a hard link).
        + " && printf 'x' > src/attrs/file && setfattr -n user.bin -v 0x00ff0000 src/attrs/file"
        + " && setfattr -n user.empty src/attrs/file"
        + " && setfattr -n user.dir -v 0x000102 src/attrs/dir"
        + " && setfattr -n user.linked -v 0x4100 src/links/g"
        // ACLs: a mask apart from the group entry; access and default ACLs on a directory.
        + " && printf 'y' > src/acl/file && chmod 0640 src/acl/file"
        + " && setfacl -m u:1234:rwx,m::r-x src/acl/file"
        + " && setfacl -m u:1234:rwx src/acl/dir && setfacl -d -m g:55:r-x src/acl/dir"
        + " && printf 'z' > src/acl/dir/inherits && mkdir src/acl/dir/sub"
        // Special files, times on links, modes.
        + " && mkfifo -m 0600 src/special/fifo && ln -s ../links/f src/special/link"
        + " && ln -s nowhere src/special/dangling"
        + " && printf 's' > src/modes/setuid && chmod 4755 src/modes/setuid"
        + " && chmod 1777 src/modes/sticky && printf '' > src/modes/empty"
        + " && chmod 0500 src/empty-dir");
    socket(root.resolve("special/sock"));
    if (Shell.isRoot()) {
      Shell.run(tmp, "mknod -m 0640 src/special/null c 1 3"
          + " && setfattr -n trusted.pcopy -v 0x00 src/attrs/file"
          + " && chown 1234:5678 src/attrs/file src/attrs/dir src/special/fifo"
          + " && chown -h 4321:8765 src/special/link && chmod 4755 src/modes/setuid"
          + " && chown 2222:3333 src/links/f");
    }
    Shell.run(tmp, "touch -h -d '2004-05-06 07:08:09.123456789' src/special/link src/sparse"
        + " src/attrs/dir src/acl/dir");
    return root;
  }

  /** Leaves a Unix domain socket at {@code path}, as a server that bound it and exited would. */
  private static void socket(Path path) throws IOException {
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(path));
    }
  }

  /** The kind, mode and device numbers of every entry, as {@code stat} shows them. */
  private static String stats(Path root) {
    return Shell.attempt(root, "find . -mindepth 1 | LC_ALL=C sort"
        + " | xargs stat -c '%n %F %a %t %T %y'").stdoutText();
  }
}
