package dev.pcopy.job;

import static dev.pcopy.testing.Raw.b;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pcopy.copy.DirectoryWriter;
import dev.pcopy.copy.HandleCache;
import dev.pcopy.fs.DirHandle;
import dev.pcopy.fs.Identity;
import dev.pcopy.fs.Timestamp;
import dev.pcopy.plan.Action.CommitFile;
import dev.pcopy.plan.Action.WorkerAction;
import dev.pcopy.plan.Action.WriteChunk;
import dev.pcopy.plan.Action.WriteFile;
import dev.pcopy.plan.Decision;
import dev.pcopy.plan.HostTag;
import dev.pcopy.plan.Meta;
import dev.pcopy.plan.Outcome;
import dev.pcopy.plan.PartialRecord;
import dev.pcopy.plan.RunId;
import dev.pcopy.plan.Task;
import dev.pcopy.plan.TempNames;
import dev.pcopy.pool.PoolEvent;
import dev.pcopy.testing.Raw;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ChunkedFiles} on a real directory, the coordinator's side of a big file: the cut makes
 * the copy and its record (or takes over a stopped run's, only if it is still this user's own
 * file as the walk found it) and hands out each chunk still to copy exactly once; each chunk
 * done is noted in the record and the last hands out the commit; a failure removes both files
 * and ends the file once; a destination that refuses writes keeps them; and the run's end keeps
 * what has chunks done, or removes it. Chunks here are 1000 bytes, so the copies stay small.
 */
@Timeout(20)
class ChunkedFilesTest {
  private static final String RUN = RunId.forThisProcess().text();
  /** Above the kernel's largest pid (pid_max is at most 2^22), so never alive. */
  private static final RunId DEAD = new RunId(1L << 23, HostTag.current(), 77);
  private static final int ME = Identity.current().uid();
  private static final long SIZE = 4500;
  private static final long CHUNK = 1000;
  private static final Timestamp MTIME = new Timestamp(1_650_000_000L, 42);
  private static final Meta META = new Meta(0640, -1, -1, MTIME, MTIME);

  @TempDir
  Path dst;
  private DirHandle root;
  private HandleCache targets;
  private final LinkedBlockingQueue<PoolEvent> events = new LinkedBlockingQueue<>();
  private final List<ChunkedFiles.Ended> ended = new ArrayList<>();
  private final List<Task> commits = new ArrayList<>();
  private ChunkedFiles chunked;
  private long seq = 10;

  @BeforeEach
  void open() throws IOException {
    root = DirHandle.open(b(dst.toString()));
    targets = new HandleCache(root, false, 4);
    chunked = new ChunkedFiles(new DirectoryWriter(false, false, false, false), targets, RUN,
        ME, new AtomicLong(100), events);
  }

  @AfterEach
  void close() {
    chunked.settle(false);
    targets.close();
    root.close();
  }

  private WriteFile write(String name) {
    return new WriteFile(b(""), b(name), b(name), seq++, SIZE, META, false);
  }

  private static PartialRecord fresh(WriteFile w) {
    return PartialRecord.begun(SIZE, MTIME, MTIME, 7, 8, CHUNK, w.name());
  }

  /** Cuts {@code w} afresh, as the walk announces it and the coordinator takes it. */
  private List<Task> cutFresh(WriteFile w) {
    chunked.expect(w.seq(), new Decision.Cut(fresh(w), null, null));
    return chunked.cut(new Task(1, List.of(w), 0), ended::add);
  }

  private Path copyOf(WriteFile w) {
    return dst.resolve(Raw.s(TempNames.of(RUN, w.seq())));
  }

  private Path recordOf(WriteFile w) {
    return dst.resolve(Raw.s(TempNames.record(RUN, w.seq())));
  }

  private static WriteChunk chunk(Task t) {
    assertEquals(1, t.actions().size());
    return assertInstanceOf(WriteChunk.class, t.actions().get(0));
  }

  private Optional<ChunkedFiles.Ended> outcome(Task t, Outcome o) {
    return chunked.outcome(t.actions().get(0), o, commits::add);
  }

  private static BitSet done(Path record) throws IOException {
    return PartialRecord.parse(Files.readAllBytes(record)).orElseThrow().done();
  }

  private static BitSet bits(int... set) {
    BitSet b = new BitSet();
    for (int i : set) {
      b.set(i);
    }
    return b;
  }

  private static boolean exists(Path p) {
    return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
  }

  // --- the cut ---

  @Test
  void cut_passesOnAnyTaskButACutWrite() {
    WriteFile notCut = write("small");
    Task alone = new Task(1, List.of(notCut), 0);
    WriteFile expected = write("big");
    chunked.expect(expected.seq(), new Decision.Cut(fresh(expected), null, null));
    Task batch = new Task(2, List.of(notCut, expected), 0);

    assertEquals(List.of(alone), chunked.cut(alone, ended::add));
    assertSame(batch, chunked.cut(batch, ended::add).get(0));
    assertEquals(List.of(), ended);
    assertFalse(exists(copyOf(expected)));
  }

  @Test
  void cut_fresh_makesTheCopyAtFullSizeForItsOwnerAlone_andTheRecord_andTasksThatTileTheFile()
      throws IOException {
    WriteFile w = write("big.iso");

    List<Task> tasks = cutFresh(w);

    assertEquals(5, tasks.size());
    Set<Long> ids = new HashSet<>();
    long next = 0;
    for (Task t : tasks) {
      WriteChunk c = chunk(t);
      assertTrue(ids.add(t.id()), "task ids repeat");
      assertEquals(next, c.offset(), "chunks overlap or leave a gap");
      next += c.length();
      assertArrayEquals(b("big.iso"), c.name());
      assertArrayEquals(b("big.iso"), c.sourceName());
      assertArrayEquals(b(""), c.dir());
      assertEquals(w.seq(), c.seq());
      assertEquals(SIZE, c.fileSize());
      assertEquals(copyOf(w).getFileName().toString(), Raw.s(c.temp()));
      assertEquals(Files.getAttribute(copyOf(w), "unix:ino"), c.ino());
    }
    assertEquals(SIZE, next, "the chunks do not cover the file");
    assertEquals(500, chunk(tasks.get(4)).length());
    assertEquals(SIZE, Files.size(copyOf(w)));
    assertEquals(0600, (Integer) Files.getAttribute(copyOf(w), "unix:mode") & 07777);
    PartialRecord record = PartialRecord.parse(Files.readAllBytes(recordOf(w))).orElseThrow();
    assertTrue(record.done().isEmpty());
    assertTrue(record.matches(b("big.iso"), SIZE, MTIME, MTIME, 7, 8));
    assertEquals(CHUNK, record.chunkSize());
    assertEquals(List.of(), ended);
  }

  /** A dead run's partial copy of {@code w} with {@code done} noted, and the cut the walk made. */
  private Decision.Cut left(WriteFile w, int... done) throws IOException {
    byte[] temp = TempNames.of(DEAD.text(), 3);
    byte[] recordName = TempNames.record(DEAD.text(), 3);
    try (RandomAccessFile f = new RandomAccessFile(dst.resolve(Raw.s(temp)).toFile(), "rw")) {
      f.setLength(SIZE);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(fresh(w).withCopy(
        (Long) Files.getAttribute(dst.resolve(Raw.s(temp)), "unix:ino")).header());
    for (int c : done) {
      bytes.writeBytes(PartialRecord.entry(c));
    }
    Files.write(dst.resolve(Raw.s(recordName)), bytes.toByteArray());
    PartialRecord record = PartialRecord.parse(bytes.toByteArray()).orElseThrow();
    return new Decision.Cut(record, temp, recordName);
  }

  private List<Task> cut(WriteFile w, Decision.Cut cut) {
    chunked.expect(w.seq(), cut);
    return chunked.cut(new Task(1, List.of(w), 0), ended::add);
  }

  @Test
  void cut_resuming_handsOutOnlyTheMissingChunks_intoTheOldCopy() throws IOException {
    WriteFile w = write("big.iso");
    Decision.Cut cut = left(w, 0, 2);
    Path oldCopy = dst.resolve(Raw.s(cut.temp()));

    List<Task> tasks = cut(w, cut);

    assertEquals(List.of(1000L, 3000L, 4000L), tasks.stream().map(t -> chunk(t).offset())
        .collect(Collectors.toList()));
    for (Task t : tasks) {
      assertArrayEquals(cut.temp(), chunk(t).temp());
      assertEquals(Files.getAttribute(oldCopy, "unix:ino"), chunk(t).ino());
    }
    assertFalse(exists(copyOf(w)), "a new copy was made beside the old one");
    assertFalse(exists(recordOf(w)));
  }

  /**
   * The copy's name, since the walk looked, leads to another file of this user's at the size (a
   * finished copy moved there): its bytes are not the chunks the record counts, so the copy
   * starts over rather than commit them.
   */
  @Test
  void cut_resumingACopyReplacedByAnotherFileOfTheSize_startsOver() throws IOException {
    WriteFile w = write("big.iso");
    Decision.Cut cut = left(w, 0, 2);
    Path other = dst.resolve("finished");
    try (RandomAccessFile f = new RandomAccessFile(other.toFile(), "rw")) {
      f.setLength(SIZE);
    }
    Files.move(other, dst.resolve(Raw.s(cut.temp())), StandardCopyOption.REPLACE_EXISTING);

    List<Task> tasks = cut(w, cut);

    assertEquals(List.of(0L, 1000L, 2000L, 3000L, 4000L), tasks.stream()
        .map(t -> chunk(t).offset()).collect(Collectors.toList()));
    assertFalse(exists(dst.resolve(Raw.s(cut.temp()))), "the other file was kept as the copy");
  }

  @Test
  void cut_resumingACopyWithEveryChunkDone_handsOutTheCommitAlone() throws IOException {
    WriteFile w = write("big.iso");
    Decision.Cut cut = left(w, 0, 1, 2, 3, 4);

    List<Task> tasks = cut(w, cut);

    assertEquals(1, tasks.size());
    CommitFile commit = assertInstanceOf(CommitFile.class, tasks.get(0).actions().get(0));
    assertArrayEquals(cut.temp(), commit.temp());
    assertEquals(META, commit.meta());
    assertEquals(SIZE, commit.size());
  }

  @Test
  void cut_startsOver_whenTheCopyIsNoLongerAsTheWalkFoundIt() throws IOException {
    List<String> changes = new ArrayList<>(List.of("symlink", "hard link", "size", "record"));
    if (ME == 0) {
      changes.add("owner");
    }
    for (String change : changes) {
      WriteFile w = write("big-" + change);
      Decision.Cut cut = left(w, 0, 2);
      Path copy = dst.resolve(Raw.s(cut.temp()));
      Path elsewhere = dst.resolve("elsewhere-" + change);
      switch (change) {
        case "symlink" -> {
          Files.move(copy, elsewhere);
          Files.createSymbolicLink(copy, elsewhere);
        }
        case "hard link" -> Files.createLink(elsewhere, copy);
        case "size" -> Files.write(copy, new byte[(int) SIZE - 1]);
        case "record" -> Files.delete(dst.resolve(Raw.s(cut.recordName())));
        default -> Files.setAttribute(copy, "unix:uid", 65534);
      }

      List<Task> tasks = cut(w, cut);

      assertEquals(5, tasks.size(), change);
      assertArrayEquals(TempNames.of(RUN, w.seq()), chunk(tasks.get(0)).temp(), change);
      assertTrue(exists(copyOf(w)), change);
      assertFalse(exists(copy), change + ": the old copy is left");
      assertFalse(exists(dst.resolve(Raw.s(cut.recordName()))), change + ": the old record");
    }
  }

  /**
   * The walk saw a copy of this user's; by the time the coordinator takes the file, someone who
   * may write in the directory has put a file of their own of that size at its name. Writing
   * the source into it would hand them its bytes.
   */
  @Test
  void cut_doesNotTakeOverACopySomeoneElseOwnsNow() throws IOException {
    assumeTrue(ME == 0, "only root can give a file to someone else");
    WriteFile w = write("secret.bin");
    Decision.Cut cut = left(w, 0);
    Path theirs = dst.resolve(Raw.s(cut.temp()));
    Files.setAttribute(theirs, "unix:uid", 65534);

    List<Task> tasks = cut(w, cut);

    assertFalse(tasks.stream().anyMatch(t -> Raw.s(chunk(t).temp()).equals(
        theirs.getFileName().toString())), "chunks go into a file someone else owns");
  }

  @Test
  void cut_whenTheCopyCannotBeMade_endsTheFileAndHandsOutNothing() throws IOException {
    WriteFile w = new WriteFile(b("gone"), b("big.iso"), b("big.iso"), seq++, SIZE, META,
        false);

    List<Task> tasks = cutFresh(w);

    assertEquals(List.of(), tasks);
    assertEquals(1, ended.size());
    assertSame(w, ended.get(0).write());
    assertEquals(Outcome.Status.FAILED_WRITING, ended.get(0).outcome().status());
    assertTrue(ended.get(0).outcome().reason().startsWith("cannot create a temporary copy"),
        ended.get(0).outcome().reason());
    assertEquals(SIZE, ended.get(0).unwritten());
    assertEquals(List.of(), List.copyOf(events));
  }

  // --- outcomes ---

  @Test
  void outcome_eachChunkDoneIsNoted_andTheLastHandsOutTheCommit_whoseSuccessEndsTheFile()
      throws IOException {
    WriteFile w = write("big.iso");
    List<Task> tasks = cutFresh(w);
    long ino = chunk(tasks.get(0)).ino();

    for (int c : new int[] {3, 0, 4, 1}) {
      assertEquals(Optional.empty(), outcome(tasks.get(c), Outcome.done(CHUNK)));
    }
    assertEquals(bits(0, 1, 3, 4), done(recordOf(w)));
    assertEquals(List.of(), commits, "the commit went out before every chunk was done");

    assertEquals(Optional.empty(), outcome(tasks.get(2), Outcome.done(CHUNK)));

    assertEquals(1, commits.size());
    CommitFile commit = assertInstanceOf(CommitFile.class, commits.get(0).actions().get(0));
    assertEquals(List.of(w.seq(), SIZE, ino), List.of(commit.seq(), commit.size(), commit.ino()));
    assertArrayEquals(b("big.iso"), commit.name());
    assertArrayEquals(TempNames.of(RUN, w.seq()), commit.temp());
    assertEquals(META, commit.meta());
    assertNotEquals(tasks.get(0).id(), commits.get(0).id());

    ChunkedFiles.Ended end = chunked.outcome(commit, Outcome.done(0), commits::add)
        .orElseThrow();

    assertSame(w, end.write());
    assertEquals(Outcome.Status.DONE, end.outcome().status());
    assertFalse(exists(recordOf(w)), "the record outlives its file");
    assertEquals(1, commits.size());
  }

  @Test
  void outcome_aFailedChunk_removesCopyAndRecord_endsTheFileOnce_andTheRestIsIgnored()
      throws IOException {
    WriteFile w = write("big.iso");
    List<Task> tasks = cutFresh(w);
    outcome(tasks.get(1), Outcome.done(CHUNK));

    ChunkedFiles.Ended end = outcome(tasks.get(0), Outcome.failed("Input/output error"))
        .orElseThrow();

    assertSame(w, end.write());
    assertEquals(Outcome.failed("Input/output error"), end.outcome());
    assertEquals(SIZE - CHUNK, end.unwritten(), "the bytes settled are those never copied");
    assertFalse(exists(copyOf(w)));
    assertFalse(exists(recordOf(w)));
    assertEquals(Optional.empty(), outcome(tasks.get(2), Outcome.done(CHUNK)));
    assertEquals(Optional.empty(), outcome(tasks.get(3), Outcome.failedWriting("ENOENT")));
    assertEquals(Optional.empty(), outcome(tasks.get(4), Outcome.done(500)));
    assertEquals(List.of(), commits, "a failed file was committed");
  }

  @Test
  void outcome_aFailedCommit_removesTheCopy_andEndsTheFile() {
    WriteFile w = write("big.iso");
    List<Task> tasks = cutFresh(w);
    tasks.forEach(t -> outcome(t, Outcome.done(chunk(t).length())));

    ChunkedFiles.Ended end = outcome(commits.get(0), Outcome.failed("changed while copied"))
        .orElseThrow();

    assertEquals(0, end.unwritten());
    assertEquals(Outcome.Status.FAILED, end.outcome().status());
    assertFalse(exists(copyOf(w)));
    assertFalse(exists(recordOf(w)));
  }

  @Test
  void outcome_aDestinationThatRefusesWrites_endsTheFileOnce_andKeepsItsFilesForTheReRun()
      throws IOException {
    WriteFile w = write("big.iso");
    List<Task> tasks = cutFresh(w);
    outcome(tasks.get(0), Outcome.done(CHUNK));

    ChunkedFiles.Ended end = outcome(tasks.get(1),
        Outcome.targetRefusesWrites("No space left on device")).orElseThrow();

    assertEquals(Outcome.Status.TARGET_REFUSES_WRITES, end.outcome().status());
    assertEquals(SIZE - CHUNK, end.unwritten());
    assertEquals(Optional.empty(), outcome(tasks.get(2),
        Outcome.targetRefusesWrites("No space left on device")));
    assertEquals(Optional.empty(), outcome(tasks.get(3), Outcome.failed("whatever")));
    assertTrue(exists(copyOf(w)));
    chunked.settle(true);
    assertTrue(exists(copyOf(w)), "the copy went, chunk 0 with it");
    assertEquals(bits(0), done(recordOf(w)));
  }

  /** Every chunk is copied; the disk fills as the commit sets an attribute or renames. */
  @Test
  void outcome_aCommitRefusedByTheDestination_keepsTheWholeCopyForTheReRun() throws IOException {
    WriteFile w = write("big.iso");
    List<Task> tasks = cutFresh(w);
    tasks.forEach(t -> outcome(t, Outcome.done(chunk(t).length())));

    ChunkedFiles.Ended end = outcome(commits.get(0),
        Outcome.targetRefusesWrites("No space left on device")).orElseThrow();
    chunked.settle(true);

    assertEquals(0, end.unwritten());
    assertTrue(exists(copyOf(w)), "a copy with every chunk done was thrown away");
    assertEquals(bits(0, 1, 2, 3, 4), done(recordOf(w)));
  }

  // --- the run's end ---

  @Test
  void settle_keep_keepsTheFilesWithChunksDone_andRemovesThoseWithNone() throws IOException {
    WriteFile begun = write("begun.iso");
    WriteFile untouched = write("untouched.iso");
    List<Task> tasks = cutFresh(begun);
    cutFresh(untouched);
    outcome(tasks.get(2), Outcome.done(CHUNK));

    chunked.settle(true);

    assertTrue(exists(copyOf(begun)));
    assertEquals(bits(2), done(recordOf(begun)));
    assertFalse(exists(copyOf(untouched)), "a copy with nothing in it was kept");
    assertFalse(exists(recordOf(untouched)));
  }

  @Test
  void settle_withoutKeeping_removesEveryFileBegun() {
    WriteFile begun = write("begun.iso");
    List<Task> tasks = cutFresh(begun);
    outcome(tasks.get(2), Outcome.done(CHUNK));
    outcome(tasks.get(3), Outcome.done(CHUNK));

    chunked.settle(false);

    assertFalse(exists(copyOf(begun)));
    assertFalse(exists(recordOf(begun)));
    assertEquals(Optional.empty(), outcome(tasks.get(4), Outcome.done(500)),
        "a file settled still takes outcomes");
  }

  /**
   * The coordinator holds each copy open from the cut to the end, so that its inode cannot be
   * freed and its number given to a file someone else makes at its name; and lets go of it
   * whichever way the file ends.
   */
  @Test
  void theCopyIsHeldOpenFromTheCutToItsEnd_whicheverWayItEnds() throws IOException {
    WriteFile committed = write("committed.iso");
    WriteFile failed = write("failed.iso");
    WriteFile settled = write("settled.iso");
    List<Task> committedTasks = cutFresh(committed);
    List<Task> failedTasks = cutFresh(failed);
    cutFresh(settled);
    String committedIno = identity(copyOf(committed));
    String failedIno = identity(copyOf(failed));
    String settledIno = identity(copyOf(settled));
    assertEquals(Set.of(committedIno, failedIno, settledIno), openInodes(Set.of(committedIno,
        failedIno, settledIno)));

    committedTasks.forEach(t -> outcome(t, Outcome.done(chunk(t).length())));
    outcome(commits.get(0), Outcome.done(0));
    outcome(failedTasks.get(0), Outcome.failed("Input/output error"));

    assertEquals(Set.of(settledIno), openInodes(Set.of(committedIno, failedIno, settledIno)));
    chunked.settle(true);
    assertEquals(Set.of(), openInodes(Set.of(committedIno, failedIno, settledIno)));
  }

  /** The device and inode of the file at {@code p}, or of what the descriptor link leads to. */
  private static String identity(Path p) throws IOException {
    return Files.getAttribute(p, "unix:dev") + ":" + Files.getAttribute(p, "unix:ino");
  }

  /** Which of {@code files} (by {@link #identity}) this process has a descriptor open on. */
  private static Set<String> openInodes(Set<String> files) throws IOException {
    Set<String> open = new HashSet<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : fds.collect(Collectors.toList())) {
        try {
          String file = identity(fd);
          if (files.contains(file)) {
            open.add(file);
          }
        } catch (IOException e) {
          // Closed since it was listed (the listing's own descriptor, one the JVM let go).
        }
      }
    }
    return open;
  }
}
