package dev.pcopy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.testing.LoopDevice;
import dev.pcopy.testing.Pcopy;
import dev.pcopy.testing.PcopyResult;
import dev.pcopy.testing.Shell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Times the destination cannot keep: ext4 made with 128-byte inodes keeps 1901 to 2038 and
 * clamps any other time without a word. The copy is complete, but what it lacks is said and
 * the run ends with exit code 1, as for any metadata the destination cannot keep.
 */
class ClampedTimesIT {
  private static final String YEAR_2040 = "2040-01-01T00:00:00Z";

  @TempDir
  Path tmp;

  @Test
  void timesPast2038_onAFileSystemThatClampsThem_areNamed_andTheRunExits1()
      throws IOException {
    Path src = Files.createDirectories(tmp.resolve("src"));
    Files.write(src.resolve("later"), new byte[] {1, 2, 3});
    Files.setLastModifiedTime(src.resolve("later"), FileTime.from(Instant.parse(YEAR_2040)));
    Files.write(src.resolve("now"), new byte[] {4});
    Files.createSymbolicLink(src.resolve("link"), Path.of("now"));
    Shell.run(src, "touch -h -d " + YEAR_2040 + " link && mkdir dir && touch -d " + YEAR_2040
        + " dir");

    try (LoopDevice disk = LoopDevice.newExt4(tmp.resolve("img"), 32L << 20,
        tmp.resolve("mnt"), "-I 128")) {
      Path dst = disk.mountPoint().resolve("dst");
      PcopyResult result = Pcopy.args(src.toString(), dst.toString()).run();

      assertEquals(1, result.exitCode(), result.toString());
      String clamped = "cannot keep modification time " + YEAR_2040
          + ": the destination keeps 2038-01-19T03:14:07Z";
      assertTrue(result.stderrLines().stream()
          .anyMatch(l -> l.contains("dst/later: " + clamped)), result.toString());
      assertTrue(result.stderrLines().stream()
          .anyMatch(l -> l.contains("dst/link: " + clamped)), result.toString());
      assertTrue(result.stderrLines().stream()
          .anyMatch(l -> l.contains("dst/dir: " + clamped)), result.toString());
      assertTrue(result.stderrLines().stream().noneMatch(l -> l.contains("dst/now")),
          result.toString());
      // The data is all there, at its final name: only the time is not.
      assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(dst.resolve("later")));
      assertEquals(Path.of("now"), Files.readSymbolicLink(dst.resolve("link")));
      ExitCodesIT.assertNoStackTrace(result);
    }
  }
}
