package dev.pcopy;

import static dev.pcopy.testing.TreeAssert.assertSameContent;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pcopy.testing.LoopDevice;
import dev.pcopy.testing.Pcopy;
import dev.pcopy.testing.PcopyResult;
import dev.pcopy.testing.Shell;
import dev.pcopy.testing.TestTrees;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --fsync} makes exit 0 mean "on disk" (issue 11 item 7): each file's data is flushed
 * before its rename and each directory after its entries. A crash right after the run is
 * simulated by copying the block device under an ext4 file system with {@code O_DIRECT} the
 * moment pcopy exits, checking the copy with e2fsck as a reboot would, and mounting it: every
 * file is there, complete. Without any flush the same snapshot held not even DST (ext4 commits
 * its journal every 5 s and writes delayed data later still).
 *
 * <p>Only contents, sizes, kinds and link targets are compared: the promise is complete files,
 * and modes and times set after the last flush (directories' at the end) may be older on disk.
 */
class FsyncCrashIT {
  private static final long IMAGE_BYTES = 256L << 20;

  @TempDir
  Path tmp;

  /** DST exists, flushed by the test; everything pcopy writes under it must be on disk. */
  @Test
  void fsync_everyFileIsCompleteOnDiskRightAfterExit0() {
    Path src = sourceTree();
    Path snapshot = tmp.resolve("snapshot.img");
    try (LoopDevice disk = LoopDevice.newExt4(tmp.resolve("disk.img"), IMAGE_BYTES,
        tmp.resolve("disk"))) {
      Path dst = disk.mountPoint().resolve("dst");
      Shell.run(tmp, "mkdir '" + dst + "' && sync -f '" + dst + "'");

      PcopyResult result = Pcopy.args("--fsync", src.toString(), dst.toString()).run();

      disk.snapshot(snapshot);
      assertEquals(0, result.exitCode(), result.toString());
    }
    assertSnapshotHolds(snapshot, src, "dst");
  }

  /**
   * DST and its missing parent are created by pcopy: they too are on disk when it exits 0 (a
   * new directory is durable only once its parent is flushed after it).
   */
  @Test
  void fsync_aDestinationItCreatedIsOnDiskToo() {
    Path src = sourceTree();
    Path snapshot = tmp.resolve("snapshot.img");
    try (LoopDevice disk = LoopDevice.newExt4(tmp.resolve("disk.img"), IMAGE_BYTES,
        tmp.resolve("disk"))) {
      Shell.run(tmp, "sync -f '" + disk.mountPoint() + "'");
      Path dst = disk.mountPoint().resolve("new-parent/dst");

      PcopyResult result = Pcopy.args("--fsync", src.toString(), dst.toString()).run();

      disk.snapshot(snapshot);
      assertEquals(0, result.exitCode(), result.toString());
    }
    assertSnapshotHolds(snapshot, src, "new-parent/dst");
  }

  /**
   * Checks the snapshot as a reboot would, mounts it read-only and compares what it holds at
   * {@code dst} with {@code src}.
   */
  private void assertSnapshotHolds(Path snapshot, Path src, String dst) {
    String fsck = LoopDevice.fsck(snapshot);
    try (LoopDevice crashed = LoopDevice.mountReadOnly(snapshot, tmp.resolve("after-crash"))) {
      Path copy = crashed.mountPoint().resolve(dst);
      try {
        assertSameContent(src, copy);
      } catch (AssertionError e) {
        throw new AssertionError("after the simulated crash: " + e.getMessage()
            + "\n--- e2fsck ---\n" + fsck, e);
      }
    }
  }

  /**
   * A tree with small and large files, empty and read-only directories, links and odd names
   * ({@link TestTrees#richTree}), and a few hundred small files besides.
   */
  private Path sourceTree() {
    Path src = TestTrees.richTree(tmp.resolve("src"));
    TestTrees.smallFiles(src.resolve("many"), 4, 60, 0);
    return src;
  }
}
