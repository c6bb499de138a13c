package dev.pcopy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.testing.Pcopy;
import dev.pcopy.testing.PcopyResult;
import dev.pcopy.testing.Shell;
import dev.pcopy.testing.TestMount;
import dev.pcopy.testing.TestTrees;
import dev.pcopy.testing.TreeSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ends that hold each other by identity though not by path (bind mounts, as root; skipped with
 * the reason elsewhere), and {@code --delete} with SRC inside DST: refused with exit 2 and one
 * line naming both, before anything is written or deleted.
 */
class NestedEndsIT {
  @TempDir
  Path tmp;

  private Path source() {
    return TestTrees.at(tmp.resolve("src"), 1).file("a", 10, 0644).file("sub/b", 10, 0644)
        .finish();
  }

  @Test
  void targetIsABindMountOfADirectoryOfTheSource_isRefused() {
    Path src = source();
    try (TestMount view = TestMount.bind(src.resolve("sub"), tmp.resolve("view"))) {
      TreeSnapshot before = TreeSnapshot.of(src);

      refused(Pcopy.args(src.toString(), view.path().toString()).run(), view.path(), src);
      refused(Pcopy.args(src.toString(), view.path().resolve("dst").toString()).run(),
          view.path().resolve("dst"), src);
      refused(Pcopy.args("-n", src.toString(), view.path().resolve("x/y").toString()).run(),
          view.path().resolve("x/y"), src);

      before.assertUnchanged("the source", "DST inside SRC through a bind mount");
    }
  }

  /** A file system mounted inside SRC and also elsewhere: DST on the second mount is inside. */
  @Test
  void targetOnAnotherMountOfAFileSystemMountedInTheSource_isRefused() {
    Path src = source();
    try (TestMount inner = TestMount.tmpfs(src.resolve("mnt"));
        TestMount view = TestMount.bind(inner.path(), tmp.resolve("view"))) {
      Shell.run(inner.path(), "printf x > f");
      TreeSnapshot before = TreeSnapshot.of(src);

      refused(Pcopy.args(src.toString(), view.path().resolve("dst").toString()).run(),
          view.path().resolve("dst"), src);

      before.assertUnchanged("the source", "DST on a second mount of a file system in SRC");
    }
  }

  @Test
  void deleteWithTheSourceInsideTheTarget_isRefusedAndDeletesNothing() throws IOException {
    Path dst = TestTrees.at(tmp.resolve("dst"), 1).file("old", 10, 0644).finish();
    Path src = TestTrees.at(dst.resolve("src"), 2).file("a", 10, 0644).finish();
    TreeSnapshot before = TreeSnapshot.of(dst);

    PcopyResult run = Pcopy.args("--delete", src.toString(), dst.toString()).run();
    PcopyResult dryRun = Pcopy.args("-n", "--delete", src.toString(), dst.toString()).run();
    PcopyResult excluded = Pcopy.args("--delete-excluded", src.toString(), dst.toString()).run();

    for (PcopyResult result : new PcopyResult[] {run, dryRun, excluded}) {
      assertEquals(2, result.exitCode(), result.toString());
      assertEquals(1, result.stderrLines().size(), result.toString());
      assertEquals("pcopy: " + src + ": source is inside the destination " + dst
          + "; --delete would delete it", result.stderrLines().get(0));
      assertEquals("", result.stdout(), result.toString());
    }
    before.assertUnchanged("the destination", "--delete with SRC inside DST");
    // Without --delete nothing is deleted, and the copy is allowed.
    assertEquals(0, Pcopy.args(src.toString(), dst.toString()).run().exitCode());
    assertTrue(Files.exists(dst.resolve("a")) && Files.exists(src.resolve("a")));
  }

  @Test
  void deleteWithTheSourceInsideTheTargetThroughABindMount_isRefused() {
    Path dst = TestTrees.at(tmp.resolve("dst"), 1).file("old", 10, 0644).finish();
    TestTrees.at(dst.resolve("src"), 2).file("a", 10, 0644).finish();
    try (TestMount view = TestMount.bind(dst, tmp.resolve("view"))) {
      Path src = view.path().resolve("src");
      TreeSnapshot before = TreeSnapshot.of(dst);

      PcopyResult result = Pcopy.args("--delete", src.toString(), dst.toString()).run();

      assertEquals(2, result.exitCode(), result.toString());
      assertEquals(1, result.stderrLines().size(), result.toString());
      assertTrue(result.stderr().contains(src + ": source is inside the destination " + dst),
          result.toString());
      before.assertUnchanged("the destination", "--delete with SRC inside DST by a bind mount");
    }
  }

  /**
   * With {@code -x} the walk never enters another file system, so a DST on one mounted below
   * SRC is no recursion: the way to copy a whole file system onto a disk mounted inside it. On
   * SRC's own file system DST inside SRC is still refused.
   */
  @Test
  void oneFileSystem_takesATargetOnAnotherFileSystemBelowTheSource() throws IOException {
    Path src = source();
    try (TestMount backup = TestMount.tmpfs(src.resolve("backup"))) {
      Path dst = backup.path().resolve("root");

      PcopyResult result = Pcopy.args("-x", src.toString(), dst.toString()).run();

      assertEquals(0, result.exitCode(), result.toString());
      assertEquals(-1, Files.mismatch(src.resolve("sub/b"), dst.resolve("sub/b")),
          result.toString());
      assertTrue(Files.isDirectory(dst.resolve("backup")), result.toString());
      try (var inside = Files.list(dst.resolve("backup"))) {
        assertEquals(0, inside.count(), "the walk entered the other file system\n" + result);
      }
      PcopyResult inside = Pcopy.args("-x", src.toString(), src.resolve("sub/dst").toString())
          .run();
      assertEquals(2, inside.exitCode(), inside.toString());
      assertEquals("pcopy: " + src.resolve("sub/dst") + ": destination is inside the source",
          inside.stderr().strip(), inside.toString());
      assertFalse(Files.exists(src.resolve("sub/dst")), inside.toString());
    }
  }

  private static void refused(PcopyResult result, Path dst, Path src) {
    assertEquals(2, result.exitCode(), result.toString());
    assertEquals(1, result.stderrLines().size(), "not one line on stderr\n" + result);
    assertTrue(result.stderr().startsWith("pcopy: " + dst + ": destination is inside the source "
        + src + " ("), result.toString());
    assertFalse(result.stderr().contains("\tat "), result.toString());
    assertEquals("", result.stdout(), result.toString());
  }
}
