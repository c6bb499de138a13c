package dev.pcopy.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.plan.CopyTask;
import dev.pcopy.plan.DirectoryRecord;
import dev.pcopy.plan.FileOp;
import dev.pcopy.plan.OpKind;
import dev.pcopy.pool.PoolEvent;
import dev.pcopy.testing.TestFileSystems;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
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
  private FileSystem fs;
  private WalkFeed feed;
  private long nextSeq;

  @BeforeEach
  void setUp() {
    fs = TestFileSystems.unix();
    feed = new WalkFeed(events, 3, 1000, new AtomicBoolean());
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

  // Opening up an existing read-only target directory (DirectoryMaker.makeOwnerWritable) is not
  // tested here: it adds to the set Files.getPosixFilePermissions returns, which the JDK
  // documents as modifiable but Jimfs returns immutable.

  @Test
  void directory_thatCannotBeMadeIsReportedAndNotEntered() throws IOException {
    Files.writeString(fs.getPath("/dst"), "a file");

    assertFalse(feed.directory(dir("/dst")));

    PoolEvent.WalkFailed failed = assertInstanceOf(PoolEvent.WalkFailed.class, events.poll());
    assertEquals(fs.getPath("/src/dst"), failed.source());
    assertTrue(failed.reason().startsWith("cannot create its copy: "), failed.reason());
    assertEquals(List.of(), feed.directories());
  }

  @Test
  void entries_areBatchedAndQueuedWithAWorkQueuedEvent() {
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
    feed.special(fs.getPath("/src/fifo"));
    feed.failed(fs.getPath("/src/x"), "Permission denied");

    List<PoolEvent> drained = new ArrayList<>();
    events.drainTo(drained);
    assertEquals(List.of(new PoolEvent.SpecialSkipped(fs.getPath("/src/fifo")),
        new PoolEvent.WalkFailed(fs.getPath("/src/x"), "Permission denied")), drained);
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
