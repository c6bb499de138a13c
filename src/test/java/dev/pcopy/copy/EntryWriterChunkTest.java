package dev.pcopy.copy;

import static dev.pcopy.testing.Raw.b;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.copy.FileCopier.CancelledException;
import dev.pcopy.fs.DirHandle;
import dev.pcopy.fs.Identity;
import dev.pcopy.fs.Timestamp;
import dev.pcopy.plan.Action.CommitFile;
import dev.pcopy.plan.Action.WriteChunk;
import dev.pcopy.plan.Meta;
import dev.pcopy.plan.Outcome;
import dev.pcopy.plan.RunId;
import dev.pcopy.plan.TempNames;
import dev.pcopy.testing.Raw;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker's side of a big file ({@link EntryWriter} on {@link WriteChunk} and
 * {@link CommitFile}): a chunk lands in the temporary copy at its own offset and nowhere else;
 * a copy that is no longer the inode the coordinator made (swapped for a link to a file outside,
 * another file, or given a second name) is refused untouched; a source of another size is
 * refused; the commit gives the copy its metadata and renames it, and with {@code --verify}
 * refuses a copy that reads back wrong. The temporary copy is the coordinator's: a worker never
 * removes it.
 */
@Timeout(20)
class EntryWriterChunkTest {
  private static final Timestamp MTIME = new Timestamp(1_600_000_000L, 123_456_789);
  private static final Identity ME = Identity.current();
  private static final BooleanSupplier NEVER = () -> false;
  private static final LongConsumer IGNORE = n -> { };
  private static final int SIZE = 3000;
  private static final int CHUNK = 1000;
  private static final String REPLACED = "its temporary copy was replaced while it was being"
      + " written";

  @TempDir
  Path tmp;
  private Path src;
  private Path dst;
  private Path outside;
  private DirHandle srcRoot;
  private DirHandle dstRoot;
  private HandleCache sources;
  private HandleCache targets;
  private final String runId = RunId.forThisProcess().text();
  private final byte[] temp = TempNames.of(runId, 5);
  private byte[] data;

  @BeforeEach
  void open() throws IOException {
    src = Files.createDirectory(tmp.resolve("src"));
    dst = Files.createDirectory(tmp.resolve("dst"));
    outside = Files.createDirectory(tmp.resolve("outside"));
    srcRoot = DirHandle.open(b(src.toString()));
    dstRoot = DirHandle.open(b(dst.toString()));
    sources = new HandleCache(srcRoot, false, 8);
    targets = new HandleCache(dstRoot, false, 8);
    data = new byte[SIZE];
    new Random(7).nextBytes(data);
    Files.write(src.resolve("big"), data);
    // As listed: the commit checks the source still has the time the walk saw.
    Files.setLastModifiedTime(src.resolve("big"), java.nio.file.attribute.FileTime.from(
        java.time.Instant.ofEpochSecond(MTIME.seconds(), MTIME.nanos())));
    try (RandomAccessFile f = new RandomAccessFile(copy().toFile(), "rw")) {
      f.setLength(SIZE);
    }
    Files.setAttribute(copy(), "unix:mode", 0600);
  }

  @AfterEach
  void close() {
    sources.close();
    targets.close();
    srcRoot.close();
    dstRoot.close();
  }

  private Path copy() {
    return dst.resolve(Raw.s(temp));
  }

  private long ino(Path p) throws IOException {
    return (Long) Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS);
  }

  private long dev(Path p) throws IOException {
    return (Long) Files.getAttribute(p, "unix:dev", LinkOption.NOFOLLOW_LINKS);
  }

  private WriteChunk chunk(int c, long ino, long dev) {
    return new WriteChunk(b(""), b("big"), b("big"), 5, temp, (long) c * CHUNK, CHUNK, SIZE,
        ino, dev);
  }

  private WriteChunk chunk(int c) throws IOException {
    return chunk(c, ino(copy()), dev(copy()));
  }

  private CommitFile commit() throws IOException {
    return new CommitFile(b(""), b("big"), b("big"), 5, temp, SIZE,
        new Meta(0640, -1, -1, MTIME, MTIME), ino(copy()), dev(copy()));
  }

  private EntryWriter writer(boolean verify) {
    return new EntryWriter(sources, targets, runId, new FileCopier(256),
        new EntryWriter.Settings(false, false, false, false, verify, ME.isRoot(), ME.umask()),
        EntryWriter.AfterCopy.NONE);
  }

  private Outcome run(dev.pcopy.plan.Action.WorkerAction a) throws CancelledException {
    return writer(false).run(a, IGNORE, NEVER);
  }

  /**
   * Puts a new file holding {@code bytes} at {@code p}, made while the old one still exists: a
   * file made after the old one is gone could get its inode number, which is what the
   * coordinator's handle on the copy prevents in a real run.
   */
  private static void replace(Path p, byte[] bytes) throws IOException {
    Path other = Files.write(p.resolveSibling("replacement"), bytes);
    Files.move(other, p, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void writeChunk_copiesItsBytesAtTheSameOffset_andNothingElse() throws IOException {
    Outcome o = run(chunk(1));

    assertEquals(Outcome.done(CHUNK), o);
    byte[] now = Files.readAllBytes(copy());
    assertArrayEquals(Arrays.copyOfRange(data, CHUNK, 2 * CHUNK),
        Arrays.copyOfRange(now, CHUNK, 2 * CHUNK));
    assertArrayEquals(new byte[CHUNK], Arrays.copyOfRange(now, 0, CHUNK));
    assertArrayEquals(new byte[CHUNK], Arrays.copyOfRange(now, 2 * CHUNK, SIZE));
    assertEquals(SIZE, Files.size(copy()));
  }

  @Test
  void writeChunks_inAnyOrder_thenCommit_makeTheFileWithItsModeAndTimes() throws IOException {
    CommitFile commit = commit();
    for (int c : new int[] {2, 0, 1}) {
      assertEquals(Outcome.done(CHUNK), run(chunk(c)));
    }

    Outcome o = run(commit);

    assertEquals(Outcome.done(0), o);
    assertArrayEquals(data, Files.readAllBytes(dst.resolve("big")));
    assertFalse(Files.exists(copy(), LinkOption.NOFOLLOW_LINKS));
    assertEquals(0640, (Integer) Files.getAttribute(dst.resolve("big"), "unix:mode") & 07777);
    assertEquals(MTIME.seconds(), Files.getLastModifiedTime(dst.resolve("big")).toInstant()
        .getEpochSecond());
    assertEquals(MTIME.nanos(), Files.getLastModifiedTime(dst.resolve("big")).toInstant()
        .getNano());
  }

  /** Someone who may write in the target put a link to a file outside in the copy's place. */
  @Test
  void writeChunk_intoACopySwappedForASymbolicLink_writesNothingThroughIt() throws IOException {
    WriteChunk c = chunk(0);
    Path victim = Files.write(outside.resolve("victim"), new byte[SIZE]);
    Files.delete(copy());
    Files.createSymbolicLink(copy(), victim);

    Outcome o = run(c);

    assertEquals(Outcome.failedWriting(REPLACED), o);
    assertArrayEquals(new byte[SIZE], Files.readAllBytes(victim), "written through the link");
    assertTrue(Files.isSymbolicLink(copy()), "a worker removed the coordinator's file");
  }

  @Test
  void writeChunk_intoAnotherFileAtTheCopysName_orTheCopyWithASecondName_refuses()
      throws IOException {
    WriteChunk c = chunk(0);
    Path second = dst.resolve("second name");
    Files.createLink(second, copy());

    Outcome linked = run(c);
    Files.delete(second);
    replace(copy(), new byte[SIZE]);
    Outcome replaced = run(c);

    assertEquals(Outcome.failedWriting(REPLACED), linked);
    assertEquals(Outcome.failedWriting(REPLACED), replaced);
    assertArrayEquals(new byte[SIZE], Files.readAllBytes(copy()), "a stranger was written");
  }

  @Test
  void writeChunk_ofASourceOfAnotherSize_failsBlamingTheSource() throws IOException {
    WriteChunk first = chunk(0);
    WriteChunk last = chunk(2);
    Files.write(src.resolve("big"), Arrays.copyOf(data, SIZE + 1));

    Outcome grewFirst = run(first);
    Outcome grewLast = run(last);

    assertEquals(Outcome.Status.FAILED, grewFirst.status());
    assertEquals(Outcome.Status.FAILED, grewLast.status());
    assertTrue(Files.exists(copy()), "a worker removed the coordinator's file");
  }

  @Test
  void commit_ofACopySwappedSinceItWasCut_refuses_andLeavesTheFinalNameAlone()
      throws IOException {
    CommitFile commit = commit();
    Files.writeString(dst.resolve("big"), "the old copy");
    replace(copy(), data);

    Outcome o = run(commit);

    assertEquals(Outcome.failedWriting(REPLACED), o);
    assertEquals("the old copy", Files.readString(dst.resolve("big")));
  }

  /** Written to between chunks: each chunk saw it unchanged, but the commit sees a new time. */
  @Test
  void commit_refusesASourceWrittenToBetweenItsChunks() throws IOException {
    CommitFile commit = commit();
    for (int c = 0; c < 3; c++) {
      run(chunk(c));
    }
    Files.setLastModifiedTime(src.resolve("big"), java.nio.file.attribute.FileTime.from(
        java.time.Instant.ofEpochSecond(MTIME.seconds() + 60)));

    Outcome o = run(commit);

    assertEquals(Outcome.Status.FAILED, o.status());
    assertTrue(o.reason().contains("written to meanwhile"), o.reason());
    assertFalse(Files.exists(dst.resolve("big")));
  }

  @Test
  void commit_withVerify_refusesACopyThatReadsBackWrong() throws IOException {
    CommitFile commit = commit();
    for (int c = 0; c < 3; c++) {
      run(chunk(c));
    }
    try (RandomAccessFile f = new RandomAccessFile(copy().toFile(), "rw")) {
      f.seek(1500);
      f.write(data[1500] ^ 1);
    }

    Outcome o = writer(true).run(commit, IGNORE, NEVER);

    assertEquals(Outcome.Status.FAILED_WRITING, o.status());
    assertTrue(o.reason().contains("reads back wrong"), o.reason());
    assertFalse(Files.exists(dst.resolve("big")), "a copy that reads back wrong was renamed");
  }

  @Test
  void writeChunk_cancelled_throwsAndLeavesTheCopy() throws IOException {
    AtomicLong progress = new AtomicLong();
    WriteChunk c = chunk(0);

    assertThrows(CancelledException.class,
        () -> writer(false).run(c, progress::addAndGet, () -> progress.get() > 0));
    assertTrue(Files.exists(copy()), "a worker removed the coordinator's file");
  }
}
