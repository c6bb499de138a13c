package dev.pcopy.walk;

import static dev.pcopy.testing.Raw.b;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pcopy.fs.DirHandle;
import dev.pcopy.fs.Identity;
import dev.pcopy.fs.Timestamp;
import dev.pcopy.plan.Chunks;
import dev.pcopy.plan.Decision;
import dev.pcopy.plan.HostTag;
import dev.pcopy.plan.Leftovers;
import dev.pcopy.plan.PartialRecord;
import dev.pcopy.plan.RunId;
import dev.pcopy.plan.TempNames;
import dev.pcopy.testing.Raw;
import dev.pcopy.testing.TestActions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Partials#find} on a real directory: a stopped run's partial copy is continued only when
 * its record and its copy are this user's own regular files with one link each, of a run that
 * is over, the copy at the record's size; anything else is left to the sweep. And what is
 * continued is kept from the sweep, what is not is not.
 */
@Timeout(20)
class PartialsTest {
  /** Above the kernel's largest pid (pid_max is at most 2^22), so never alive. */
  private static final long DEAD_PID = 1L << 23;
  private static final long SIZE = 5000;
  private static final long CHUNK = 1000;
  private static final Timestamp MTIME = new Timestamp(1_650_000_000L, 42);
  private static final int ME = Identity.current().uid();
  private static final int SOMEONE_ELSE = 65534;
  private static final Predicate<byte[]> NOT_IN_SOURCE = name -> false;

  @TempDir
  Path dst;
  private DirHandle dir;
  private Process liveRun;
  private final Leftovers leftovers = Leftovers.forThisProcess();

  @BeforeEach
  void open() throws IOException {
    dir = DirHandle.open(b(dst.toString()));
  }

  @AfterEach
  void close() {
    dir.close();
    if (liveRun != null) {
      liveRun.destroyForcibly();
    }
  }

  /** A dead run's partial copy of {@code name}, its record noting {@code done}. */
  private Left left(String name, long seq, int... done) throws IOException {
    return left(new RunId(DEAD_PID, HostTag.current(), seq), name, seq, done);
  }

  private Left left(RunId run, String name, long seq, int... done) throws IOException {
    Path record = dst.resolve(Raw.s(TempNames.record(run.text(), seq)));
    Path copy = dst.resolve(Raw.s(TempNames.of(run.text(), seq)));
    try (RandomAccessFile f = new RandomAccessFile(copy.toFile(), "rw")) {
      f.setLength(SIZE);
    }
    long copyIno = (Long) Files.getAttribute(copy, "unix:ino");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(PartialRecord.begun(SIZE, MTIME, MTIME, 7, 8, CHUNK, b(name))
        .withCopy(copyIno).header());
    for (int c : done) {
      bytes.writeBytes(PartialRecord.entry(c));
    }
    Files.write(record, bytes.toByteArray());
    return new Left(copy, record);
  }

  private record Left(Path copy, Path record) {}

  private Partials find() throws IOException {
    return find(NOT_IN_SOURCE);
  }

  private Partials find(Predicate<byte[]> inSource) throws IOException {
    return Partials.find(dir, dir.list(), leftovers, inSource, ME);
  }

  private static BitSet bits(int... set) {
    BitSet b = new BitSet();
    for (int i : set) {
      b.set(i);
    }
    return b;
  }

  @Test
  void find_takesADeadRunsPartialCopy_withWhatItsRecordSays_once() throws IOException {
    Left left = left("big.iso", 3, 0, 2);

    Partials partials = find();
    Decision.Partial p = partials.take(b("big.iso"));

    assertNotNull(p, "the partial copy was not found");
    assertEquals(left.copy().getFileName().toString(), Raw.s(p.temp()));
    assertEquals(left.record().getFileName().toString(), Raw.s(p.recordName()));
    assertEquals(bits(0, 2), p.record().done());
    assertEquals(SIZE, p.record().size());
    assertArrayEquals(b("big.iso"), p.record().name());
    assertNull(partials.take(b("big.iso")), "taken twice");
    assertNull(partials.take(b("other")));
  }

  @Test
  void find_ofTwoPartialCopiesOfOneEntry_takesTheOneFurtherAlong() throws IOException {
    left("big.iso", 3, 0);
    Left further = left("big.iso", 4, 1, 3, 4);
    left("big.iso", 5);

    Decision.Partial p = find().take(b("big.iso"));

    assertEquals(further.record().getFileName().toString(), Raw.s(p.recordName()));
  }

  @Test
  void find_ignoresARecordOrACopyOwnedBySomeoneElse() throws IOException {
    assumeTrue(ME == 0, "only root can give a file to someone else");
    Left recordNotMine = left("a", 3, 0);
    Left copyNotMine = left("b", 4, 0);
    Files.setAttribute(recordNotMine.record(), "unix:uid", SOMEONE_ELSE);
    Files.setAttribute(copyNotMine.copy(), "unix:uid", SOMEONE_ELSE);

    Partials partials = find();

    assertNull(partials.take(b("a")), "a record someone else wrote was believed");
    assertNull(partials.take(b("b")), "a copy someone else owns would be written into");
  }

  @Test
  void find_ignoresARecordOrACopyThatIsASymbolicLink() throws IOException {
    Left recordLinked = left("a", 3, 0);
    Left copyLinked = left("b", 4, 0);
    Path elsewhere = Files.createDirectory(dst.resolve("elsewhere"));
    Files.move(recordLinked.record(), elsewhere.resolve("record"));
    Files.createSymbolicLink(recordLinked.record(), elsewhere.resolve("record"));
    Files.move(copyLinked.copy(), elsewhere.resolve("copy"));
    Files.createSymbolicLink(copyLinked.copy(), elsewhere.resolve("copy"));

    Partials partials = find();

    assertNull(partials.take(b("a")));
    assertNull(partials.take(b("b")));
  }

  @Test
  void find_ignoresARecordOrACopyWithAnotherHardLink() throws IOException {
    Left recordLinked = left("a", 3, 0);
    Left copyLinked = left("b", 4, 0);
    Files.createLink(dst.resolve("record-link"), recordLinked.record());
    Files.createLink(dst.resolve("copy-link"), copyLinked.copy());

    Partials partials = find();

    assertNull(partials.take(b("a")));
    assertNull(partials.take(b("b")), "a copy with another name would be written through it");
  }

  @Test
  void find_ignoresACopyNotAtTheRecordsSize_orMissing() throws IOException {
    Left shorter = left("a", 3, 0);
    Left missing = left("b", 4, 0);
    try (RandomAccessFile f = new RandomAccessFile(shorter.copy().toFile(), "rw")) {
      f.setLength(SIZE - 1);
    }
    Files.delete(missing.copy());

    Partials partials = find();

    assertNull(partials.take(b("a")));
    assertNull(partials.take(b("b")));
  }

  /**
   * Another file of this user's, at the copy's size, moved to the copy's name (a finished copy
   * of the same file, say, by a user who may write into DST): not the copy the record counts
   * chunks of. Before, it was taken, and its old bytes were committed as done chunks with exit 0.
   */
  @Test
  void find_ignoresACopyThatIsNotTheFileItsRecordWasWrittenFor() throws IOException {
    Left left = left("a", 5, 0, 1);
    Path other = dst.resolve("finished");
    try (RandomAccessFile f = new RandomAccessFile(other.toFile(), "rw")) {
      f.setLength(SIZE);
    }
    Files.move(other, left.copy(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    Partials partials = find();

    assertNull(partials.take(b("a")));
  }

  @Test
  void find_ignoresRecordsThatAreNotOne_orNotARegularFile_withoutBlocking() throws IOException,
      InterruptedException {
    Left garbage = left("a", 3);
    Files.writeString(garbage.record(), "PCOPY-PART-1\nnot a header at all, but long enough");
    Left fifo = left("b", 4);
    Files.delete(fifo.record());
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.record().toString()).start();
    assertEquals(0, mkfifo.waitFor());

    Partials partials = find();

    assertNull(partials.take(b("a")));
    assertNull(partials.take(b("b")));
  }

  @Test
  void find_ignoresTheRecordsOfALiveRun_anotherHost_andNamesInTheSource() throws IOException {
    liveRun = new ProcessBuilder("sleep", "60").start();
    left(new RunId(liveRun.pid(), HostTag.current(), 9), "live", 9, 0);
    String otherHost = HostTag.current().equals("00000") ? "00001" : "00000";
    left(new RunId(DEAD_PID, otherHost, 10), "elsewhere", 10, 0);
    Left inSource = left("source", 11, 0);
    byte[] sourceName = b(inSource.record().getFileName().toString());

    Partials partials = find(name -> Arrays.equals(name, sourceName));

    assertNull(partials.take(b("live")), "a live run's copy was taken over");
    assertNull(partials.take(b("elsewhere")), "another host's run's copy was taken over");
    assertNull(partials.take(b("source")), "a source file named like a record was believed");
  }

  @Test
  void find_ignoresATemporaryFileWithoutARecord() throws IOException {
    Left left = left("big.iso", 3, 0);
    Files.delete(left.record());

    assertNull(find().take(b("big.iso")));
  }

  @Test
  void adopted_namesTheFilesOfAPartialCopyContinued_andNothingElse() throws IOException {
    Left continued = left("big.iso", 3, 0);
    Left notContinued = left("other.iso", 4, 0);
    Partials partials = find();
    Decision.Partial p = partials.take(b("big.iso"));
    partials.take(b("other.iso"));
    Decision resumes = Decision.of(TestActions.file(1, "big.iso", SIZE))
        .cutAs(new Decision.Cut(p.record(), p.temp(), p.recordName()));
    Decision startsOver = Decision.of(TestActions.file(2, "other.iso", SIZE))
        .cutAs(new Decision.Cut(PartialRecord.begun(SIZE, MTIME, MTIME, 7, 8, Chunks.SIZE,
            b("other.iso")), null, null));

    partials.decided(resumes);
    partials.decided(startsOver);

    assertTrue(partials.adopted(name(continued.copy())));
    assertTrue(partials.adopted(name(continued.record())));
    assertFalse(partials.adopted(name(notContinued.copy())));
    assertFalse(partials.adopted(name(notContinued.record())));
    assertFalse(Partials.none().adopted(name(continued.copy())));
    assertTrue(Files.exists(continued.copy(), LinkOption.NOFOLLOW_LINKS),
        "finding changes nothing on the disk");
  }

  @Test
  void none_hasNothingToTake() {
    assertNull(Partials.none().take(b("big.iso")));
  }

  private static byte[] name(Path p) {
    return b(p.getFileName().toString());
  }
}
