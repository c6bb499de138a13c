package dev.pcopy;

import static dev.pcopy.testing.TreeAssert.assertNoTempFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.testing.Pcopy;
import dev.pcopy.testing.PcopyResult;
import dev.pcopy.testing.Shell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -c/--checksum} finds a file changed with its size and time kept, which the quick check
 * cannot; {@code --verify} reads every copy back and catches a disk that wrote wrong (the
 * workers' test hook changes a copy's first byte after it is written).
 */
class ChecksumAndVerifyIT {
  @TempDir
  Path tmp;

  private Path src;
  private Path dst;

  @BeforeEach
  void tree() {
    src = tmp.resolve("src");
    dst = tmp.resolve("dst");
    Shell.run(tmp, "mkdir -p src/sub && printf 'original content' > src/sub/f"
        + " && printf 'other' > src/g && touch -d '2010-01-01 10:00:00.5' src/sub/f src/g");
  }

  @Test
  void checksum_findsAFileChangedWithItsSizeAndTimeKept() throws IOException {
    assertEquals(0, Pcopy.args(src.toString(), dst.toString()).run().exitCode());
    // Same size, same modification time (set back with touch -d), other bytes.
    Shell.run(src, "t=$(stat -c %y sub/f) && printf 'ORIGINAL CONTENT' > sub/f"
        + " && touch -d \"$t\" sub/f");

    PcopyResult quick = Pcopy.args(src.toString(), dst.toString()).run();

    assertEquals(0, quick.exitCode(), quick.toString());
    assertEquals(0, quick.summaryCount("file"), "the quick check saw the change?\n" + quick);
    assertEquals("original content", Files.readString(dst.resolve("sub/f")));

    PcopyResult checksum = Pcopy.args("-c", "-v", src.toString(), dst.toString()).run();

    assertEquals(0, checksum.exitCode(), checksum.toString());
    assertEquals("ORIGINAL CONTENT", Files.readString(dst.resolve("sub/f")));
    assertTrue(checksum.stdoutLines().contains("copy sub/f"), checksum.toString());
    assertEquals(1, checksum.summaryCount("file"), checksum.toString());
    assertEquals(1, checksum.summaryCount("unchanged"), checksum.toString());
    assertEquals(Files.getLastModifiedTime(src.resolve("sub/f")),
        Files.getLastModifiedTime(dst.resolve("sub/f")));

    PcopyResult again = Pcopy.args("--checksum", src.toString(), dst.toString()).run();

    assertEquals(0, again.exitCode(), again.toString());
    assertEquals(0, again.summaryCount("file"), again.toString());
    assertEquals(2, again.summaryCount("unchanged"), again.toString());
  }

  /** Without {@code --verify} the hook's damage stays: the test of the hook itself. */
  @Test
  void withoutVerify_aCorruptedWriteGoesUnnoticed() throws IOException {
    PcopyResult result = Pcopy.args("-w", "1", src.toString(), dst.toString())
        .corruptCopies(1).run();

    assertEquals(0, result.exitCode(), result.toString());
    long damaged = 0;
    for (String name : new String[] {"sub/f", "g"}) {
      damaged += Files.mismatch(src.resolve(name), dst.resolve(name)) == 0 ? 1 : 0;
    }
    assertEquals(1, damaged, "copies whose first byte the hook changed");
  }

  /** One bad write is caught and copied again: the copy is right, exit 0. */
  @Test
  void verify_aCorruptedWrite_isCopiedAgain() throws IOException {
    PcopyResult result = Pcopy.args("-w", "1", "--verify", src.toString(), dst.toString())
        .corruptCopies(1).run();

    assertEquals(0, result.exitCode(), result.toString());
    assertEquals(-1, Files.mismatch(src.resolve("sub/f"), dst.resolve("sub/f")));
    assertEquals(-1, Files.mismatch(src.resolve("g"), dst.resolve("g")));
    assertEquals(0, result.summaryCount("failed"), result.toString());
  }

  /**
   * A file that reads back wrong twice is reported as failed, by its destination path, and no
   * damaged copy is left at its name; the other file is copied.
   */
  @Test
  void verify_aFileThatReadsBackWrongTwice_failsWithExitCode1() throws IOException {
    PcopyResult result = Pcopy.args("-w", "1", "--verify", src.toString(), dst.toString())
        .corruptCopies(2).run();

    assertEquals(1, result.exitCode(), result.toString());
    assertEquals(1, result.summaryCount("failed"), result.toString());
    String damaged = Files.exists(dst.resolve("g")) ? "sub/f" : "g";
    assertTrue(result.stderr().contains("pcopy: error: " + dst.resolve(damaged)
        + ": the copy reads back wrong twice (CRC32C "), result.toString());
    assertFalse(Files.exists(dst.resolve(damaged)), "a damaged copy is at its name");
    String other = damaged.equals("g") ? "sub/f" : "g";
    assertEquals(-1, Files.mismatch(src.resolve(other), dst.resolve(other)));
    assertNoTempFiles(dst);
  }
}
