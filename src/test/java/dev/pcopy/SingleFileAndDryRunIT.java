package dev.pcopy;

import static dev.pcopy.testing.TreeAssert.assertSameFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.testing.Pcopy;
import dev.pcopy.testing.Shell;
import dev.pcopy.testing.PcopyResult;
import dev.pcopy.testing.TestTrees;
import dev.pcopy.testing.TreeSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A regular file as SRC (copied to DST, or into DST when that is a directory), and
 * {@code --dry-run}, which lists what a run would do and writes nothing.
 */
class SingleFileAndDryRunIT {
  @TempDir
  Path tmp;

  @Test
  void singleFile_toNewPath_createsParentsAndKeepsModeAndTime() throws IOException {
    Path src = TestTrees.at(tmp.resolve("src"), 1).file("tool", 3 << 20, 04750).finish();
    Path dst = tmp.resolve("a/b/copy-of-tool");

    PcopyResult result = Pcopy.args(src.resolve("tool").toString(), dst.toString()).run();

    assertEquals(0, result.exitCode(), result.toString());
    assertSameFile(src.resolve("tool"), dst);
    assertEquals(List.of(dst.getFileName()), list(dst.getParent()));
  }

  @Test
  void singleFile_toExistingDirectory_goesInsideIt() throws IOException {
    Path src = TestTrees.at(tmp.resolve("src"), 1).file("data.bin", 1000, 0640).finish();
    Path dst = TestTrees.at(tmp.resolve("dst"), 2).file("other", 10, 0644).finish();

    PcopyResult result = Pcopy.args(src.resolve("data.bin").toString(), dst.toString()).run();

    assertEquals(0, result.exitCode(), result.toString());
    assertSameFile(src.resolve("data.bin"), dst.resolve("data.bin"));
    assertTrue(Files.isRegularFile(dst.resolve("other")));
  }

  @Test
  void singleFile_toExistingFile_replacesIt() throws IOException {
    Path src = TestTrees.at(tmp.resolve("src"), 1).file("new", 500, 0600).finish();
    Path dst = TestTrees.at(tmp.resolve("dst"), 2).file("old", 700, 0644).finish()
        .resolve("old");

    PcopyResult result = Pcopy.args(src.resolve("new").toString(), dst.toString()).run();

    assertEquals(0, result.exitCode(), result.toString());
    assertSameFile(src.resolve("new"), dst);
  }

  @Test
  void dryRun_intoMissingTarget_listsEverythingAndWritesNothing() throws IOException {
    Path src = TestTrees.richTree(tmp.resolve("src"));
    Shell.run(src, "mkfifo fifo");
    TreeSnapshot before = TreeSnapshot.of(tmp);

    PcopyResult result = Pcopy.args("--dry-run", src.toString(),
        tmp.resolve("out/dst").toString()).timeout(Duration.ofSeconds(30)).run();

    assertEquals(0, result.exitCode(), result.toString());
    assertUnchanged(before, TreeSnapshot.of(tmp));
    List<String> out = result.stdoutLines();
    for (String line : List.of("copy docs/readme.txt", "copy data/big-3MiB", "copy bin/setuid-tool",
        "mkdir empty", "mkdir deep/a/b/c/d/e/f/g/h/empty-too",
        "link links/relative -> ../docs/readme.txt", "link links/dangling -> does/not/exist")) {
      assertTrue(out.contains(line), "dry run does not list '" + line + "'\n" + result);
    }
    assertTrue(result.stdout().contains("would copy"), result.toString());
    assertTrue(out.stream().anyMatch(l -> l.startsWith("mkfifo ") && l.contains("fifo")),
        "the FIFO is not listed\n" + result);
  }

  @Test
  void dryRun_onUpToDateTarget_listsOnlyChangesAndWritesNothing() throws IOException {
    Path src = TestTrees.richTree(tmp.resolve("src"));
    Path dst = tmp.resolve("dst");
    assertEquals(0, Pcopy.args(src.toString(), dst.toString()).run().exitCode());
    Files.writeString(src.resolve("docs/readme.txt"), "changed");
    Files.delete(dst.resolve("bin/tool"));
    TreeSnapshot before = TreeSnapshot.of(tmp);

    PcopyResult result = Pcopy.args("-n", src.toString(), dst.toString()).run();

    assertEquals(0, result.exitCode(), result.toString());
    assertUnchanged(before, TreeSnapshot.of(tmp));
    List<String> actions = result.stdoutLines().stream()
        .filter(l -> l.startsWith("copy ") || l.startsWith("link ") || l.startsWith("mkdir "))
        .toList();
    assertEquals(List.of("copy bin/tool", "copy docs/readme.txt"), actions.stream().sorted()
        .toList(), result.toString());
  }

  /**
   * Entries the real run fails (something else where a directory goes, a directory where a file
   * goes) are reported by the dry run before it, in the same lines and with the same exit code.
   */
  @Test
  void dryRun_reportsTheEntriesTheRealRunFailsAtTheDestination_inTheSameWords()
      throws IOException {
    Path src = TestTrees.at(tmp.resolve("s"), 1).file("sub/f", 10, 0644).file("d2/g", 10, 0644)
        .file("fileVsDir", 10, 0644).file("ok", 10, 0644).finish();
    Path dst = Files.createDirectories(tmp.resolve("d/fileVsDir")).getParent();
    Files.createSymbolicLink(dst.resolve("sub"), Files.createDirectory(tmp.resolve("outside")));
    Files.writeString(dst.resolve("d2"), "a file");
    TreeSnapshot before = TreeSnapshot.of(tmp);

    PcopyResult dryRun = Pcopy.args("-n", "s", "d").in(tmp).run();
    assertUnchanged(before, TreeSnapshot.of(tmp));
    PcopyResult real = Pcopy.args("s", "d").in(tmp).run();

    assertEquals(1, real.exitCode(), real.toString());
    assertEquals(List.of("pcopy: error: d/d2: cannot create directory: exists and is not a"
        + " directory", "pcopy: error: d/fileVsDir: Is a directory", "pcopy: error: d/sub: cannot"
        + " create directory: exists and is not a directory"), errorLines(real), real.toString());
    assertEquals(1, dryRun.exitCode(), dryRun.toString());
    assertEquals(errorLines(real), errorLines(dryRun), dryRun.toString());
    assertEquals(List.of("copy ok"), dryRun.stdoutLines().stream()
        .filter(l -> !l.startsWith("pcopy: ")).toList(), dryRun.toString());
    assertEquals(real.summaryCount("failed"), dryRun.summaryCount("failed"), dryRun.toString());
  }

  /**
   * A user who may not read a source file or directory: the dry run reports both as the real
   * run does (the file as {@code access(2)} judges it, the directory by listing it).
   */
  @Test
  void dryRun_reportsUnreadableSourcesAsTheRealRunDoes() throws IOException {
    Path src = TestTrees.at(tmp.resolve("s"), 1).file("secret", 10, 0000)
        .file("locked/x", 10, 0644).directory("locked", 0000).file("ok/f", 10, 0644).finish();
    Pcopy.handOverToUnprivilegedUser(tmp, src);

    PcopyResult dryRun = Pcopy.args("-n", "s", "d").in(tmp).unprivileged().run();
    PcopyResult real = Pcopy.args("s", "d").in(tmp).unprivileged().run();

    assertEquals(1, real.exitCode(), real.toString());
    assertEquals(List.of("pcopy: error: s/locked: Permission denied",
        "pcopy: error: s/secret: Permission denied"), errorLines(real), real.toString());
    assertEquals(1, dryRun.exitCode(), dryRun.toString());
    assertEquals(errorLines(real), errorLines(dryRun), dryRun.toString());
    assertFalse(dryRun.stdoutLines().contains("copy secret"), dryRun.toString());
    assertEquals(2, dryRun.summaryCount("failed"), dryRun.toString());
  }

  private static List<String> errorLines(PcopyResult result) {
    return result.stderrLines().stream().filter(l -> l.startsWith("pcopy: error: ")).sorted()
        .toList();
  }

  @Test
  void dryRun_singleFileIntoAMissingDirectory_listsItsMkdir() throws IOException {
    TestTrees.at(tmp.resolve("src"), 1).file("f", 10, 0644).finish();

    PcopyResult result = Pcopy.args("-n", "src/f", "newdir/").in(tmp).run();

    assertEquals(0, result.exitCode(), result.toString());
    assertEquals(List.of("mkdir newdir", "copy src/f -> newdir/f"),
        result.stdoutLines().subList(0, 2), result.toString());
    assertFalse(Files.exists(tmp.resolve("newdir")));
  }

  @Test
  void dryRun_singleFile_listsItAndWritesNothing() throws IOException {
    Path src = TestTrees.at(tmp.resolve("src"), 1).file("f", 10, 0644).finish();
    TreeSnapshot before = TreeSnapshot.of(tmp);

    PcopyResult result = Pcopy.args("-n", "src/f", "dst/f").in(tmp).run();

    assertEquals(0, result.exitCode(), result.toString());
    assertUnchanged(before, TreeSnapshot.of(tmp));
    assertTrue(result.stdoutLines().contains("copy src/f -> dst/f"), result.toString());
    assertFalse(Files.exists(tmp.resolve("dst")));
    assertTrue(Files.exists(src.resolve("f")));
  }

  @Test
  void dryRun_singleFileIntoADirectory_namesThePathItWouldWrite() throws IOException {
    TestTrees.at(tmp.resolve("src"), 1).file("f", 10, 0644).finish();
    Files.createDirectory(tmp.resolve("dst"));

    PcopyResult result = Pcopy.args("-n", "src/f", "dst/").in(tmp).run();

    assertEquals(0, result.exitCode(), result.toString());
    assertEquals("copy src/f -> dst/f", result.stdoutLines().get(0), result.toString());
    assertFalse(Files.exists(tmp.resolve("dst/f")));
  }

  @Test
  void dryRun_targetWithTheRightContentButAnotherMode_listsChmodThatTheRerunThenDoes()
      throws IOException {
    Path src = TestTrees.at(tmp.resolve("src"), 1).file("a", 10, 0644).file("sub/b", 10, 0600)
        .finish();
    Path dst = tmp.resolve("dst");
    assertEquals(0, Pcopy.args(src.toString(), dst.toString()).run().exitCode());
    Files.setPosixFilePermissions(dst.resolve("a"), PosixFilePermissions.fromString("rw-------"));
    Files.setPosixFilePermissions(dst.resolve("sub"), PosixFilePermissions.fromString("rwx------"));
    TreeSnapshot before = TreeSnapshot.of(tmp);

    PcopyResult dryRun = Pcopy.args("-n", "src", "dst").in(tmp).run();

    assertEquals(0, dryRun.exitCode(), dryRun.toString());
    assertUnchanged(before, TreeSnapshot.of(tmp));
    assertEquals(List.of("chmod 644 a", "chmod 755 sub",
        "pcopy: would copy 0 files, 0 links, 0 B; would fix 2 modes; 1 unchanged, 0 failed"),
        dryRun.stdoutLines(), dryRun.toString());
    assertEquals(0, Pcopy.args("src", "dst").in(tmp).run().exitCode());
    assertEquals(List.of("pcopy: would copy 0 files, 0 links, 0 B; 2 unchanged, 0 failed"),
        Pcopy.args("-n", "src", "dst").in(tmp).run().stdoutLines());
  }

  @Test
  void dryRun_dereference_listsLinksToFilesByTheirOwnNames() throws IOException {
    Path outside = TestTrees.at(tmp.resolve("outside"), 3).file("target", 10, 0644).finish();
    TestTrees.at(tmp.resolve("src"), 4).file("plain", 10, 0644)
        .link("link-to-plain", "plain")
        .link("link-outside", outside.resolve("target").toString()).finish();

    PcopyResult result = Pcopy.args("-n", "-L", "src", "dst").in(tmp).run();

    assertEquals(0, result.exitCode(), result.toString());
    assertEquals(List.of("copy link-outside", "copy link-to-plain", "copy plain"),
        result.stdoutLines().stream().filter(l -> l.startsWith("copy ")).sorted().toList(),
        result.toString());
  }

  private static void assertUnchanged(TreeSnapshot before, TreeSnapshot after) {
    assertEquals(before.entries(), after.entries(),
        "the dry run wrote something:" + before.describeChangesTo(after));
  }

  private static List<Path> list(Path dir) throws IOException {
    try (var s = Files.list(dir)) {
      return s.map(Path::getFileName).sorted().toList();
    }
  }
}
