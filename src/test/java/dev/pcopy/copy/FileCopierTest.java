package dev.pcopy.copy;

import static dev.pcopy.testing.Raw.b;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pcopy.copy.FileCopier.CancelledException;
import dev.pcopy.copy.FileCopier.ReadFailure;
import dev.pcopy.copy.FileCopier.WriteGate;
import dev.pcopy.fs.DirHandle;
import dev.pcopy.fs.Errno;
import dev.pcopy.fs.FileHandle;
import dev.pcopy.fs.Stat;
import dev.pcopy.fs.SysException;
import dev.pcopy.fs.Timestamp;
import dev.pcopy.testing.Stats;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FileCopier} on real temporary files opened through handles: dense and sparse copies,
 * files read to their end, slices and their progress, a source that changed size, a destination
 * that refuses bytes (through a {@link WriteGate}, since no file system fills up on demand), the
 * fallbacks between the kernel's copy calls, and cancellation.
 */
class FileCopierTest {
  private static final BooleanSupplier NEVER = () -> false;
  private static final LongConsumer IGNORE = n -> { };

  @TempDir
  Path tmp;
  private DirHandle dir;

  @BeforeEach
  void open() throws IOException {
    dir = DirHandle.open(b(tmp.toString()));
  }

  @AfterEach
  void close() {
    dir.close();
  }

  @Test
  void copy_copiesTheBytesInSlicesOfAtMostMaxSlice_andReportsEach() throws IOException {
    byte[] bytes = pattern(10_000);
    Files.write(tmp.resolve("src"), bytes);
    List<Long> slices = new ArrayList<>();

    long copied = copy(new FileCopier(4096), "src", 10_000, slices::add, NEVER);

    assertEquals(10_000, copied);
    assertArrayEquals(bytes, Files.readAllBytes(tmp.resolve("dst")));
    assertEquals(List.of(4096L, 4096L, 1808L), slices);
  }

  @Test
  void copy_ofAFileOfWholeSlices_endsAtItsListedSize() throws IOException {
    Files.write(tmp.resolve("src"), new byte[8192]);
    List<Long> slices = new ArrayList<>();

    assertEquals(8192, copy(new FileCopier(4096), "src", 8192, slices::add, NEVER));
    assertEquals(List.of(4096L, 4096L), slices);
  }

  @Test
  void copy_ofASmallFile_asksTheKernelOnce_oneBytePastItsSize() throws IOException {
    Files.write(tmp.resolve("src"), new byte[100]);
    RecordingGate gate = new RecordingGate();

    assertEquals(100, copy(new FileCopier(1 << 20, gate), "src", 100, IGNORE, NEVER));
    assertEquals(List.of(101L), gate.asked);
  }

  @Test
  void copy_refusesAFileThatGrewPastItsLastWholeSlice() throws IOException {
    Files.write(tmp.resolve("src"), new byte[9000]);

    assertThrows(ReadFailure.class,
        () -> copy(new FileCopier(4096), "src", 8192, IGNORE, NEVER));
  }

  @Test
  void copy_refusesAFileThatGrewSinceItWasListed() throws IOException {
    Files.write(tmp.resolve("src"), new byte[100]);

    ReadFailure e = assertThrows(ReadFailure.class,
        () -> copy(new FileCopier(1 << 20), "src", 60, IGNORE, NEVER));

    assertTrue(e.getMessage().contains("changed while being copied"), e.getMessage());
  }

  @Test
  void copy_refusesAFileThatShrank_namingTheSizeItHasNow() throws IOException {
    Files.write(tmp.resolve("src"), new byte[100]);
    RecordingGate gate = new RecordingGate();

    ReadFailure e = assertThrows(ReadFailure.class,
        () -> copy(new FileCopier(1 << 20, gate), "src", 150, IGNORE, NEVER));

    assertTrue(e.getMessage().contains("(listed 150 bytes, now 100)"), e.getMessage());
    // The short first call is asked again; only its empty answer ends the copy.
    assertEquals(List.of(151L, 51L), gate.asked);
  }

  /**
   * A file in {@code /sys} says 4096 bytes (and no blocks) but reads as one short line: the copy
   * is that line, as {@code cp} makes it, not the line padded with NUL bytes to 4096.
   */
  @Test
  void copy_ofASysFileShorterThanItsSize_isWhatReadsGave_notPadded() throws IOException {
    Path sys = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
    assumeTrue(Files.isReadable(sys), sys + " is not readable here");
    byte[] content = Files.readAllBytes(sys);
    try (DirHandle sysDir = DirHandle.open(b(sys.getParent().toString()));
        FileHandle in = sysDir.openRead(b(sys.getFileName().toString()), false);
        FileHandle out = dir.create(b("dst"), 0600)) {
      Stat stat = in.stat();
      assumeTrue(stat.size() > content.length, sys + " reads as long as its size says");

      long copied = new FileCopier(1 << 20).copy(in, stat, stat.size(), out, IGNORE, NEVER);

      assertEquals(content.length, copied);
    }
    assertArrayEquals(content, Files.readAllBytes(tmp.resolve("dst")));
  }

  /** A regular file truncated between two slices is refused as changed, never cut short. */
  @Test
  void copy_ofAFileTruncatedWhileItIsCopied_isRefusedAsChanged() throws IOException {
    Files.write(tmp.resolve("src"), pattern(10_000));
    AtomicLong calls = new AtomicLong();
    WriteGate truncating = want -> {
      if (calls.incrementAndGet() == 2) {
        try (RandomAccessFile f = new RandomAccessFile(tmp.resolve("src").toFile(), "rw")) {
          f.setLength(5000);
        } catch (IOException e) {
          throw new AssertionError(e);
        }
      }
      return want;
    };

    ReadFailure e = assertThrows(ReadFailure.class,
        () -> copy(new FileCopier(4096, truncating), "src", 10_000, IGNORE, NEVER));

    assertTrue(e.getMessage().contains("(listed 10000 bytes, now 5000)"), e.getMessage());
  }

  /** What tells a file that holds less than it says from one that shrank while it was read. */
  @Test
  void endsBeforeItsSize_onlyWhileSizeAndTimesStayAsTheyWere() {
    Stat opened = Stats.file(4096).mtime(Stats.T).ctime(Stats.T).build();
    Timestamp later = new Timestamp(Stats.T.seconds() + 1, 0);

    assertTrue(FileCopier.endsBeforeItsSize(opened, opened, 4096));
    assertFalse(FileCopier.endsBeforeItsSize(opened, opened, 5000), "changed since listed");
    assertFalse(FileCopier.endsBeforeItsSize(opened, Stats.file(100).sameFileAs(opened)
        .mtime(Stats.T).ctime(Stats.T).build(), 4096), "shrank");
    assertFalse(FileCopier.endsBeforeItsSize(opened, Stats.file(4096).sameFileAs(opened)
        .mtime(later).ctime(later).build(), 4096), "truncated and grown back");
    assertFalse(FileCopier.endsBeforeItsSize(opened, Stats.file(4096).sameFileAs(opened)
        .mtime(Stats.T).ctime(later).build(), 4096), "times set back after a change");
  }

  @Test
  void copy_shortCountBeforeTheListedSize_isAskedAgain_andTheFileIsCopiedWhole()
      throws IOException {
    byte[] bytes = pattern(10_000);
    Files.write(tmp.resolve("src"), bytes);
    RecordingGate gate = new RecordingGate(3000, 1);
    List<Long> slices = new ArrayList<>();

    long copied = copy(new FileCopier(1 << 20, gate), "src", 10_000, slices::add, NEVER);

    assertEquals(10_000, copied);
    assertArrayEquals(bytes, Files.readAllBytes(tmp.resolve("dst")));
    assertEquals(List.of(3000L, 1L, 6999L), slices);
  }

  @Test
  void copy_fullDestination_isTheTargetsFailure_notAChangedSource() throws IOException {
    Files.write(tmp.resolve("src"), new byte[10_000]);
    RecordingGate gate = new RecordingGate(4096).thenRefuse(Errno.ENOSPC);

    IOException e = assertThrows(IOException.class,
        () -> copy(new FileCopier(1 << 20, gate), "src", 10_000, IGNORE, NEVER));

    assertFalse(e instanceof ReadFailure, "blamed on the source: " + e);
    assertTrue(SysException.is(e, Errno.ENOSPC), e.toString());
    assertEquals("No space left on device", e.getMessage());
    assertEquals(List.of(10_001L, 5905L), gate.asked);
  }

  @Test
  void copy_quotaExceededOrReadOnly_isTheTargetsFailureToo() throws IOException {
    Files.write(tmp.resolve("src"), new byte[600]);

    for (int errno : new int[] {Errno.EDQUOT, Errno.EROFS, Errno.EFBIG}) {
      RecordingGate gate = new RecordingGate().thenRefuse(errno);
      IOException e = assertThrows(IOException.class,
          () -> copy(new FileCopier(1 << 20, gate), "src", 600, IGNORE, NEVER));
      assertTrue(SysException.is(e, errno), "errno " + errno + ": " + e);
      Files.deleteIfExists(tmp.resolve("dst"));
    }
  }

  @Test
  void copy_aKernelCopyCallFailingOtherwise_isTheSourcesFailure() throws IOException {
    Files.write(tmp.resolve("src"), new byte[10_000]);
    RecordingGate gate = new RecordingGate(4096).thenRefuse(Errno.EIO);

    ReadFailure e = assertThrows(ReadFailure.class,
        () -> copy(new FileCopier(1 << 20, gate), "src", 10_000, IGNORE, NEVER));

    assertEquals("Input/output error", e.getMessage());
  }

  @Test
  void copy_fallsBackToSendfileThenToReadsAndWrites_whereTheKernelRefusesACall()
      throws IOException {
    byte[] bytes = pattern(70_000);
    Files.write(tmp.resolve("src"), bytes);
    // copy_file_range says EXDEV, sendfile says EINVAL: plain reads and writes copy it all.
    RecordingGate gate = new RecordingGate().thenRefuse(Errno.EXDEV).thenRefuse(Errno.EINVAL)
        .thenAllow();

    assertEquals(70_000, copy(new FileCopier(1 << 20, gate), "src", 70_000, IGNORE, NEVER));
    assertArrayEquals(bytes, Files.readAllBytes(tmp.resolve("dst")));
  }

  @Test
  void copy_withReadsAndWrites_aFullDestinationIsStillTheTargets() throws IOException {
    Files.write(tmp.resolve("src"), new byte[1000]);
    RecordingGate gate = new RecordingGate().thenRefuse(Errno.EXDEV).thenRefuse(Errno.EINVAL)
        .thenRefuse(Errno.ENOSPC);

    IOException e = assertThrows(IOException.class,
        () -> copy(new FileCopier(1 << 20, gate), "src", 1000, IGNORE, NEVER));

    assertFalse(e instanceof ReadFailure, e.toString());
    assertTrue(SysException.is(e, Errno.ENOSPC), e.toString());
  }

  @Test
  void copy_sparseFile_keepsItsHoles_andCountsThemAsProgress() throws IOException {
    long size = 16L << 20;
    byte[] data = pattern(8192);
    try (RandomAccessFile f = new RandomAccessFile(tmp.resolve("src").toFile(), "rw")) {
      f.setLength(size);
      f.seek(1 << 20);
      f.write(data);
      f.seek(9L << 20);
      f.write(data);
    }
    Stat source = dir.stat(b("src"));
    assumeTrue(source.isSparse(), "this file system did not make the file sparse");
    AtomicLong progress = new AtomicLong();

    long copied = copy(new FileCopier(1 << 20), "src", size, progress::addAndGet, NEVER);

    Stat copy = dir.stat(b("dst"));
    assertEquals(size, copied);
    assertEquals(size, copy.size());
    assertEquals(size, progress.get(), "holes count as copied");
    assertTrue(copy.isSparse(), "the holes were filled: " + copy.blocks() + " blocks");
    assertTrue(copy.blocks() <= 2 * source.blocks() + 64,
        "copy has " + copy.blocks() + " blocks, source " + source.blocks());
    assertArrayEquals(Files.readAllBytes(tmp.resolve("src")),
        Files.readAllBytes(tmp.resolve("dst")));
  }

  @Test
  void copy_sparseFileEndingInData_keepsItsSizeAndBytes() throws IOException {
    long size = 4L << 20;
    byte[] data = pattern(4096);
    try (RandomAccessFile f = new RandomAccessFile(tmp.resolve("src").toFile(), "rw")) {
      f.seek(size - data.length);
      f.write(data);
    }
    assumeTrue(dir.stat(b("src")).isSparse(), "this file system did not make the file sparse");

    assertEquals(size, copy(new FileCopier(1 << 20), "src", size, IGNORE, NEVER));
    assertArrayEquals(Files.readAllBytes(tmp.resolve("src")),
        Files.readAllBytes(tmp.resolve("dst")));
  }

  @Test
  void copy_fileListedWithSizeZero_isReadToItsEnd_asProcFilesAre() throws IOException {
    AtomicLong progress = new AtomicLong();
    long copied;
    try (DirHandle proc = DirHandle.open(b("/proc/self"));
        FileHandle in = proc.openRead(b("status"), false);
        FileHandle out = dir.create(b("dst"), 0600)) {
      Stat stat = in.stat();
      assertEquals(0, stat.size(), "/proc says its files are empty");

      copied = new FileCopier(1 << 20).copy(in, stat, 0, out, progress::addAndGet, NEVER);
    }

    String text = Files.readString(tmp.resolve("dst"), StandardCharsets.UTF_8);
    assertTrue(copied > 0);
    assertEquals(copied, text.length());
    assertEquals(copied, progress.get());
    assertTrue(text.startsWith("Name:") && text.contains("\nUmask:"), text);
  }

  @Test
  void copy_emptyFile_copiesNothing_evenThroughAGateThatRefusesEverything()
      throws IOException {
    Files.write(tmp.resolve("src"), new byte[0]);
    RecordingGate full = new RecordingGate().thenRefuse(Errno.ENOSPC);

    assertEquals(0, copy(new FileCopier(1 << 20, full), "src", 0, IGNORE, NEVER));
    assertEquals(0, Files.size(tmp.resolve("dst")));
  }

  @Test
  void copy_fileReadToItsEnd_intoAFullDestination_isTheTargetsFailure() throws IOException {
    Files.write(tmp.resolve("src"), new byte[100]);
    RecordingGate full = new RecordingGate().thenRefuse(Errno.ENOSPC);

    // Listed at 0 bytes, as a pseudo-file is: the read-to-end path writes through the gate too.
    IOException e = assertThrows(IOException.class,
        () -> copy(new FileCopier(1 << 20, full), "src", 0, IGNORE, NEVER));

    assertFalse(e instanceof ReadFailure, e.toString());
    assertTrue(SysException.is(e, Errno.ENOSPC), e.toString());
  }

  @Test
  void copy_cancelledBetweenSlices_stopsBeforeTheEnd() throws IOException {
    Files.write(tmp.resolve("src"), new byte[20_000]);
    AtomicLong progress = new AtomicLong();
    // The run is cancelled once the first slice is written.
    BooleanSupplier cancelled = () -> progress.get() > 0;

    assertThrows(CancelledException.class,
        () -> copy(new FileCopier(4096), "src", 20_000, progress::addAndGet, cancelled));

    assertEquals(4096, progress.get(), "slices were copied after the cancellation");
  }

  @Test
  void copy_cancelledBeforeItBegins_copiesNothing_whateverTheFile() throws IOException {
    Files.write(tmp.resolve("src"), new byte[100]);

    assertThrows(CancelledException.class,
        () -> copy(new FileCopier(1 << 20), "src", 100, IGNORE, () -> true));
    Files.delete(tmp.resolve("dst"));
    assertThrows(CancelledException.class,
        () -> copy(new FileCopier(1 << 20), "src", 0, IGNORE, () -> true));
  }

  // --- one chunk of a big file ---

  @Test
  void copyChunk_copiesItsRangeAtTheSameOffset_andNothingElse() throws IOException {
    byte[] bytes = pattern(10_000);
    Files.write(tmp.resolve("src"), bytes);
    AtomicLong progress = new AtomicLong();

    long copied = copyChunk("src", 4000, 3000, 10_000, progress::addAndGet);

    byte[] copy = Files.readAllBytes(tmp.resolve("dst"));
    assertEquals(3000, copied);
    assertEquals(3000, progress.get());
    assertEquals(10_000, copy.length);
    assertArrayEquals(Arrays.copyOfRange(bytes, 4000, 7000),
        Arrays.copyOfRange(copy, 4000, 7000));
    assertArrayEquals(new byte[4000], Arrays.copyOfRange(copy, 0, 4000));
    assertArrayEquals(new byte[3000], Arrays.copyOfRange(copy, 7000, 10_000));
  }

  @Test
  void copyChunk_ofASourceNotAtItsListedSize_isTheSourcesFailure() throws IOException {
    Files.write(tmp.resolve("src"), pattern(10_001));

    assertThrows(ReadFailure.class, () -> copyChunk("src", 0, 3000, 10_000, IGNORE));
    assertThrows(ReadFailure.class, () -> copyChunk("src", 9000, 1000, 10_000, IGNORE));
  }

  @Test
  void copyChunk_sparse_keepsTheHolesOfItsRange_andCountsThemAsProgress() throws IOException {
    long size = 16L << 20;
    byte[] data = pattern(8192);
    try (RandomAccessFile f = new RandomAccessFile(tmp.resolve("src").toFile(), "rw")) {
      f.setLength(size);
      f.seek((4L << 20) - 4096);
      f.write(data);
      f.seek(6L << 20);
      f.write(data);
    }
    assumeTrue(dir.stat(b("src")).isSparse(), "this file system did not make the file sparse");
    AtomicLong progress = new AtomicLong();

    long copied = copyChunk("src", 4L << 20, 4L << 20, size, progress::addAndGet);

    Stat copy = dir.stat(b("dst"));
    assertEquals(4L << 20, copied);
    assertEquals(4L << 20, progress.get(), "holes count as copied");
    assertTrue(copy.blocks() * 512 < 1 << 20, "the holes were filled: " + copy.blocks());
    byte[] want = new byte[(int) size];
    System.arraycopy(data, 4096, want, 4 << 20, 4096);
    System.arraycopy(data, 0, want, 6 << 20, 8192);
    assertArrayEquals(want, Files.readAllBytes(tmp.resolve("dst")),
        "only the chunk's own bytes are copied, the data before it is not");
  }

  /**
   * Copies {@code [from, from + length)} of {@code tmp/name} into {@code tmp/dst}, made at the
   * file's listed size first, as the coordinator makes a big file's copy.
   */
  private long copyChunk(String name, long from, long length, long listed,
      LongConsumer progress) throws IOException {
    Files.deleteIfExists(tmp.resolve("dst"));
    try (FileHandle in = dir.openRead(b(name), false);
        FileHandle out = dir.create(b("dst"), 0600)) {
      out.truncate(listed);
      return new FileCopier(1024).copyChunk(in, in.stat(), from, length, listed, out, progress,
          NEVER);
    }
  }

  /**
   * A file written to while it is copied, its size kept and even its time put back (only its
   * change time tells): refused, not put in place mixed with its old time.
   */
  @Test
  void copy_refusesAFileWrittenToWhileItWasCopied() throws Exception {
    Files.write(tmp.resolve("src"), pattern(10_000));
    FileTime time = Files.getLastModifiedTime(tmp.resolve("src"));
    try (FileHandle in = dir.openRead(b("src"), false);
        FileHandle out = dir.create(b("dst"), 0600)) {
      Stat opened = in.stat();
      Thread.sleep(20);
      try (RandomAccessFile f = new RandomAccessFile(tmp.resolve("src").toFile(), "rw")) {
        f.seek(10);
        f.write(new byte[] {'E', 'V', 'I', 'L'});
      }
      Files.setLastModifiedTime(tmp.resolve("src"), time);

      ReadFailure e = assertThrows(ReadFailure.class,
          () -> new FileCopier(4096).copy(in, opened, 10_000, out, IGNORE, NEVER));
      assertTrue(e.getMessage().contains("changed while being copied (written to meanwhile)"),
          e.getMessage());
    }
  }

  /**
   * A file given a second name while it is copied (its change time moved, nothing else) is
   * refused, since a writer could have put its time back, but the words say what was seen.
   */
  @Test
  void copy_saysAFileLinkedWhileItWasCopiedGotALink() throws Exception {
    Files.write(tmp.resolve("src"), pattern(10_000));
    try (FileHandle in = dir.openRead(b("src"), false);
        FileHandle out = dir.create(b("dst"), 0600)) {
      Stat opened = in.stat();
      Thread.sleep(20);
      Files.createLink(tmp.resolve("other"), tmp.resolve("src"));

      ReadFailure e = assertThrows(ReadFailure.class,
          () -> new FileCopier(4096).copy(in, opened, 10_000, out, IGNORE, NEVER));
      assertTrue(e.getMessage().contains(
          "changed while being copied (a hard link to it was made or removed meanwhile)"),
          e.getMessage());
    }
  }

  /**
   * A file removed while it is copied (its last name unlinked, so its change time moved) is
   * said to be removed, not written to.
   */
  @Test
  void copy_saysAFileRemovedWhileItWasCopiedWasRemoved() throws Exception {
    Files.write(tmp.resolve("src"), pattern(10_000));
    try (FileHandle in = dir.openRead(b("src"), false);
        FileHandle out = dir.create(b("dst"), 0600)) {
      Stat opened = in.stat();
      Thread.sleep(20);
      Files.delete(tmp.resolve("src"));

      ReadFailure e = assertThrows(ReadFailure.class,
          () -> new FileCopier(4096).copy(in, opened, 10_000, out, IGNORE, NEVER));
      assertTrue(e.getMessage().contains("changed while being copied (removed meanwhile)"),
          e.getMessage());
    }
  }

  @Test
  void constructor_refusesASliceBelowOneByte() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new FileCopier(0));
    assertTrue(e.getMessage().contains("maxSlice (0)"), e.getMessage());
  }

  /** Copies {@code tmp/name} into a new {@code tmp/dst}, as a worker does. */
  private long copy(FileCopier copier, String name, long listed, LongConsumer progress,
      BooleanSupplier cancelled) throws IOException {
    try (FileHandle in = dir.openRead(b(name), false);
        FileHandle out = dir.create(b("dst"), 0600)) {
      return copier.copy(in, in.stat(), listed, out, progress, cancelled);
    }
  }

  private static byte[] pattern(int size) {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) (i * 31 + i / 251);
    }
    return bytes;
  }

  /**
   * A gate that records every count asked, answers the first asks with scripted counts or
   * refusals, and lets everything through after them (or refuses everything after a final
   * refusal, unless told {@link #thenAllow}).
   */
  private static final class RecordingGate implements WriteGate {
    final List<Long> asked = new ArrayList<>();
    private final Deque<Long> script = new ArrayDeque<>();
    /** Scripted answers: a count, or a negated error number. */
    private int lastRefusal;
    private boolean allowAfter = true;

    RecordingGate(long... cuts) {
      for (long c : cuts) {
        script.add(c);
      }
    }

    RecordingGate thenRefuse(int errno) {
      script.add((long) -errno);
      allowAfter = false;
      lastRefusal = errno;
      return this;
    }

    RecordingGate thenAllow() {
      allowAfter = true;
      return this;
    }

    @Override
    public long allow(long want) throws SysException {
      asked.add(want);
      Long next = script.poll();
      if (next == null) {
        if (allowAfter) {
          return want;
        }
        throw new SysException(lastRefusal, "write");
      }
      if (next < 0) {
        throw new SysException((int) -next, "write");
      }
      return Math.min(want, next);
    }
  }
}
