package dev.pcopy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.pcopy.testing.ExactTree;
import dev.pcopy.testing.Pcopy;
import dev.pcopy.testing.PcopyResult;
import dev.pcopy.testing.Shell;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A re-run that fixes an existing directory's metadata says so, a line for each kind of fix, in
 * the dry run and with {@code -v} alike ({@code chmod}, {@code setfacl}, {@code setfattr},
 * {@code touch}), the top directory ({@code .}) included, and counts it in the summary. What a
 * copy gives the directories it makes, and the time it puts back on a directory whose entries
 * it changed, are part of copying: no line.
 */
class DirectoryFixesIT {
  @TempDir
  Path tmp;

  @Test
  void rerun_fixingDirectoriesModesAttributesAclsAndTimes_printsTheSameLinesInBoth() {
    Path src = tmp.resolve("src");
    Path dst = tmp.resolve("dst");
    Shell.run(tmp, "mkdir -p src/sub/deep src/acl src/same && printf a > src/sub/a"
        + " && printf c > src/sub/deep/c && printf s > src/same/s");
    assertEquals(0, Pcopy.args("-q", src.toString(), dst.toString()).run().exitCode());
    Shell.run(tmp, "setfattr -n user.x -v 1 src/sub && chmod 700 dst/sub"
        + " && touch -d 2001-01-01 dst/sub"
        + " && setfattr -n user.stray -v 1 dst/sub/deep && touch -d 2002-02-02 dst/sub/deep"
        + " && setfacl -m u:65534:rx dst/acl && touch -r src/acl dst/acl"
        + " && touch -d 2003-03-03 dst");

    PcopyResult dry = Pcopy.args("-n", src.toString(), dst.toString()).run();
    PcopyResult real = Pcopy.args("-v", src.toString(), dst.toString()).run();
    PcopyResult again = Pcopy.args("-n", src.toString(), dst.toString()).run();

    List<String> fixes = List.of("chmod 755 sub", "setfacl acl", "setfattr sub",
        "setfattr sub/deep", "touch .", "touch sub", "touch sub/deep");
    assertEquals(fixes, actions(dry), dry.toString());
    assertEquals(fixes, actions(real), real.toString());
    assertEquals(0, real.exitCode(), real.toString());
    for (PcopyResult r : List.of(dry, real)) {
      assertEquals(1, r.summaryCount("mode"), r.toString());
      assertEquals(3, r.summaryCount("time"), r.toString());
      assertEquals(3, r.summaryCount("attribute"), r.toString());
    }
    assertEquals(List.of(), actions(again), again.toString());
    assertFalse(again.summaryLine().orElseThrow().contains("fix"), again.toString());
    assertEquals(ExactTree.xattrs(src), ExactTree.xattrs(dst));
  }

  /**
   * A first copy gives every directory it makes its metadata without a line (its
   * {@code mkdir} says it); a re-run that copies a file its source directory gained puts that
   * directory's time back without a {@code touch} line either: the {@code copy} line is what
   * changes it ({@code rsync -i} would add {@code .d..t......} for it).
   */
  @Test
  void firstCopy_andARerunThatAddsAFile_haveNoDirectoryLines() {
    Path src = tmp.resolve("src");
    Path dst = tmp.resolve("dst");
    Shell.run(tmp, "mkdir -p src/sub/deep && printf a > src/sub/a && setfattr -n user.x -v 1"
        + " src/sub && chmod 750 src/sub/deep && touch -d 2001-01-01 src/sub/deep src/sub");

    PcopyResult first = Pcopy.args("-v", src.toString(), dst.toString()).run();
    Shell.run(tmp, "printf n > src/sub/new");
    PcopyResult dry = Pcopy.args("-n", src.toString(), dst.toString()).run();
    PcopyResult real = Pcopy.args("-v", src.toString(), dst.toString()).run();

    assertEquals(List.of("copy sub/a", "mkdir sub", "mkdir sub/deep"), actions(first),
        first.toString());
    assertEquals(List.of("copy sub/new"), actions(dry), dry.toString());
    assertEquals(List.of("copy sub/new"), actions(real), real.toString());
    assertEquals(ExactTree.xattrs(src), ExactTree.xattrs(dst));
  }

  /** The action lines of a dry run or of {@code -v}, sorted. */
  private static List<String> actions(PcopyResult result) {
    return result.stdoutLines().stream().filter(l -> !l.startsWith("pcopy: ")).sorted().toList();
  }
}
