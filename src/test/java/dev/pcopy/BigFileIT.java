package dev.pcopy;

import static dev.pcopy.testing.TreeAssert.assertNoTempFiles;
import static dev.pcopy.testing.TreeAssert.assertSameFile;
import static dev.pcopy.testing.TreeAssert.assertSameTree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pcopy.fs.Timestamp;
import dev.pcopy.plan.Chunks;
import dev.pcopy.plan.PartialRecord;
import dev.pcopy.progress.ByteSizes;
import dev.pcopy.testing.Pcopy;
import dev.pcopy.testing.PcopyResult;
import dev.pcopy.testing.RunningPcopy;
import dev.pcopy.testing.Shell;
import dev.pcopy.testing.TreeAssert;
import dev.pcopy.testing.TreeSnapshot;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Big files ({@link Chunks#THRESHOLD} and up), copied in chunks (one of a file at a time on these
 * local file systems): the copy is the source byte for byte with its mode and times, holes
 * included; a run stopped by a signal keeps its partial copy and record, and the next run (or dry
 * run) continues it, copying only the chunks missing; a source changed since, {@code --no-partial},
 * and partial copies someone tampered with start over. And whatever is put in the copy's place
 * while a run goes on, nothing is written outside the destination.
 *
 * <p>One 200 MiB source (chunks of 64, 64, 64 and 8 MiB) is made once and only read; workers
 * pause before each chunk ({@link Pcopy#workerDelay}) so that a signal lands between chunks.
 */
class BigFileIT {
  private static final long MIB = 1L << 20;
  private static final long SIZE = 200 * MIB;
  /** Between two chunks of one worker: longer than a signal takes to arrive and be handled. */
  private static final long DELAY_MS = 1500;
  private static final Duration TIMEOUT = Duration.ofMinutes(3);
  private static final Timestamp MTIME = new Timestamp(1_650_000_000L, 123_456_789);
  /** User nobody. */
  private static final int SOMEONE_ELSE = 65534;

  @TempDir
  static Path shared;
  /** A directory holding only {@code big.bin}, the source of every test that does not change it. */
  private static Path one;

  @TempDir
  Path tmp;

  @BeforeAll
  static void makeTheSource() throws IOException {
    one = Files.createDirectory(shared.resolve("one"));
    writeBigFile(one.resolve("big.bin"), 1);
  }

  /**
   * Writes {@link #SIZE} bytes, each MiB of its own seeded random bytes and starting with its
   * number, so that a chunk copied to the wrong place, or not at all, shows.
   */
  private static void writeBigFile(Path file, long seed) throws IOException {
    ByteBuffer block = ByteBuffer.allocate((int) MIB);
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE)) {
      for (long m = 0; m < SIZE / MIB; m++) {
        new Random(seed * 100_000 + m).nextBytes(block.array());
        block.putLong(0, m);
        block.clear();
        while (block.hasRemaining()) {
          out.write(block);
        }
      }
    }
    Files.setAttribute(file, "unix:mode", 0640);
    setTime(file, MTIME);
    setTime(file.getParent(), new Timestamp(1_600_000_000L, 987_654_321));
  }

  private static void setTime(Path p, Timestamp t) throws IOException {
    Files.setLastModifiedTime(p, FileTime.from(Instant.ofEpochSecond(t.seconds(), t.nanos())));
  }

  // --- a whole copy ---

  @Test
  void bigFile_withTwoWorkers_isCopiedByteForByte_withItsModeAndTimes() {
    Path dst = tmp.resolve("dst");

    PcopyResult result = Pcopy.args("-w", "2", "-v", one.toString(), dst.toString())
        .timeout(TIMEOUT).run();

    assertEquals(0, result.exitCode(), result.toString());
    assertEquals(List.of("copy big.bin"), verboseLines(result), result.toString());
    assertSameTree(one, dst);
    assertNoTempFiles(dst);
    assertTrue(result.summaryLine().orElseThrow().contains("copied 1 file, 0 links, "
        + ByteSizes.format(SIZE) + " in "), result.toString());
  }

  @Test
  void bigFile_withVerify_isCopiedAndReadBack() {
    Path dst = tmp.resolve("dst");

    PcopyResult result = Pcopy.args("-w", "2", "--verify", one.toString(), dst.toString())
        .timeout(TIMEOUT).run();

    assertEquals(0, result.exitCode(), result.toString());
    assertSameTree(one, dst);
    assertNoTempFiles(dst);
  }

  /**
   * A sparse file of 384 MiB (six chunks) with a few MiB of data, one island across the border
   * of two chunks: the copy has the same bytes and about the same blocks, never the holes
   * filled with zeros.
   */
  @Test
  void sparseBigFile_keepsItsHoles() throws IOException {
    Path src = Files.createDirectory(tmp.resolve("src"));
    Path sparse = src.resolve("disk.img");
    long size = 384 * MIB;
    try (RandomAccessFile f = new RandomAccessFile(sparse.toFile(), "rw")) {
      f.setLength(size);
      byte[] island = new byte[(int) MIB];
      Random random = new Random(3);
      for (long at : new long[] {0, 100 * MIB, 128 * MIB - MIB / 2, size - MIB}) {
        random.nextBytes(island);
        f.seek(at);
        f.write(island);
      }
    }
    long srcAllocated = allocated(sparse);
    assumeTrue(srcAllocated < 16 * MIB, "this file system does not keep holes");
    Path dst = tmp.resolve("dst");

    PcopyResult result = Pcopy.args("-w", "2", src.toString(), dst.toString()).timeout(TIMEOUT)
        .run();

    assertEquals(0, result.exitCode(), result.toString());
    assertSameTree(src, dst);
    long dstAllocated = allocated(dst.resolve("disk.img"));
    assertTrue(dstAllocated <= srcAllocated + MIB, "the copy fills holes: " + dstAllocated
        + " bytes allocated, the source " + srcAllocated);
  }

  // --- stopped, and continued ---

  @Test
  void sigtermMidBigFile_keepsTheCopyAndItsRecord_andTheNextRunCopiesOnlyWhatIsMissing()
      throws IOException {
    Path dst = tmp.resolve("dst");

    PcopyResult stopped = stopAfterAChunk(Pcopy.args("-w", "2", one.toString(),
        dst.toString()), dst);

    assertEquals(130, stopped.exitCode(), stopped.toString());
    ExitCodesIT.assertNoStackTrace(stopped);
    assertFalse(Files.exists(dst.resolve("big.bin"), LinkOption.NOFOLLOW_LINKS),
        "a file at its final name before all its chunks were copied");
    Partial left = partial(dst);
    assertEquals(SIZE, Files.size(left.copy()));
    assertEquals(0600, mode(left.copy()), "a partial copy others may read");
    PartialRecord record = left.record();
    java.time.Instant changed = ((java.nio.file.attribute.FileTime) Files.getAttribute(
        one.resolve("big.bin"), "unix:ctime")).toInstant();
    assertTrue(record.matches("big.bin".getBytes(StandardCharsets.US_ASCII), SIZE, MTIME,
        new Timestamp(changed.getEpochSecond(), changed.getNano()),
        (Long) Files.getAttribute(one.resolve("big.bin"), "unix:dev"),
        (Long) Files.getAttribute(one.resolve("big.bin"), "unix:ino")), record.toString());
    assertFalse(record.done().isEmpty());
    assertTrue(record.remainingBytes() > 0, "every chunk was done before the signal");
    assertChunksDoneAreCopied(record, left.copy(), one.resolve("big.bin"));
    long remaining = record.remainingBytes();

    TreeSnapshot before = TreeSnapshot.of(dst);
    PcopyResult dryRun = Pcopy.args("-n", one.toString(), dst.toString()).run();
    assertEquals(0, dryRun.exitCode(), dryRun.toString());
    // DST, made for its owner alone until the copy completes, gets SRC's mode from the re-run.
    assertEquals(List.of("copy big.bin", "chmod " + Integer.toOctalString(mode(one)) + " ."),
        verboseLines(dryRun), dryRun.toString());
    assertTrue(dryRun.summaryLine().orElseThrow().contains(ByteSizes.format(remaining)),
        "the dry run does not say what the run will copy\n" + dryRun);
    assertEquals(before.entries(), TreeSnapshot.of(dst).entries(),
        "the dry run wrote something:" + before.describeChangesTo(TreeSnapshot.of(dst)));

    PcopyResult resumed = Pcopy.args("-w", "2", one.toString(), dst.toString())
        .timeout(TIMEOUT).run();

    assertEquals(0, resumed.exitCode(), resumed.toString());
    assertSameTree(one, dst);
    assertNoTempFiles(dst);
    assertTrue(resumed.summaryLine().orElseThrow().contains("copied 1 file, 0 links, "
        + ByteSizes.format(remaining) + " in "),
        "the re-run did not copy exactly the chunks missing (" + remaining + " bytes)\n"
            + resumed);
  }

  @Test
  void singleFileCopy_intoADirectory_isContinuedToo() throws IOException {
    Path usb = Files.createDirectory(tmp.resolve("usb"));

    PcopyResult stopped = stopAfterAChunk(Pcopy.args("-w", "2", one.resolve("big.bin")
        .toString(), usb + "/"), usb);
    assertEquals(130, stopped.exitCode(), stopped.toString());
    long remaining = partial(usb).record().remainingBytes();

    PcopyResult resumed = Pcopy.args(one.resolve("big.bin").toString(), usb + "/")
        .timeout(TIMEOUT).run();

    assertEquals(0, resumed.exitCode(), resumed.toString());
    assertSameFile(one.resolve("big.bin"), usb.resolve("big.bin"));
    assertNoTempFiles(usb);
    assertTrue(resumed.summaryLine().orElseThrow().contains(ByteSizes.format(remaining)
        + " in "), "not continued: " + remaining + " bytes were missing\n" + resumed);
  }

  @Test
  void sourceChangedBetweenRuns_startsOver_withNoStaleChunk_andTheOldCopyGone()
      throws IOException {
    Path src = Files.createDirectory(tmp.resolve("src"));
    Files.copy(one.resolve("big.bin"), src.resolve("big.bin"));
    setTime(src.resolve("big.bin"), MTIME);
    Path dst = tmp.resolve("dst");
    PcopyResult stopped = stopAfterAChunk(Pcopy.args("-w", "2", src.toString(),
        dst.toString()), dst);
    assertEquals(130, stopped.exitCode(), stopped.toString());
    Partial old = partial(dst);
    // Change a MiB inside a chunk the old copy has, so that keeping it would show.
    long changedAt = old.record().offset(old.record().done().nextSetBit(0)) + 3 * MIB;
    try (FileChannel f = FileChannel.open(src.resolve("big.bin"), StandardOpenOption.WRITE)) {
      byte[] other = new byte[(int) MIB];
      new Random(99).nextBytes(other);
      f.write(ByteBuffer.wrap(other), changedAt);
    }

    PcopyResult rerun = Pcopy.args("-w", "2", src.toString(), dst.toString()).timeout(TIMEOUT)
        .run();

    assertEquals(0, rerun.exitCode(), rerun.toString());
    assertSameTree(src, dst);
    assertNoTempFiles(dst);
    assertTrue(rerun.summaryLine().orElseThrow().contains(ByteSizes.format(SIZE) + " in "),
        "not started over\n" + rerun);
    assertFalse(Files.exists(old.copy(), LinkOption.NOFOLLOW_LINKS), "the old copy is left");
    // It was no killed run's: the line says what is true of both.
    assertTrue(rerun.stdoutLines().stream().anyMatch(l -> l.startsWith("pcopy: removed ")
        && l.endsWith(" leftover temporary files of an earlier run")), rerun.toString());
  }

  @Test
  void noPartial_leavesNothingOfAStoppedBigFile() {
    Path dst = tmp.resolve("dst");

    PcopyResult stopped = stopAfterAChunk(Pcopy.args("-w", "2", "--no-partial",
        one.toString(), dst.toString()), dst);

    assertEquals(130, stopped.exitCode(), stopped.toString());
    assertNoTempFiles(dst);
    assertFalse(Files.exists(dst.resolve("big.bin"), LinkOption.NOFOLLOW_LINKS));
  }

  // --- partial copies someone tampered with ---

  /** Between two runs, the partial copy's name is made a link to a file outside DST. */
  @Test
  void partialCopyReplacedByALinkBetweenRuns_isNeitherFollowedNorContinued() throws IOException {
    Path dst = tmp.resolve("dst");
    assertEquals(130, stopAfterAChunk(Pcopy.args("-w", "2", one.toString(), dst.toString()),
        dst).exitCode());
    Partial left = partial(dst);
    Path victim = emptyFileOutside(SIZE);
    Files.delete(left.copy());
    Files.createSymbolicLink(left.copy(), victim);

    PcopyResult rerun = Pcopy.args("-w", "2", one.toString(), dst.toString()).timeout(TIMEOUT)
        .run();

    assertEquals(0, rerun.exitCode(), rerun.toString());
    assertSameTree(one, dst);
    assertNoTempFiles(dst);
    assertUntouched(victim);
    assertTrue(rerun.summaryLine().orElseThrow().contains(ByteSizes.format(SIZE) + " in "),
        "not started over\n" + rerun);
  }

  /**
   * A record of someone else's that claims every chunk done, beside a copy of theirs with the
   * chunks never copied (holes): believing it would commit that copy as the file.
   */
  @Test
  void partialCopyOfSomeoneElse_claimingEveryChunk_isNotBelieved() throws IOException {
    assumeTrue(Shell.isRoot(), "only root can give files to someone else");
    Path dst = tmp.resolve("dst");
    assertEquals(130, stopAfterAChunk(Pcopy.args("-w", "2", one.toString(), dst.toString()),
        dst).exitCode());
    Partial left = partial(dst);
    try (FileChannel record = FileChannel.open(left.recordPath(), StandardOpenOption.APPEND)) {
      for (int c = 0; c < left.record().chunks(); c++) {
        record.write(ByteBuffer.wrap(PartialRecord.entry(c)));
      }
    }
    Files.setAttribute(left.recordPath(), "unix:uid", SOMEONE_ELSE);
    Files.setAttribute(left.copy(), "unix:uid", SOMEONE_ELSE);

    PcopyResult rerun = Pcopy.args("-w", "2", one.toString(), dst.toString()).timeout(TIMEOUT)
        .run();

    assertEquals(0, rerun.exitCode(), rerun.toString());
    assertSameTree(one, dst);
    assertNoTempFiles(dst);
  }

  /**
   * While the run goes on, someone who may write in DST moves the copy away and puts a link to
   * a file outside in its place: the chunks still to copy refuse it, the file fails, and nothing
   * is written outside.
   */
  @Test
  void copySwappedForALinkMidRun_writesNothingOutside_andTheFileFails() throws IOException {
    Path dst = tmp.resolve("dst");
    Path victim = emptyFileOutside(SIZE);
    Path movedAway = Files.createDirectory(tmp.resolve("moved")).resolve("copy");
    PcopyResult result;
    try (RunningPcopy run = Pcopy.args("-w", "2", one.toString(), dst.toString())
        .workerDelay(DELAY_MS).timeout(TIMEOUT).start()) {
      awaitAChunkNoted(run, dst);
      Path copy = partial(dst).copy();
      Files.move(copy, movedAway);
      Files.createSymbolicLink(copy, victim);
      result = run.awaitExit(TIMEOUT);
    }

    assertEquals(1, result.exitCode(), result.toString());
    assertTrue(result.stderr().contains("big.bin: its temporary copy was replaced"),
        result.toString());
    ExitCodesIT.assertNoStackTrace(result);
    assertUntouched(victim);
    assertFalse(Files.exists(dst.resolve("big.bin"), LinkOption.NOFOLLOW_LINKS),
        "a file with chunks missing was committed");
    assertNoTempFiles(dst);

    PcopyResult rerun = Pcopy.args(one.toString(), dst.toString()).timeout(TIMEOUT).run();

    assertEquals(0, rerun.exitCode(), rerun.toString());
    assertSameTree(one, dst);
  }

  // --- helpers ---

  /** Starts {@code pcopy}, stops it with SIGTERM once a chunk is noted, and returns the result. */
  private static PcopyResult stopAfterAChunk(Pcopy pcopy, Path dst) {
    try (RunningPcopy run = pcopy.workerDelay(DELAY_MS).inOwnSession().timeout(TIMEOUT)
        .start()) {
      awaitAChunkNoted(run, dst);
      run.assertHandlesInterrupts();
      run.signal("TERM");
      return run.awaitExit(TIMEOUT);
    }
  }

  private static void awaitAChunkNoted(RunningPcopy run, Path dst) {
    run.awaitUntil("a chunk noted in a record", TIMEOUT, () -> records(dst).stream()
        .anyMatch(r -> readRecord(r).map(p -> !p.done().isEmpty()).orElse(false)));
  }

  /** The records of partial copies in {@code dir}; empty while it does not exist. */
  private static List<Path> records(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> names = Files.list(dir)) {
      return names.filter(p -> p.getFileName().toString().startsWith(".pcopy-")
          && p.getFileName().toString().endsWith(".part")).collect(Collectors.toList());
    } catch (IOException | UncheckedIOException e) {
      return List.of();
    }
  }

  private static Optional<PartialRecord> readRecord(Path record) {
    try {
      return PartialRecord.parse(Files.readAllBytes(record));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** A partial copy a stopped run left: the copy, its record's path, and what the record says. */
  private record Partial(Path copy, Path recordPath, PartialRecord record) {}

  /** The one partial copy in {@code dir}; fails unless there is exactly one, with its copy. */
  private static Partial partial(Path dir) throws IOException {
    List<Path> records = records(dir);
    assertEquals(1, records.size(), "records in " + dir + ": " + records + ", all temporary"
        + " files: " + TreeAssert.temporaryFiles(dir));
    Path record = records.get(0);
    String name = record.getFileName().toString();
    Path copy = dir.resolve(name.substring(0, name.length() - ".part".length()) + ".tmp");
    assertTrue(Files.isRegularFile(copy, LinkOption.NOFOLLOW_LINKS), "no copy beside " + name);
    return new Partial(copy, record, readRecord(record).orElseThrow());
  }

  /** Asserts that the chunks the record says are done hold the source's bytes. */
  private static void assertChunksDoneAreCopied(PartialRecord record, Path copy, Path source)
      throws IOException {
    try (FileChannel c = FileChannel.open(copy); FileChannel s = FileChannel.open(source)) {
      for (int chunk = record.done().nextSetBit(0); chunk >= 0;
          chunk = record.done().nextSetBit(chunk + 1)) {
        for (long at = record.offset(chunk); at < record.offset(chunk) + record.length(chunk);
            at += MIB) {
          ByteBuffer want = ByteBuffer.allocate((int) MIB);
          ByteBuffer have = ByteBuffer.allocate((int) MIB);
          s.read(want, at);
          c.read(have, at);
          assertEquals(want.flip(), have.flip(), "chunk " + chunk + " is noted but differs at "
              + at);
        }
      }
    }
  }

  /** A file outside every DST: {@code size} bytes of holes, whose time is long past. */
  private Path emptyFileOutside(long size) throws IOException {
    Path victim = Files.createDirectories(tmp.resolve("outside")).resolve("victim");
    try (RandomAccessFile f = new RandomAccessFile(victim.toFile(), "rw")) {
      f.setLength(size);
    }
    setTime(victim, MTIME);
    return victim;
  }

  private static void assertUntouched(Path victim) throws IOException {
    assertEquals(FileTime.from(Instant.ofEpochSecond(MTIME.seconds(), MTIME.nanos())),
        Files.getLastModifiedTime(victim), "a file outside DST was written");
    assertEquals(0, allocated(victim), "a file outside DST was written");
    assertEquals(SIZE, Files.size(victim));
  }

  /** The bytes the file system gave {@code file} (a plain name), as {@code stat} counts them. */
  private static long allocated(Path file) {
    String blocks = new String(Shell.output(file.getParent(), "stat -c %b "
        + file.getFileName()), StandardCharsets.US_ASCII).strip();
    return Long.parseLong(blocks) * 512;
  }

  private static int mode(Path file) throws IOException {
    return (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
  }

  /** The lines of stdout that list actions ({@code -v}, {@code -n}), without the summary. */
  private static List<String> verboseLines(PcopyResult result) {
    return result.stdoutLines().stream().filter(l -> !l.startsWith("pcopy: "))
        .collect(Collectors.toList());
  }
}
