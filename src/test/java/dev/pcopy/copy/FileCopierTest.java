package dev.pcopy.copy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FileCopier on a real directory: the kernel copy path, slices, and files that change size. */
class FileCopierTest {
  @TempDir
  Path dir;

  @Test
  void copy_copiesTheBytesInSlicesAndReportsEach() throws IOException {
    byte[] bytes = new byte[10_000];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 31);
    }
    Path src = Files.write(dir.resolve("src"), bytes);
    List<Long> slices = new ArrayList<>();

    long copied = new FileCopier(4096, -1).copy(src, dir.resolve("dst"), 0644, bytes.length,
        slices::add, () -> false);

    assertEquals(bytes.length, copied);
    assertArrayEquals(bytes, Files.readAllBytes(dir.resolve("dst")));
    assertEquals(List.of(4096L, 4096L, 1808L), slices);
  }

  @Test
  void copy_ofAFileOfWholeSlicesEndsAtItsListedSize() throws IOException {
    Path src = Files.write(dir.resolve("src"), new byte[8192]);
    List<Long> slices = new ArrayList<>();

    long copied = new FileCopier(4096, -1).copy(src, dir.resolve("dst"), 0644, 8192,
        slices::add, () -> false);

    assertEquals(8192, copied);
    assertEquals(List.of(4096L, 4096L), slices);
  }

  @Test
  void copy_refusesAFileThatGrewPastItsLastWholeSlice() throws IOException {
    Path src = Files.write(dir.resolve("src"), new byte[9000]);

    assertThrows(FileCopier.ReadFailure.class,
        () -> new FileCopier(4096, -1).copy(src, dir.resolve("dst"), 0644, 8192, n -> { },
            () -> false));
  }

  @Test
  void copy_refusesAFileThatShrankSinceItWasListed() throws IOException {
    Path src = Files.write(dir.resolve("src"), new byte[100]);

    FileCopier.ReadFailure e = assertThrows(FileCopier.ReadFailure.class,
        () -> new FileCopier(1 << 20, -1).copy(src, dir.resolve("dst"), 0644, 150, n -> { },
            () -> false));

    assertTrue(e.getMessage().contains("changed while being copied"), e.getMessage());
  }

  @Test
  void copy_refusesAFileThatGrewSinceItWasListed() throws IOException {
    Path src = Files.write(dir.resolve("src"), new byte[100]);

    assertThrows(FileCopier.ReadFailure.class,
        () -> new FileCopier(1 << 20, -1).copy(src, dir.resolve("dst"), 0644, 60, n -> { },
            () -> false));
  }

  @Test
  void copy_shrunkSourceIsReportedWithTheSizeItHasNow() throws IOException {
    Path src = Files.write(dir.resolve("src"), new byte[100]);
    ScriptedKernel kernel = new ScriptedKernel();

    FileCopier.ReadFailure e = assertThrows(FileCopier.ReadFailure.class,
        () -> new FileCopier(1 << 20, -1, kernel).copy(src, dir.resolve("dst"), 0644, 150,
            n -> { }, () -> false));

    assertTrue(e.getMessage().contains("(listed 150 bytes, now 100)"), e.getMessage());
    // The short first call is asked again; only its empty answer ends the copy.
    assertEquals(List.of(151L, 51L), kernel.asked);
  }

  @Test
  void copy_ofASmallFileMakesOneKernelCall() throws IOException {
    Path src = Files.write(dir.resolve("src"), new byte[100]);
    ScriptedKernel kernel = new ScriptedKernel();

    long copied = new FileCopier(1 << 20, -1, kernel).copy(src, dir.resolve("dst"), 0644, 100,
        n -> { }, () -> false);

    assertEquals(100, copied);
    assertEquals(List.of(101L), kernel.asked);
  }

  @Test
  void copy_shortCountBeforeTheListedSizeIsAskedAgainAndTheFileIsCopiedWhole()
      throws IOException {
    byte[] bytes = new byte[10_000];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 7);
    }
    Path src = Files.write(dir.resolve("src"), bytes);
    ScriptedKernel kernel = new ScriptedKernel(cut(3000), cut(1));
    List<Long> slices = new ArrayList<>();

    long copied = new FileCopier(1 << 20, -1, kernel).copy(src, dir.resolve("dst"), 0644,
        bytes.length, slices::add, () -> false);

    assertEquals(bytes.length, copied);
    assertArrayEquals(bytes, Files.readAllBytes(dir.resolve("dst")));
    assertEquals(List.of(3000L, 1L, 6999L), slices);
  }

  @Test
  void copy_shortCountThenNoSpaceLeftFailsForTheTargetNotAsAChangedSource() throws IOException {
    ScriptedKernel kernel = new ScriptedKernel(cut(4096), fail("No space left on device"));

    IOException e = copyTenThousandBytesThrough(kernel);

    assertFalse(e instanceof FileCopier.ReadFailure, "blamed on the source: " + e);
    assertEquals("No space left on device", e.getMessage());
    assertEquals(List.of(10_001L, 5905L), kernel.asked);
  }

  @Test
  void copy_shortCountThenQuotaExceededFailsForTheTarget() throws IOException {
    IOException e = copyTenThousandBytesThrough(
        new ScriptedKernel(cut(4096), fail("Disk quota exceeded")));

    assertFalse(e instanceof FileCopier.ReadFailure, "blamed on the source: " + e);
  }

  /** Copies a 10,000-byte file through {@code kernel}, which must make the copy fail. */
  private IOException copyTenThousandBytesThrough(ScriptedKernel kernel) throws IOException {
    Path src = Files.write(dir.resolve("src"), new byte[10_000]);
    return assertThrows(IOException.class,
        () -> new FileCopier(1 << 20, -1, kernel).copy(src, dir.resolve("dst"), 0644, 10_000,
            n -> { }, () -> false));
  }

  @Test
  void copy_shortCountThenAReadErrorFailsForTheSource() throws IOException {
    Path src = Files.write(dir.resolve("src"), new byte[10_000]);
    ScriptedKernel kernel = new ScriptedKernel(cut(4096), fail("Input/output error"));

    FileCopier.ReadFailure e = assertThrows(FileCopier.ReadFailure.class,
        () -> new FileCopier(1 << 20, -1, kernel).copy(src, dir.resolve("dst"), 0644, 10_000,
            n -> { }, () -> false));

    assertEquals("Input/output error", e.getMessage());
  }

  @Test
  void copy_intoADeviceWithNoSpaceFailsForTheTarget() throws IOException {
    // /dev/full refuses every write with ENOSPC: the real kernel call and the JDK's own message.
    Path src = Files.write(dir.resolve("src"), new byte[10_000]);
    try (FileChannel full = FileChannel.open(Path.of("/dev/full"), StandardOpenOption.WRITE)) {
      FileCopier.Transfer intoFull = (in, position, count, out) ->
          in.transferTo(position, count, full);

      IOException e = assertThrows(IOException.class,
          () -> new FileCopier(1 << 20, -1, intoFull).copy(src, dir.resolve("dst"), 0644,
              10_000, n -> { }, () -> false));

      assertFalse(e instanceof FileCopier.ReadFailure, "blamed on the source: " + e);
      assertEquals("No space left on device", e.getMessage());
    }
  }

  @Test
  void withLimitedRoom_copiesWhatFitsThenFailsAsAFullDiskButStillTakesEmptyFiles()
      throws IOException {
    Path src = Files.write(dir.resolve("src"), new byte[600]);
    Path empty = Files.write(dir.resolve("empty"), new byte[0]);
    FileCopier copier = FileCopier.withLimitedRoom(1 << 20, -1, 1000,
        "No space left on device");

    assertEquals(600, copier.copy(src, dir.resolve("dst1"), 0644, 600, n -> { }, () -> false));
    IOException e = assertThrows(IOException.class,
        () -> copier.copy(src, dir.resolve("dst2"), 0644, 600, n -> { }, () -> false));
    assertEquals(0, copier.copy(empty, dir.resolve("dst3"), 0644, 0, n -> { }, () -> false));

    assertFalse(e instanceof FileCopier.ReadFailure, "blamed on the source: " + e);
    assertEquals("No space left on device", e.getMessage());
    assertEquals(400, Files.size(dir.resolve("dst2")), "the short count wrote what fitted");
  }

  @Test
  void withLimitedRoom_canRefuseAsAReadOnlyFileSystem_whichIsTheTargetsFailure()
      throws IOException {
    Path src = Files.write(dir.resolve("src"), new byte[600]);
    FileCopier copier = FileCopier.withLimitedRoom(1 << 20, -1, 0, "Read-only file system");

    IOException e = assertThrows(IOException.class,
        () -> copier.copy(src, dir.resolve("dst"), 0644, 600, n -> { }, () -> false));

    assertFalse(e instanceof FileCopier.ReadFailure, "blamed on the source: " + e);
    assertEquals("Read-only file system", e.getMessage());
  }

  @Test
  void copy_missingSourceIsAReadFailure() {
    assertThrows(FileCopier.ReadFailure.class,
        () -> new FileCopier(1 << 20, -1).copy(dir.resolve("gone"), dir.resolve("dst"), 0644, 1,
            n -> { }, () -> false));
  }

  @Test
  void copy_setsTheTimesOnTheOpenFile() throws IOException {
    Path src = Files.write(dir.resolve("src"), new byte[10]);
    Instant mtime = Instant.ofEpochSecond(1_500_000_000L, 123_456_789);
    Instant atime = Instant.ofEpochSecond(1_400_000_000L, 987_654_321);

    FileCopier.Copied copied = new FileCopier(1 << 20, -1).copy(src, dir.resolve("dst"), 0644, 10,
        mtime, atime, n -> { }, () -> false);

    // Surefire opens the JDK packages as the launcher does, so the channel path is taken.
    assertTrue(copied.timesSet());
    assertEquals(mtime, Files.getLastModifiedTime(dir.resolve("dst")).toInstant());
    assertEquals(atime,
        ((FileTime) Files.getAttribute(dir.resolve("dst"), "lastAccessTime")).toInstant());
  }

  @Test
  void copy_leavesATimeBefore1970WithAFractionToThePathRoute() throws IOException {
    Path src = Files.write(dir.resolve("src"), new byte[10]);
    Instant old = Instant.ofEpochSecond(-100, 5);

    FileCopier.Copied copied = new FileCopier(1 << 20, -1).copy(src, dir.resolve("dst"), 0644, 10,
        old, old, n -> { }, () -> false);

    assertEquals(false, copied.timesSet());
  }

  @Test
  void createsWithMode_onlyWhenTheUmaskLeavesTheBitsWholeAndNoSpecialBits() {
    FileCopier copier = new FileCopier(1, 022);

    assertTrue(copier.createsWithMode(0644));
    assertEquals(false, copier.createsWithMode(0664));
    assertEquals(false, copier.createsWithMode(04755));
    assertEquals(false, new FileCopier(1, -1).createsWithMode(0600));
  }

  @Test
  void copy_createsEachFileWithItsOwnPermissionBitsLessTheUmask() throws IOException {
    Path src = Files.writeString(dir.resolve("src"), "x");
    int umask = ProcessIdentity.current().umask();
    FileCopier copier = new FileCopier(1 << 20, umask);
    int[] modes = {0644, 0600, 0755, 0644, 0400, 0777, 0600, 04755};

    for (int i = 0; i < modes.length; i++) {
      Path target = dir.resolve("dst" + i);
      copier.copy(src, target, modes[i], 1, n -> { }, () -> false);

      int expected = modes[i] & 0777 & ~Math.max(umask, 0);
      int actual = (Integer) Files.getAttribute(target, "unix:mode") & 0777;
      assertEquals(Integer.toOctalString(expected), Integer.toOctalString(actual), "file " + i);
    }
  }

  /** A call of the script: the real kernel call with its count cut to {@code most} bytes. */
  private static FileCopier.Transfer cut(long most) {
    return (in, position, count, out) -> in.transferTo(position, Math.min(count, most), out);
  }

  /** A call of the script: the kernel call fails with {@code message}. */
  private static FileCopier.Transfer fail(String message) {
    return (in, position, count, out) -> {
      throw new IOException(message);
    };
  }

  /** The kernel copy call: the scripted calls first, then real ones; records each count asked. */
  private static final class ScriptedKernel implements FileCopier.Transfer {
    final List<Long> asked = new ArrayList<>();
    private final List<FileCopier.Transfer> script;

    ScriptedKernel(FileCopier.Transfer... script) {
      this.script = List.of(script);
    }

    @Override
    public long transfer(FileChannel in, long position, long count, FileChannel out)
        throws IOException {
      asked.add(count);
      FileCopier.Transfer call = asked.size() <= script.size()
          ? script.get(asked.size() - 1) : cut(Long.MAX_VALUE);
      return call.transfer(in, position, count, out);
    }
  }
}
