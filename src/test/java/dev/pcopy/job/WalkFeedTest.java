package dev.pcopy.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.copy.HostTag;
import dev.pcopy.copy.RunId;
import dev.pcopy.copy.TargetCheck;
import dev.pcopy.copy.TempNames;
import dev.pcopy.plan.CopyTask;
import dev.pcopy.plan.DirectoryRecord;
import dev.pcopy.plan.FileOp;
import dev.pcopy.plan.OpKind;
import dev.pcopy.plan.SpecialKind;
import dev.pcopy.pool.PoolEvent;
import dev.pcopy.testing.TestFileSystems;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WalkFeedTest {
  private final BlockingQueue<PoolEvent> events = new LinkedBlockingQueue<>();
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private FileSystem fs;
  private WalkFeed feed;
  private long nextSeq;

  @BeforeEach
  void setUp() {
    fs = TestFileSystems.unix();
    feed = new WalkFeed(events, 3, 1000, cancelled, new TargetCheck(false));
  }

  @AfterEach
  void tearDown() throws IOException {
    fs.close();
  }

  @Test
  void directory_createsTheTargetDirectoryAndRemembersItInOrder() {
    DirectoryRecord root = dir("/dst");
    DirectoryRecord child = dir("/dst/a");

    assertTrue(feed.directory(root));
    assertTrue(feed.directory(child));

    assertTrue(Files.isDirectory(fs.getPath("/dst/a")));
    assertEquals(List.of(root, child), feed.directories());
  }

  @Test
  void directory_existingTargetDirectoryIsMergedInto() throws IOException {
    Path existing = Files.createDirectories(fs.getPath("/dst"));
    // Jimfs makes directories rw-r--r--; give the owner x so nothing needs opening up (below).
    Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(existing.resolve("kept"), "from an earlier run");

    assertTrue(feed.directory(dir("/dst")));

    assertEquals("from an earlier run", Files.readString(existing.resolve("kept")));
    assertEquals(1, feed.directories().size());
  }

  @Test
  void directory_existingTargetLosesDeadLeftoversButKeepsNamesItsSourceHas() throws IOException {
    Path existing = Files.createDirectories(fs.getPath("/dst"));
    Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path leftover = Files.writeString(deadRunTemp(existing, 1), "partial");
    Path sourceFile = Files.writeString(deadRunTemp(existing, 2), "copied earlier");
    Files.createDirectories(fs.getPath("/src/dst"));
    Files.writeString(fs.getPath("/src/dst").resolve(sourceFile.getFileName()), "copied earlier");
    Path userFile = Files.writeString(existing.resolve(".pcopy-cache_v2.tmp"), "precious");

    assertTrue(feed.directory(dir("/dst")));

    assertFalse(Files.exists(leftover));
    assertEquals("copied earlier", Files.readString(sourceFile));
    assertEquals("precious", Files.readString(userFile));
    assertEquals(List.of(), drain());
  }

  // Opening up an existing read-only target directory (DirectoryMaker.openUpForOwner) is not
  // tested here: it adds to the set Files.getPosixFilePermissions returns, which the JDK
  // documents as modifiable but Jimfs returns immutable.

  @Test
  void directory_thatCannotBeMadeIsReportedAndNotEntered() throws IOException {
    Files.writeString(fs.getPath("/dst"), "a file");

    assertFalse(feed.directory(dir("/dst")));

    PoolEvent.WalkFailed failed = assertInstanceOf(PoolEvent.WalkFailed.class, events.poll());
    assertEquals(fs.getPath("/dst"), failed.path());
    assertTrue(failed.reason().startsWith("cannot create directory: "), failed.reason());
    assertEquals(List.of(), feed.directories());
    assertFalse(cancelled.get(), "one directory in the way is no reason to stop the walk");
  }

  @Test
  void targetFailed_destinationRefusingWritesEndsTheWalkAndStopsTheRun() {
    Path dir = fs.getPath("/dst/a");

    feed.targetFailed(dir, "cannot create directory",
        new FileSystemException(dir.toString(), null, "Read-only file system"));

    assertEquals(new PoolEvent.TargetRefusesWrites(dir,
        "cannot create directory: Read-only file system", "Read-only file system"),
        events.poll());
    assertNull(events.poll(), "the refusal is reported once, not also as a walk failure");
    assertTrue(cancelled.get(), "the walk goes on after a directory the destination refused");
  }

  @Test
  void targetFailed_otherRefusalIsAWalkFailureAndTheWalkGoesOn() {
    Path dir = fs.getPath("/dst/a");

    feed.targetFailed(dir, "cannot remove leftover temporary files",
        new AccessDeniedException(dir.toString()));

    assertEquals(new PoolEvent.WalkFailed(dir,
        "cannot remove leftover temporary files: Permission denied"), events.poll());
    assertFalse(cancelled.get());
  }

  @Test
  void stop_endsTheWalk() {
    feed.stop();

    assertTrue(cancelled.get());
  }

  @Test
  void entries_areBatchedAndQueuedWithAWorkQueuedEvent() {
    feed.directory(dir("/dst"));
    for (int i = 0; i < 4; i++) {
      feed.entry(op(10));
    }

    CopyTask first = feed.poll();
    assertEquals(3, first.ops().size());
    assertNull(feed.poll(), "the fourth entry waits for its batch");
    assertInstanceOf(PoolEvent.WorkQueued.class, events.poll());
  }

  @Test
  void directoryListed_handsOutWhatTheDirectoryHeld() {
    feed.directory(dir("/dst"));
    feed.entry(op(10));

    feed.directoryListed(fs.getPath("/src"));

    assertEquals(1, feed.poll().ops().size());
  }

  @Test
  void exhausted_onlyOnceTheWalkEndedAndEveryTaskWasTaken() {
    feed.entry(op(10));
    assertFalse(feed.exhausted());

    feed.end();
    assertTrue(feed.finished());
    assertFalse(feed.exhausted(), "the last batch is still queued");

    feed.poll();
    assertTrue(feed.exhausted());
  }

  @Test
  void totals_countEveryEntryFoundSoFar() {
    feed.entry(op(10));
    feed.entry(op(32));

    assertEquals(2, feed.entries());
    assertEquals(42, feed.bytes());
    assertFalse(feed.finished());
  }

  @Test
  void specialAndFailed_becomeEventsForTheCoordinator() {
    feed.special(fs.getPath("/src/fifo"), SpecialKind.SOCKET);
    feed.failed(fs.getPath("/src/x"), "Permission denied");

    List<PoolEvent> drained = new ArrayList<>();
    events.drainTo(drained);
    assertEquals(List.of(new PoolEvent.SpecialSkipped(fs.getPath("/src/fifo"), SpecialKind.SOCKET),
        new PoolEvent.WalkFailed(fs.getPath("/src/x"), "Permission denied")), drained);
  }

  @Test
  void entryInADirectoryThisRunCreated_isQueuedMarkedAsNeedingNoLook() {
    feed.directory(dir("/dst"));

    feed.entry(op(10));
    feed.end();

    assertTrue(feed.poll().ops().get(0).targetChecked());
  }

  @Test
  void entryWhoseTargetIsAFinishedCopy_isReportedUpToDateAndNotQueued() throws IOException {
    existingTarget();
    FileOp op = op(10);
    writeTarget(op, 10, 0644);

    feed.entry(op);
    feed.end();

    assertNull(feed.poll());
    assertEquals(List.of(new PoolEvent.UpToDate(List.of(op))), drain());
    assertEquals(1, feed.entries(), "unchanged entries still count towards the totals");
  }

  @Test
  void entryWhoseTargetIsOutOfDate_isQueuedMarkedAsChecked() throws IOException {
    existingTarget();
    FileOp op = op(10);
    writeTarget(op, 9, 0644);

    feed.entry(op);
    feed.end();

    FileOp queued = feed.poll().ops().get(0);
    assertEquals(op.seq(), queued.seq());
    assertTrue(queued.targetChecked());
  }

  @Test
  void entryWhoseTargetDiffersOnlyInMode_isLeftToTheWorkerToFixInPlace() throws IOException {
    existingTarget();
    FileOp op = op(10);
    writeTarget(op, 10, 0600);

    feed.entry(op);
    feed.end();

    assertFalse(feed.poll().ops().get(0).targetChecked());
  }

  @Test
  void withForce_entriesAreQueuedWithoutLookingAtTheTarget() throws IOException {
    feed = new WalkFeed(events, 3, 1000, new AtomicBoolean(), null);
    existingTarget();
    FileOp op = op(10);
    writeTarget(op, 10, 0644);

    feed.entry(op);
    feed.end();

    FileOp queued = feed.poll().ops().get(0);
    assertFalse(queued.targetChecked(), "the worker copies it, since --force copies all");
    assertFalse(drain().stream().anyMatch(e -> e instanceof PoolEvent.UpToDate));
  }

  @Test
  void entriesOfNewAndExistingDirectories_getDistinctTaskIdsAndAreAllQueuedByTheEnd()
      throws IOException {
    existingTarget();
    List<FileOp> stale = new ArrayList<>();
    for (int i = 0; i < 1100; i++) {
      FileOp op = op(10);
      stale.add(op);
      feed.entry(op);
    }
    feed.directory(dir("/dst/new"));
    FileOp fresh = new FileOp(nextSeq++, OpKind.FILE, fs.getPath("/src/new/f"),
        fs.getPath("/dst/new/f"), 1, 0644, Instant.EPOCH, Instant.EPOCH, null);
    feed.entry(fresh);

    feed.end();

    List<Long> ids = new ArrayList<>();
    List<Long> seqs = new ArrayList<>();
    for (CopyTask t = feed.poll(); t != null; t = feed.poll()) {
      ids.add(t.id());
      t.ops().forEach(o -> seqs.add(o.seq()));
      assertTrue(t.ops().stream().allMatch(FileOp::targetChecked));
    }
    assertEquals(ids.size(), ids.stream().distinct().count(), "task ids are unique: " + ids);
    assertEquals(stale.size() + 1, seqs.size());
    assertTrue(feed.exhausted());
  }

  private void existingTarget() throws IOException {
    Path d = Files.createDirectories(fs.getPath("/dst"));
    Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
    feed.directory(dir("/dst"));
  }

  private static void writeTarget(FileOp op, int size, int mode) throws IOException {
    Files.write(op.target(), new byte[size]);
    Files.setLastModifiedTime(op.target(), FileTime.from(op.mtime()));
    Files.setAttribute(op.target(), "posix:permissions", PosixFilePermissions.fromString(
        mode == 0644 ? "rw-r--r--" : "rw-------"));
  }

  private List<PoolEvent> drain() {
    List<PoolEvent> drained = new ArrayList<>();
    events.drainTo(drained);
    drained.removeIf(e -> e instanceof PoolEvent.WorkQueued);
    return drained;
  }

  /** A temporary file of a run on this host whose coordinator is gone (no pid is 2^23). */
  private static Path deadRunTemp(Path directory, long seq) {
    String runId = new RunId(1L << 23, HostTag.current(), seq).text();
    return TempNames.of(directory.resolve("x"), runId, seq);
  }

  private DirectoryRecord dir(String target) {
    Path t = fs.getPath(target);
    return new DirectoryRecord(fs.getPath("/src").resolve(t.getFileName().toString()), t, 0755,
        Instant.EPOCH, Instant.EPOCH);
  }

  private FileOp op(long size) {
    long seq = nextSeq++;
    return new FileOp(seq, OpKind.FILE, fs.getPath("/src/f" + seq), fs.getPath("/dst/f" + seq),
        size, 0644, Instant.EPOCH, Instant.EPOCH, null);
  }
}
