package dev.pcopy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.testing.Pcopy;
import dev.pcopy.testing.PcopyResult;
import dev.pcopy.testing.Shell;
import dev.pcopy.testing.TestMount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Choosing what to copy (docs/selection.md), on real trees: {@code --exclude} and
 * {@code --include} in order with the first match winning and gitignore-style patterns, rule
 * files, {@code --files-from} with newlines or NULs, size limits with units,
 * {@code -x}, names that are not UTF-8 chosen by their raw bytes, and excluded directories that
 * are never walked.
 */
class SelectionIT {
  @TempDir
  Path tmp;

  @Test
  void rules_firstMatchWins_withGitignoreStylePatterns() throws IOException {
    Path src = tree("a.log", "keep/b.log", "keep/important.log", "keep/c.txt", "build/x/y",
        "sub/build/z", "sub/file/build", "top-only", "sub/top-only", "tmp/in/j",
        "a/b/tmp/deep/k", "a/b/tmp.txt");

    PcopyResult result = Pcopy.args("--include", "important.log", "--exclude", "*.log",
        "--exclude", "build/", "--exclude", "/top-only", "--exclude", "**/tmp/**",
        src.toString(), dst().toString()).run();

    assertEquals(0, result.exitCode(), result.toString());
    assertEquals(List.of("a/", "a/b/", "a/b/tmp.txt", "a/b/tmp/", "keep/", "keep/c.txt",
        "keep/important.log", "sub/", "sub/file/", "sub/file/build", "sub/top-only", "tmp/"),
        listing(dst()));
  }

  /** A '!' rule turns around; it works only before the rule it makes an exception to. */
  @Test
  void rules_anExceptionAfterTheRuleItExcepts_comesTooLate() throws IOException {
    Path src = tree("x.log", "important.log", "other.txt");

    PcopyResult early = Pcopy.args("--exclude", "!important.log", "--exclude", "*.log",
        src.toString(), tmp.resolve("early").toString()).run();
    PcopyResult late = Pcopy.args("--exclude", "*.log", "--exclude", "!important.log",
        src.toString(), tmp.resolve("late").toString()).run();

    assertEquals(0, early.exitCode(), early.toString());
    assertEquals(0, late.exitCode(), late.toString());
    assertEquals(List.of("important.log", "other.txt"), listing(tmp.resolve("early")));
    assertEquals(List.of("other.txt"), listing(tmp.resolve("late")));
  }

  /**
   * Rule files are read in order where they appear on the command line, with comments, blank
   * lines and trailing blanks dropped.
   */
  @Test
  void ruleFiles_areInsertedWhereTheyAppear() throws IOException {
    Path src = tree("a.o", "vendor/lib.o", "src/main.c", "cache/x", "notes.txt", "keep.txt");
    Files.writeString(tmp.resolve("rules"), "# caches and objects\n\ncache/   \n"
        + "; another comment\n!vendor/lib.o\n*.o\r\n");
    Files.writeString(tmp.resolve("includes"), "keep.txt\n");

    PcopyResult result = Pcopy.args("--include-from", tmp.resolve("includes").toString(),
        "--exclude-from", tmp.resolve("rules").toString(), "--exclude", "*.txt",
        src.toString(), dst().toString()).run();

    assertEquals(0, result.exitCode(), result.toString());
    assertEquals(List.of("keep.txt", "src/", "src/main.c", "vendor/", "vendor/lib.o"),
        listing(dst()));
  }

  /**
   * A listed file is copied, a listed directory whole, the directories leading to them are
   * made and nothing else in them is copied; comments are skipped and './' dropped.
   */
  @Test
  void filesFrom_copiesTheListedPathsAndTheDirectoriesLeadingToThem() throws IOException {
    Path src = tree("a/b/f1", "a/other", "c/f3", "c/d/f4", "e/f5", "top");
    Files.writeString(tmp.resolve("list"), "./a/b/f1\n# a comment\nc/\n\ntop\n");

    PcopyResult result = Pcopy.args("-v", "--files-from", tmp.resolve("list").toString(),
        src.toString(), dst().toString()).run();

    assertEquals(0, result.exitCode(), result.toString());
    assertEquals(List.of("a/", "a/b/", "a/b/f1", "c/", "c/d/", "c/d/f4", "c/f3", "top"),
        listing(dst()));
    // The directories on the way get their source's mode and time.
    assertEquals(Files.getLastModifiedTime(src.resolve("a")),
        Files.getLastModifiedTime(dst().resolve("a")));
  }

  /** NUL-separated lists (find -print0) hold any name, a newline or trailing blank included. */
  @Test
  void filesFrom_withFrom0_takesNamesExactly() throws IOException {
    Path src = tree("plain", "not listed");
    Files.writeString(src.resolve("new\nline"), "n");
    Files.writeString(src.resolve("blank "), "b");
    Shell.run(src, "printf 'new\\nline\\0blank \\0plain\\0' > ../list0");

    PcopyResult result = Pcopy.args("-0", "--files-from", tmp.resolve("list0").toString(),
        src.toString(), dst().toString()).run();

    assertEquals(0, result.exitCode(), result.toString());
    assertEquals(List.of("blank ", "new\nline", "plain"), listing(dst()));
  }

  /** A listed path that SRC lacks is an error that names it; the rest is copied. */
  @Test
  void filesFrom_aListedPathThatDoesNotExist_isReported() throws IOException {
    Path src = tree("there", "dir/inside");
    Files.writeString(tmp.resolve("list"), "there\nmissing\ndir/gone\nno/such/dir\n");

    PcopyResult result = Pcopy.args("--files-from", tmp.resolve("list").toString(),
        src.toString(), dst().toString()).run();

    assertEquals(1, result.exitCode(), result.toString());
    for (String missing : new String[] {"missing", "dir/gone", "no"}) {
      assertTrue(result.stderrLines().contains("pcopy: error: " + src.resolve(missing)
          + ": No such file or directory (listed by --files-from)"), result.toString());
    }
    assertEquals(3, result.summaryCount("failed"), result.toString());
    assertEquals(List.of("dir/", "there"), listing(dst()));
  }

  /**
   * A listed path through a symbolic link ({@code link/x}, {@code link -> dir}) or through a
   * file ({@code file/x}) is an error naming it, exit 1, in the dry run too; the link is never
   * followed and nothing is copied through it.
   */
  @Test
  void filesFrom_aListedPathThroughALinkOrAFile_isAnErrorAndIsNeverFollowed() throws IOException {
    Path src = tree("dir/x", "dir/y", "file", "kept");
    Files.createSymbolicLink(src.resolve("link"), Path.of("dir"));
    Files.writeString(tmp.resolve("list"), "link/x\nlink/sub/z\nfile/x\nkept\n");

    PcopyResult result = Pcopy.args("--files-from", tmp.resolve("list").toString(),
        src.toString(), dst().toString()).run();
    PcopyResult dryRun = Pcopy.args("-n", "--files-from", tmp.resolve("list").toString(),
        src.toString(), tmp.resolve("never").toString()).run();

    for (PcopyResult r : new PcopyResult[] {result, dryRun}) {
      assertEquals(1, r.exitCode(), r.toString());
      for (String through : new String[] {"link/x", "link/sub/z"}) {
        assertTrue(r.stderrLines().contains("pcopy: error: " + src.resolve(through)
            + ": below a symbolic link (link), which is not followed (listed by --files-from)"),
            r.toString());
      }
      assertTrue(r.stderrLines().contains("pcopy: error: " + src.resolve("file/x")
          + ": Not a directory: file is a regular file (listed by --files-from)"), r.toString());
      assertEquals(3, r.summaryCount("failed"), r.toString());
    }
    assertEquals(List.of("kept"), listing(dst()));
    assertFalse(Files.exists(tmp.resolve("never")));
  }

  /**
   * Absolute paths in a list (as {@code find /data/src} writes them) are taken relative to SRC
   * when they lie below it; one outside SRC is refused before anything is written, exit 2, never
   * reread as a path below SRC.
   */
  @Test
  void filesFrom_absolutePaths_belowSrcAreCopied_outsideAreRefused() throws IOException {
    Path src = tree("a/f1", "b/f2", "etc/passwd");
    Files.writeString(tmp.resolve("below"), src.resolve("a/f1") + "\n");
    Files.writeString(tmp.resolve("outside"), "b/f2\n/etc/passwd\n");

    PcopyResult below = Pcopy.args("--files-from", tmp.resolve("below").toString(),
        src.toString(), dst().toString()).run();
    PcopyResult outside = Pcopy.args("--files-from", tmp.resolve("outside").toString(),
        src.toString(), tmp.resolve("never").toString()).run();

    assertEquals(0, below.exitCode(), below.toString());
    assertEquals(List.of("a/", "a/f1"), listing(dst()));
    assertEquals(2, outside.exitCode(), outside.toString());
    assertEquals(1, outside.stderrLines().size(), outside.toString());
    assertTrue(outside.stderr().startsWith("pcopy: --files-from: " + tmp.resolve("outside")
        + ": line 2: '/etc/passwd': an absolute path not below SRC (" + src + ")"),
        outside.toString());
    assertFalse(Files.exists(tmp.resolve("never")));
  }

  /** Sizes take units (powers of 1024), both limits inclusive, regular files only. */
  @Test
  void sizeLimits_withUnits_areInclusive() throws IOException {
    Path src = tmp.resolve("src");
    Shell.run(tmp, "mkdir -p src/dir && truncate -s 10239 src/under && truncate -s 10240 src/min"
        + " && truncate -s 1048576 src/max && truncate -s 1048577 src/over"
        + " && ln -s under src/link && truncate -s 20000 src/dir/mid");

    PcopyResult result = Pcopy.args("--min-size", "10K", "--max-size", "1MiB", src.toString(),
        dst().toString()).run();
    PcopyResult fraction = Pcopy.args("--max-size", "0.5k", src.toString(),
        tmp.resolve("fraction").toString()).run();

    assertEquals(0, result.exitCode(), result.toString());
    assertEquals(List.of("dir/", "dir/mid", "link", "max", "min"), listing(dst()));
    assertEquals(0, fraction.exitCode(), fraction.toString());
    assertEquals(List.of("dir/", "link"), listing(tmp.resolve("fraction")));
  }

  @Test
  void sizeLimits_anUnknownUnit_isBadUsage() {
    PcopyResult result = Pcopy.args("--max-size", "10X", tmp.toString(),
        tmp.resolve("never").toString()).run();

    assertEquals(2, result.exitCode(), result.toString());
    assertTrue(result.stderr().contains("--max-size: cannot read '10X': unknown unit 'X'"),
        result.toString());
    assertTrue(!Files.exists(tmp.resolve("never")), "bad usage wrote DST");
  }

  /**
   * {@code -x}: a file system mounted below SRC (a tmpfs, as root) is made as an empty
   * directory, not copied; without {@code -x} it is copied.
   */
  @Test
  void oneFileSystem_makesAMountPointButDoesNotCrossIt() throws IOException {
    Path src = tree("plain/a");
    try (TestMount mount = TestMount.tmpfs(src.resolve("mnt"))) {
      Shell.run(mount.path(), "printf 'other fs' > inside && mkdir deeper && chmod 0750 .");

      PcopyResult result = Pcopy.args("-x", src.toString(), dst().toString()).run();
      PcopyResult crossing = Pcopy.args(src.toString(), tmp.resolve("all").toString()).run();

      assertEquals(0, result.exitCode(), result.toString());
      assertEquals(List.of("mnt/", "plain/", "plain/a"), listing(dst()));
      assertEquals(0750, (Integer) Files.getAttribute(dst().resolve("mnt"), "unix:mode")
          & 07777);
      assertEquals(0, crossing.exitCode(), crossing.toString());
      assertEquals(List.of("mnt/", "mnt/deeper/", "mnt/inside", "plain/", "plain/a"),
          listing(tmp.resolve("all")));
    }
  }

  /**
   * Names are bytes: a pattern holding a Latin-1 name's raw bytes matches that name and not the
   * UTF-8 spelling of the same word, and '?' is one byte.
   */
  @Test
  void patterns_matchRawBytes_ofNamesThatAreNotUtf8() {
    Shell.run(tmp, "mkdir src && printf 1 > \"src/$(printf 'caf\\351.txt')\""
        + " && printf 2 > \"src/$(printf 'caf\\303\\251.txt')\" && printf 3 > src/plain.txt"
        + " && mkdir \"src/$(printf 'd\\377ir')\" && printf 4 > \"src/$(printf 'd\\377ir')/in\"");

    PcopyResult byBytes = Pcopy.shell("\"$PCOPY\" --exclude \"$(printf 'caf\\351*')\""
        + " --exclude \"$(printf 'd\\377ir/')\" src bytes").in(tmp).run();
    PcopyResult oneByte = Pcopy.shell("\"$PCOPY\" --exclude 'caf?.txt' src one").in(tmp).run();

    assertEquals(0, byBytes.exitCode(), byBytes.toString());
    assertEquals("caf\\303\\251.txt\nplain.txt\n", names(tmp.resolve("bytes")));
    assertEquals(0, oneByte.exitCode(), oneByte.toString());
    assertEquals("caf\\303\\251.txt\nd\\377ir\nplain.txt\n", names(tmp.resolve("one")));
  }

  /**
   * An excluded directory is not walked: one its user may not read causes no error when
   * excluded (and does without the rule, which shows the test reaches it).
   */
  @Test
  void anExcludedDirectory_isNotWalked_soAnUnreadableOneIsNoError() throws IOException {
    Path src = tree("ok/file", "locked/secret");
    Path dst = dst();
    Files.createDirectories(tmp.resolve("other"));
    Pcopy.handOverToUnprivilegedUser(tmp, src, tmp.resolve("other"));
    Shell.run(src, "chmod 0 locked");

    PcopyResult excluded = Pcopy.args("--exclude", "locked/", src.toString(), dst.toString())
        .unprivileged().run();
    PcopyResult walked = Pcopy.args(src.toString(), tmp.resolve("other/dst").toString())
        .unprivileged().run();
    Shell.run(src, "chmod 0755 locked");

    assertEquals(0, excluded.exitCode(), excluded.toString());
    assertEquals(List.of(), excluded.stderrLines(), excluded.toString());
    assertEquals(List.of("ok/", "ok/file"), listing(dst));
    assertEquals(1, walked.exitCode(), walked.toString());
    assertTrue(walked.stderr().contains("locked"), walked.toString());
  }

  private Path dst() {
    return tmp.resolve("dst");
  }

  /** Makes SRC with a small file at each of {@code files}, and their directories. */
  private Path tree(String... files) throws IOException {
    Path src = tmp.resolve("src");
    for (String f : files) {
      Path p = src.resolve(f);
      Files.createDirectories(p.getParent());
      Files.writeString(p, f);
    }
    Files.createDirectories(src);
    return src;
  }

  /** Every path below {@code root}, sorted, directories with a trailing '/'. */
  private static List<String> listing(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(p -> !p.equals(root))
          .map(p -> root.relativize(p).toString() + (Files.isDirectory(p) ? "/" : ""))
          .sorted().toList();
    }
  }

  /** The names in {@code dir} as {@code ls} prints them, bytes that are not ASCII in octal. */
  private static String names(Path dir) {
    return new String(Shell.output(dir, "LC_ALL=C ls -b"), StandardCharsets.UTF_8);
  }
}
