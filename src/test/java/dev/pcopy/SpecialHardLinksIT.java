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
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hard links between symbolic links, FIFOs, sockets and (as root) devices, kept as {@code cp -a}
 * keeps them (backup stores made with {@code cp -al} or {@code rsync --link-dest} are full of
 * hard-linked symbolic links): a first copy, a re-run over a copy made apart, a dry run, and
 * selections that leave members out. {@link HardLinksIT} has the same for regular files.
 */
class SpecialHardLinksIT {
  @TempDir
  Path tmp;

  private Path src;
  private Path dst;

  /**
   * SRC: {@code sym}, {@code sym2} and {@code d/sym3} are one symbolic link, with its own time
   * (and as root its own owner); {@code p}, {@code p2} and {@code d/p3} one FIFO; {@code sock}
   * and {@code d/sock2} one socket; as root {@code c} and {@code c2} one character device, and
   * the FIFO has a {@code trusted.*} attribute.
   */
  @BeforeEach
  void tree() throws IOException {
    src = tmp.resolve("src");
    dst = tmp.resolve("dst");
    Shell.run(tmp, "mkdir -p src/d && cd src && ln -s target sym && ln -P sym sym2"
        + " && ln -P sym d/sym3 && mkfifo -m 0640 p && ln p p2 && ln p d/p3");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(src.resolve("sock")));
    }
    Shell.run(src, "ln sock d/sock2");
    if (Shell.isRoot()) {
      Shell.run(src, "mknod -m 0604 c c 1 3 && ln c c2 && chown -h 1234:2345 sym"
          + " && setfattr -h -n trusted.kept -v one p");
    }
    Shell.run(src, "touch -h -d '2003-04-05 06:07:08.9' sym p sock"
        + (Shell.isRoot() ? " c" : ""));
  }

  @Test
  void copy_keepsEveryGroup_asCpADoes() {
    Shell.run(tmp, "cp -a src cp");

    PcopyResult result = Pcopy.args(src.toString(), dst.toString()).run();

    assertEquals(0, result.exitCode(), result.toString());
    assertEquals(List.of(), result.stderrLines(), result.toString());
    ExactTree.assertSameAs(tmp.resolve("cp"), dst);
    assertEquals(times(tmp.resolve("cp")), times(dst), "the entries' own times");
    assertEquals(0, result.summaryCount("file"), result.toString());
    assertEquals(3, result.summaryCount("link"), result.toString());
    assertEquals(Shell.isRoot() ? 7 : 5, result.summaryCount("special"), result.toString());
  }

  /**
   * A copy made apart ({@code --no-hard-links}) is mended by linking each member to one that
   * is already right, as for regular files; the run after that changes nothing.
   */
  @Test
  void rerun_overACopyMadeApart_linksTheMembers_andTheNextRunChangesNothing() {
    Shell.run(tmp, "cp -a src cp");
    PcopyResult apart = Pcopy.args("--no-hard-links", src.toString(), dst.toString()).run();
    assertEquals(0, apart.exitCode(), apart.toString());
    assertEquals(List.of(), ExactTree.linkGroups(ExactTree.stats(dst)), apart.toString());

    PcopyResult rerun = Pcopy.args("-v", src.toString(), dst.toString()).run();

    assertEquals(0, rerun.exitCode(), rerun.toString());
    ExactTree.assertSameAs(tmp.resolve("cp"), dst);
    assertEquals(times(tmp.resolve("cp")), times(dst), "the entries' own times");
    List<String> actions = rerun.stdoutLines().stream().filter(l -> !l.startsWith("pcopy: "))
        .toList();
    assertEquals(Shell.isRoot() ? 6 : 5, actions.size(), rerun.toString());
    assertTrue(actions.stream().allMatch(l -> l.startsWith("hardlink ")), rerun.toString());
    assertTrue(rerun.summaryLine().orElseThrow().startsWith("pcopy: copied 0 files, 2 links, "
        + (Shell.isRoot() ? 4 : 3) + " special files, 0 B in "), rerun.toString());
    assertEquals(Shell.isRoot() ? 4 : 3, rerun.summaryCount("unchanged"), rerun.toString());
    TreeSnapshot before = TreeSnapshot.of(dst);

    PcopyResult again = Pcopy.args(src.toString(), dst.toString()).run();

    assertEquals(0, again.exitCode(), again.toString());
    assertTrue(again.summaryLine().orElseThrow().startsWith("pcopy: copied 0 files, 0 links, 0 B"),
        again.toString());
    before.assertUnchanged("DST", again);
  }

  /**
   * A dry run lists one creation per group and a hard link for each other member, counted as
   * the real run counts them; the real run's {@code -v} lines are as many of each.
   */
  @Test
  void dryRun_listsOneCreationPerGroup_andLinksForTheRest_asTheRealRunDoes() {
    PcopyResult dry = Pcopy.args("-n", src.toString(), dst.toString()).run();

    assertEquals(0, dry.exitCode(), dry.toString());
    assertFalse(Files.exists(dst), "a dry run wrote DST");
    PcopyResult real = Pcopy.args("-v", src.toString(), dst.toString()).run();
    assertEquals(0, real.exitCode(), real.toString());
    for (PcopyResult run : List.of(dry, real)) {
      List<String> lines = run.stdoutLines();
      assertEquals(1, count(lines, "link (sym|sym2|d/sym3) -> target"), run.toString());
      assertEquals(2, count(lines, "hardlink (sym|sym2|d/sym3) => (sym|sym2|d/sym3)"),
          run.toString());
      assertEquals(1, count(lines, "mkfifo (p|p2|d/p3)"), run.toString());
      assertEquals(2, count(lines, "hardlink (p|p2|d/p3) => (p|p2|d/p3)"), run.toString());
      assertEquals(1, count(lines, "mksock (sock|d/sock2)"), run.toString());
      assertEquals(1, count(lines, "hardlink (sock|d/sock2) => (sock|d/sock2)"),
          run.toString());
      assertEquals(Shell.isRoot() ? 1 : 0, count(lines, "mknod (c|c2) c 1 3"), run.toString());
      assertEquals(Shell.isRoot() ? 1 : 0, count(lines, "hardlink (c|c2) => (c|c2)"),
          run.toString());
      assertEquals(3, run.summaryCount("link"), run.toString());
      assertEquals(Shell.isRoot() ? 7 : 5, run.summaryCount("special"), run.toString());
    }
  }

  /** Members an exclusion leaves out are not copied; the others still share one inode. */
  @Test
  void exclude_leavingMembersOut_linksTheOthers() {
    PcopyResult result = Pcopy.args("--exclude", "sym2", "--exclude", "p2",
        src.toString(), dst.toString()).run();

    assertEquals(0, result.exitCode(), result.toString());
    assertFalse(Files.exists(dst.resolve("sym2"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    List<Set<String>> groups = Shell.isRoot()
        ? List.of(Set.of("./c", "./c2"), Set.of("./d/p3", "./p"), Set.of("./d/sock2", "./sock"),
            Set.of("./d/sym3", "./sym"))
        : List.of(Set.of("./d/p3", "./p"), Set.of("./d/sock2", "./sock"),
            Set.of("./d/sym3", "./sym"));
    assertEquals(groups, ExactTree.linkGroups(ExactTree.stats(dst)), result.toString());
    assertEquals(2, ExactTree.stats(dst).get("./sym").links(), result.toString());
  }

  /** A list that names some members of a group: those are linked, across directories. */
  @Test
  void filesFrom_namingSomeMembers_linksThose() throws IOException {
    Path list = Files.writeString(tmp.resolve("list"), "sym2\nd/sym3\np\n",
        StandardCharsets.UTF_8);

    PcopyResult result = Pcopy.args("--files-from", list.toString(), src.toString(),
        dst.toString()).run();

    assertEquals(0, result.exitCode(), result.toString());
    assertEquals(List.of(Set.of("./d/sym3", "./sym2")),
        ExactTree.linkGroups(ExactTree.stats(dst)), result.toString());
    assertEquals(1, ExactTree.stats(dst).get("./p").links(), result.toString());
  }

  /**
   * One symbolic link and one FIFO with a member in each of many directories, copied by four
   * workers: each directory's entries go in tasks of their own, so the links wait for a write
   * another worker may carry out.
   */
  @Test
  void groupsSpreadOverManyDirectories_areKept_whicheverWorkersCopyThem() {
    StringBuilder script = new StringBuilder("mkdir wide && cd wide && ln -s far l && mkfifo f");
    for (int i = 0; i < 12; i++) {
      script.append(" && mkdir d").append(i).append(" && ln -P l d").append(i)
          .append("/l && ln f d").append(i).append("/f");
    }
    Shell.run(tmp, script.toString());
    Shell.run(tmp, "cp -a wide cp");

    PcopyResult result = Pcopy.args("-w", "4", tmp.resolve("wide").toString(), dst.toString())
        .run();

    assertEquals(0, result.exitCode(), result.toString());
    ExactTree.assertSameAs(tmp.resolve("cp"), dst);
    assertEquals(13, ExactTree.stats(dst).get("./l").links(), result.toString());
  }

  /**
   * A re-run over a copy made apart after the source's link got a new time and its FIFO a new
   * mode: the fix of each group's first member is made before any link to it, which would give
   * it a second name that a fix leaves alone. Members in many directories go to four workers,
   * so without the wait a link would often come first.
   */
  @Test
  void rerun_overACopyMadeApart_whoseSourceChanged_fixesTheAnchorBeforeLinkingToIt() {
    StringBuilder script = new StringBuilder("mkdir wide && cd wide && ln -s far l && mkfifo f");
    for (int i = 0; i < 20; i++) {
      script.append(" && mkdir d").append(i).append(" && ln -P l d").append(i)
          .append("/l && ln f d").append(i).append("/f");
    }
    Shell.run(tmp, script.toString());
    String wide = tmp.resolve("wide").toString();
    assertEquals(0, Pcopy.args("--no-hard-links", wide, dst.toString()).run().exitCode());
    Shell.run(tmp, "touch -h -d '2001-02-03 04:05:06' wide/l && chmod 0600 wide/f"
        + " && cp -a wide cp");

    PcopyResult rerun = Pcopy.args("-w", "4", wide, dst.toString()).run();

    assertEquals(0, rerun.exitCode(), rerun.toString());
    assertEquals(List.of(), rerun.stderrLines(), rerun.toString());
    ExactTree.assertSameAs(tmp.resolve("cp"), dst);
    assertEquals(times(tmp.resolve("cp")), times(dst), "the entries' own times");
  }

  private static long count(List<String> lines, String regex) {
    return lines.stream().filter(l -> l.matches(regex)).count();
  }

  /** Every entry's own modification time ({@code stat}, never through a link), by path. */
  private static String times(Path root) {
    return Shell.attempt(root, "find . -mindepth 1 -exec stat -c '%n %y' {} + | LC_ALL=C sort")
        .stdoutText();
  }
}
