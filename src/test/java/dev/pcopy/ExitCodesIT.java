package dev.pcopy;

import static dev.pcopy.testing.TreeAssert.assertNoTempFiles;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pcopy.testing.Pcopy;
import dev.pcopy.testing.PcopyResult;
import dev.pcopy.testing.Shell;
import dev.pcopy.testing.TestTrees;
import dev.pcopy.testing.TreeSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The exit codes with real arguments: 0 for a full copy, 1 when some entries fail while the rest
 * are copied, 2 for bad usage or input with one line on stderr and nothing written. (130 for a
 * signal is in {@link InterruptIT}.)
 */
class ExitCodesIT {
  @TempDir
  Path tmp;

  /**
   * Each case runs in a directory holding {@code src/} (with {@code src/sub/}), {@code file.txt},
   * {@code other/}, {@code link-to-src -> src}, {@code link-to-sub -> src/sub} and {@code fifo}.
   */
  static Stream<Arguments> badInput() {
    return Stream.of(
        Arguments.of("source missing", List.of("missing", "dst")),
        Arguments.of("source missing, target parents missing", List.of("missing", "a/b/dst")),
        Arguments.of("source equals target", List.of("src", "src")),
        Arguments.of("source equals target, spelled differently", List.of("src", "./src/")),
        Arguments.of("target is a link to the source", List.of("src", "link-to-src")),
        Arguments.of("target inside source", List.of("src", "src/new")),
        Arguments.of("target deep inside source", List.of("src", "src/sub/x/y")),
        Arguments.of("target inside source through a link", List.of("src", "link-to-src/new")),
        Arguments.of("target inside source through ..", List.of("src", "other/../src/new")),
        Arguments.of("target inside source through link/..",
            List.of("src", "link-to-sub/../new")),
        Arguments.of("target is a file, source a directory", List.of("src", "file.txt")),
        Arguments.of("source is a FIFO", List.of("fifo", "dst")),
        Arguments.of("file source equals target", List.of("file.txt", "./file.txt")),
        Arguments.of("file source copied into its own directory", List.of("file.txt", ".")),
        // A rename over a FIFO or device node would replace it (found writing over /dev/null).
        Arguments.of("file source onto a FIFO", List.of("file.txt", "fifo")),
        Arguments.of("unknown option", List.of("--no-such-option", "src", "dst")),
        Arguments.of("zero workers", List.of("--workers", "0", "src", "dst")),
        Arguments.of("too many workers", List.of("--workers", "100000", "src", "dst")),
        Arguments.of("missing target argument", List.of("src")),
        Arguments.of("path starting with '-' without --", List.of("-dash", "dst")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInput")
  void badInput_exits2WithOneLineOnStderr_andWritesNothing(String name, List<String> args)
      throws IOException {
    TestTrees.at(tmp.resolve("src"), 1).file("a", 10, 0644).file("sub/b", 10, 0644).finish();
    Files.writeString(tmp.resolve("file.txt"), "a file");
    Files.createDirectory(tmp.resolve("other"));
    Files.createSymbolicLink(tmp.resolve("link-to-src"), tmp.resolve("src"));
    Files.createSymbolicLink(tmp.resolve("link-to-sub"), tmp.resolve("src/sub"));
    Shell.run(tmp, "mkfifo fifo");
    TestTrees.at(tmp.resolve("-dash"), 3).file("a", 10, 0644).finish();
    TreeSnapshot before = TreeSnapshot.of(tmp);

    PcopyResult result = Pcopy.args(args.toArray(String[]::new)).in(tmp).run();

    assertEquals(2, result.exitCode(), result.toString());
    assertEquals(1, result.stderrLines().size(), "not one line on stderr\n" + result);
    assertTrue(result.stderr().startsWith("pcopy: "), result.toString());
    assertEquals("", result.stdout(), result.toString());
    assertNoStackTrace(result);
    TreeSnapshot after = TreeSnapshot.of(tmp);
    assertEquals(before.entries(), after.entries(),
        "bad input wrote something:" + before.describeChangesTo(after));
  }

  @Test
  void unknownOption_isNamedWithTheHintThatDoubleDashEndsOptions() throws IOException {
    TestTrees.at(tmp.resolve("-dash"), 1).file("a", 10, 0644).finish();

    PcopyResult result = Pcopy.args("-dash", "out").in(tmp).run();

    assertEquals(2, result.exitCode(), result.toString());
    assertEquals(List.of("pcopy: unknown option '-dash' (to copy a path starting with '-', put --"
        + " before it or write ./-dash)"), result.stderrLines());
    assertFalse(Files.exists(tmp.resolve("out")));
  }

  @Test
  void pathStartingWithDash_isCopiedAfterDoubleDash() throws IOException {
    Path src = TestTrees.at(tmp.resolve("-dash"), 1).file("a", 10, 0644).finish();

    PcopyResult result = Pcopy.args("--", "-dash", "out").in(tmp).run();

    assertEquals(0, result.exitCode(), result.toString());
    assertCopied(src, tmp.resolve("out"), "a");
  }

  @Test
  void goodCopy_exits0() {
    Path src = TestTrees.at(tmp.resolve("src"), 1).file("a", 10, 0644).finish();

    PcopyResult result = Pcopy.args(src.toString(), tmp.resolve("dst").toString()).run();

    assertEquals(0, result.exitCode(), result.toString());
    assertEquals("", result.stderr(), result.toString());
  }

  /**
   * A terminal's Ctrl-C reaches ssh as well as pcopy: here the launcher signals pcopy and fails,
   * as an ssh client ended by the same SIGINT does, before any agent started.
   */
  @Test
  void signalWhileTheAgentsStart_endsAsTheSignalSays_notWithAnErrorAboutTheHosts()
      throws IOException {
    Path src = TestTrees.at(tmp.resolve("src"), 1).file("a", 10, 0644).finish();
    Path launcher = tmp.resolve("interrupted-ssh");
    Files.writeString(launcher, "#!/bin/sh\nkill -INT $PPID\nsleep 1\nexit 255\n");
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));

    // One host: a second signal would end pcopy at once whatever the change.
    PcopyResult result = Pcopy.args("--hosts", "n1", "--launcher", launcher + " {host}",
        src.toString(), tmp.resolve("dst").toString()).run();

    assertEquals(130, result.exitCode(), result.toString());
    assertFalse(result.stderr().contains("host"), result.toString());
  }

  /**
   * An entry the copy cannot read. Root reads anything, so as root pcopy runs as nobody for this
   * test (see {@link Pcopy#unprivileged}).
   */
  @Test
  void unreadableFile_exits1_andCopiesTheRest() throws IOException {
    Path src = TestTrees.at(tmp.resolve("src"), 1).file("readable-1", 100, 0644)
        .file("secret", 100, 0000).file("sub/readable-2", 100, 0644).finish();
    Path dst = tmp.resolve("dst");
    Pcopy.handOverToUnprivilegedUser(tmp, src);

    PcopyResult result = Pcopy.args(src.toString(), dst.toString()).unprivileged().run();

    assertEquals(1, result.exitCode(), result.toString());
    assertCopied(src, dst, "readable-1", "sub/readable-2");
    assertEquals(Pcopy.unprivilegedUid(), Files.getAttribute(dst, "unix:uid"),
        "pcopy did not run as the unprivileged user");
    assertFalse(Files.exists(dst.resolve("secret"), LinkOption.NOFOLLOW_LINKS));
    assertTrue(result.stderrLines().stream()
            .anyMatch(l -> l.startsWith("pcopy: error: ") && l.contains("secret")),
        "no error line about the unreadable file\n" + result);
    assertEquals(1, result.summaryCount("failed"), result.toString());
    assertNoStackTrace(result);
    assertNoTempFiles(dst);
  }

  /**
   * A directory below SRC that the user may not read (0000) fails, and its copy still gets the
   * mode and times its status says, as with {@code cp -a}: not the 0700 it was made with, nor
   * the time of the run. As root pcopy runs as nobody, for whom permission bits count.
   */
  @Test
  void unreadableDirectory_exits1_andItsCopyGetsItsModeAndTimes() throws IOException {
    Path src = TestTrees.at(tmp.resolve("src"), 1).file("D/f", 10, 0644)
        .file("other", 10, 0644).finish();
    Path dst = tmp.resolve("dst");
    Pcopy.handOverToUnprivilegedUser(tmp, src);
    FileTime old = FileTime.fromMillis(978_307_200_000L);
    Files.setAttribute(src.resolve("D"), "unix:mode", 0);
    Files.setLastModifiedTime(src.resolve("D"), old);

    PcopyResult result = Pcopy.args(src.toString(), dst.toString()).unprivileged().run();

    Files.setAttribute(src.resolve("D"), "unix:mode", 0755);
    assertEquals(1, result.exitCode(), result.toString());
    assertEquals(List.of("pcopy: error: " + src.resolve("D") + ": Permission denied"),
        result.stderrLines(), result.toString());
    assertCopied(src, dst, "other");
    assertEquals(0, (Integer) Files.getAttribute(dst.resolve("D"), "unix:mode") & 07777);
    assertEquals(old, Files.getLastModifiedTime(dst.resolve("D")));
    assertEquals(Pcopy.unprivilegedUid(), Files.getAttribute(dst.resolve("D"), "unix:uid"));
  }

  /**
   * A top-level SRC the user may not list (0000) or not search (0400): nothing in it could be
   * copied, so it is bad input, refused in one line before DST is made. As root pcopy runs as
   * nobody, for whom permission bits count.
   */
  @ParameterizedTest(name = "mode {0}")
  @MethodSource("unreadableSources")
  void unreadableSourceDirectory_exits2WithOneLine_andCreatesNothing(String mode, String line)
      throws IOException {
    Path src = TestTrees.at(tmp.resolve("src"), 1).file("a", 10, 0644).finish();
    Pcopy.handOverToUnprivilegedUser(tmp, src);
    Files.setAttribute(src, "unix:mode", Integer.parseInt(mode, 8));

    PcopyResult result = Pcopy.args("src", "dst").in(tmp).unprivileged().run();

    Files.setAttribute(src, "unix:mode", 0755);
    assertEquals(2, result.exitCode(), result.toString());
    assertEquals(List.of(line), result.stderrLines());
    assertFalse(Files.exists(tmp.resolve("dst"), LinkOption.NOFOLLOW_LINKS),
        "DST was created");
  }

  static Stream<Arguments> unreadableSources() {
    return Stream.of(
        Arguments.of("0000", "pcopy: src: cannot read source directory: Permission denied"),
        Arguments.of("0400", "pcopy: src: cannot search source directory: Permission denied"));
  }

  /** A failure that needs no permissions: a file's place is taken by a non-empty directory. */
  @Test
  void directoryInTheWayOfAFile_exits1_andCopiesTheRest() throws IOException {
    Path src = TestTrees.at(tmp.resolve("src"), 1).file("readable-1", 100, 0644)
        .file("blocked", 100, 0644).file("sub/readable-2", 3 << 20, 0644).finish();
    Path dst = TestTrees.at(tmp.resolve("dst"), 2).file("blocked/keep", 5, 0644).finish();

    PcopyResult result = Pcopy.args(src.toString(), dst.toString()).run();

    assertEquals(1, result.exitCode(), result.toString());
    assertCopied(src, dst, "readable-1", "sub/readable-2");
    assertTrue(Files.isRegularFile(dst.resolve("blocked/keep")), "the directory was damaged");
    assertTrue(result.stderrLines().stream()
            .anyMatch(l -> l.startsWith("pcopy: error: ") && l.contains("blocked")),
        "no error line about the blocked file\n" + result);
    assertEquals(1, result.summaryCount("failed"), result.toString());
    assertNoStackTrace(result);
    assertNoTempFiles(dst);
  }

  static void assertNoStackTrace(PcopyResult result) {
    assertFalse(result.stderr().contains("\tat "), "stack trace printed\n" + result);
    assertFalse(result.stderr().contains("Exception"), "exception printed\n" + result);
    assertFalse(result.stdout().contains("\tat "), "stack trace printed\n" + result);
  }

  private static void assertCopied(Path src, Path dst, String... names) throws IOException {
    List<String> wrong = new ArrayList<>();
    for (String name : names) {
      Path copy = dst.resolve(name);
      if (!Files.isRegularFile(copy, LinkOption.NOFOLLOW_LINKS)
          || Files.mismatch(src.resolve(name), copy) != -1) {
        wrong.add(name);
      }
    }
    assertArrayEquals(new String[0], wrong.toArray(), "not copied correctly");
  }

  @Test
  void targetInsideSourceThroughABindMount_isBadInput_andNothingIsWritten() throws IOException {
    Path src = TestTrees.at(tmp.resolve("src"), 43).file("a", 10, 0644).finish();
    Files.createDirectory(tmp.resolve("view"));
    // A bind mount shows src again at view; it needs a mount namespace of the test's own
    // (unshare -r adds a user namespace, so that this works without root too).
    String inNamespace = "exec unshare -rm sh -c 'mount --bind src view && exec \"$PCOPY\" %s'";
    PcopyResult probe = Pcopy.shell(String.format(inNamespace, "--version")).in(tmp).run();
    assumeTrue(probe.exitCode() == 0, "no private bind mount on this machine: " + probe);

    PcopyResult inside = Pcopy.shell(String.format(inNamespace, "src view/copy")).in(tmp).run();
    PcopyResult same = Pcopy.shell(String.format(inNamespace, "src view")).in(tmp).run();

    assertEquals(2, inside.exitCode(), inside.toString());
    assertEquals("pcopy: view/copy: destination is inside the source\n", inside.stderr());
    assertEquals(2, same.exitCode(), same.toString());
    assertEquals("pcopy: view: source and destination are the same\n", same.stderr());
    try (Stream<Path> entries = Files.list(src)) {
      assertEquals(List.of(src.resolve("a")), entries.toList(), "something was written");
    }
  }
}
