package dev.pcopy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pcopy.testing.Pcopy;
import dev.pcopy.testing.PcopyResult;
import dev.pcopy.testing.Shell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Holes, as {@code cp -a} keeps them: a 1 GiB file holding a few KiB of data takes a few KiB in
 * DST too (its blocks, within a tolerance), with the same bytes, on the file system the tests'
 * temporary directory is on and on tmpfs.
 */
class SparseFilesIT {
  private static final long GIB = 1L << 30;
  /** 512-byte blocks a copy may take beyond its source: allocation is the file system's. */
  private static final long TOLERANCE = 64;

  @TempDir
  Path tmp;

  @Test
  void copy_onTheTemporaryFileSystem_keepsTheHoles() {
    copyKeepsTheHoles(tmp);
  }

  @Test
  void copy_onTmpfs_keepsTheHoles() throws IOException {
    Path shm = Path.of("/dev/shm");
    assumeTrue(Files.isDirectory(shm) && Files.isWritable(shm)
        && Shell.attempt(shm, "stat -f -c %T .").stdoutText().equals("tmpfs"),
        "no writable tmpfs at /dev/shm");
    Path dir = Files.createTempDirectory(shm, "pcopy-sparse-it");
    try {
      copyKeepsTheHoles(dir);
    } finally {
      try (Stream<Path> all = Files.walk(dir)) {
        for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  /** Copies a sparse file and a dense one in {@code dir}, checks blocks and bytes, re-runs. */
  private static void copyKeepsTheHoles(Path dir) {
    // Data at the start, in the middle (not on a block boundary) and at the very end.
    Shell.run(dir, "mkdir src && truncate -s " + GIB + " src/sparse"
        + " && printf 'head' | dd of=src/sparse conv=notrunc status=none"
        + " && head -c 5000 /dev/urandom | dd of=src/sparse bs=1 seek=300000123 conv=notrunc"
        + " status=none"
        + " && printf 'tail' | dd of=src/sparse bs=1 seek=" + (GIB - 4) + " conv=notrunc status=none"
        + " && truncate -s 1M src/all-hole && head -c 100000 /dev/urandom > src/dense");
    Path src = dir.resolve("src");
    Path dst = dir.resolve("dst");
    long sourceBlocks = blocks(src.resolve("sparse"));
    assertTrue(sourceBlocks < 200, "the source is not sparse here: " + sourceBlocks + " blocks");

    PcopyResult result = Pcopy.args(src.toString(), dst.toString()).run();

    assertEquals(0, result.exitCode(), result.toString());
    long copyBlocks = blocks(dst.resolve("sparse"));
    assertTrue(copyBlocks <= sourceBlocks + TOLERANCE, "the copy takes " + copyBlocks
        + " blocks, its source " + sourceBlocks);
    assertTrue(blocks(dst.resolve("all-hole")) <= TOLERANCE, "all-hole takes "
        + blocks(dst.resolve("all-hole")) + " blocks");
    assertTrue(blocks(dst.resolve("dense")) >= blocks(src.resolve("dense")) - TOLERANCE);
    Shell.run(dir, "cmp src/sparse dst/sparse && cmp src/all-hole dst/all-hole"
        + " && cmp src/dense dst/dense");
    assertEquals(GIB, size(dst.resolve("sparse")));

    PcopyResult rerun = Pcopy.args(src.toString(), dst.toString()).run();

    assertEquals(0, rerun.exitCode(), rerun.toString());
    assertEquals(0, rerun.summaryCount("file"), rerun.toString());
    assertEquals(3, rerun.summaryCount("unchanged"), rerun.toString());
  }

  private static long blocks(Path p) {
    return Long.parseLong(Shell.attempt(p.getParent(), "stat -c %b '" + p + "'").stdoutText());
  }

  private static long size(Path p) {
    return Long.parseLong(Shell.attempt(p.getParent(), "stat -c %s '" + p + "'").stdoutText());
  }
}
