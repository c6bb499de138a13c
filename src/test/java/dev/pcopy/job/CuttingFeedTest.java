package dev.pcopy.job;

import static dev.pcopy.testing.Raw.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.copy.DirectoryWriter;
import dev.pcopy.copy.HandleCache;
import dev.pcopy.fs.DirHandle;
import dev.pcopy.fs.Identity;
import dev.pcopy.fs.Timestamp;
import dev.pcopy.plan.Action.WriteChunk;
import dev.pcopy.plan.Action.WriteFile;
import dev.pcopy.plan.Decision;
import dev.pcopy.plan.Meta;
import dev.pcopy.plan.Outcome;
import dev.pcopy.plan.PartialRecord;
import dev.pcopy.plan.RunId;
import dev.pcopy.plan.Task;
import dev.pcopy.testing.QueueTaskFeed;
import dev.pcopy.testing.TestActions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coordinator's feed: the walk's tasks as they come, except that a big file's write is
 * replaced by its chunks as it is taken, which go out before the walk's next task (all at once
 * where writers gain from writing at once, else one of a file at a time); a big
 * file whose copy cannot be made is reported and skipped; the feed is exhausted only when the
 * walk is and no chunk is left.
 */
class CuttingFeedTest {
  private static final Timestamp T = new Timestamp(1_650_000_000L, 0);
  private static final Meta META = new Meta(0644, -1, -1, T, T);
  private static final long SIZE = 2500;

  @TempDir
  Path dst;
  private DirHandle root;
  private HandleCache targets;
  private ChunkedFiles chunked;
  private final List<ChunkedFiles.Ended> ended = new ArrayList<>();

  @BeforeEach
  void open() throws IOException {
    root = DirHandle.open(b(dst.toString()));
    targets = new HandleCache(root, false, 4);
    chunked = new ChunkedFiles(new DirectoryWriter(false, false, false, false), targets,
        RunId.forThisProcess().text(), Identity.current().uid(), new AtomicLong(1000),
        new LinkedBlockingQueue<>());
  }

  @AfterEach
  void close() {
    chunked.settle(false);
    targets.close();
    root.close();
  }

  /** A big file's write in {@code dir}, announced as cut in chunks of 1000 bytes. */
  private Task big(long id, String dir, long seq) {
    WriteFile w = new WriteFile(b(dir), b("big" + seq), b("big" + seq), seq, SIZE, META, false);
    chunked.expect(seq, new Decision.Cut(PartialRecord.begun(SIZE, T, T, 1, 2, 1000, w.name()),
        null, null));
    return new Task(id, List.of(w), 0);
  }

  private static Task small(long id, long seq) {
    return new Task(id, List.of(TestActions.file(seq, 10)), 0);
  }

  @Test
  void poll_passesSmallTasksOnAsTheyAre() {
    Task a = small(1, 1);
    Task b = small(2, 2);
    CuttingFeed feed = new CuttingFeed(new QueueTaskFeed(List.of(a, b)), chunked, ended::add, true);

    assertSame(a, feed.poll());
    assertSame(b, feed.poll());
    assertNull(feed.poll());
    assertTrue(feed.exhausted());
  }

  @Test
  void poll_spreading_replacesABigWriteByItsChunks_allBeforeTheWalksNextTask() {
    Task before = small(1, 1);
    Task after = small(3, 3);
    CuttingFeed feed = new CuttingFeed(new QueueTaskFeed(List.of(before, big(2, "", 2),
        after)), chunked, ended::add, true);

    assertSame(before, feed.poll());
    List<Long> offsets = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Task t = feed.poll();
      WriteChunk c = assertInstanceOf(WriteChunk.class, t.actions().get(0));
      offsets.add(c.offset());
      assertFalse(feed.exhausted(), "exhausted with a chunk still to hand out");
    }
    assertSame(after, feed.poll());
    assertNull(feed.poll());

    assertEquals(List.of(0L, 1000L, 2000L), offsets);
    assertTrue(feed.exhausted());
    assertEquals(List.of(), ended);
  }

  /**
   * Not spreading (a local file system): one chunk of a file is out at a time; a free worker
   * takes the walk's next file meanwhile, and the next chunk goes out once the last one ended.
   */
  @Test
  void poll_oneChunkOfAFileAtATime_theWalksNextTasksMeanwhile() {
    Task after = small(3, 3);
    CuttingFeed feed = new CuttingFeed(new QueueTaskFeed(List.of(big(1, "", 1), big(2, "", 2),
        after)), chunked, ended::add, false);

    WriteChunk first = chunkOf(feed.poll());
    WriteChunk otherFile = chunkOf(feed.poll());
    assertSame(after, feed.poll());
    assertNull(feed.poll(), "a second chunk of a file went out while one is");

    assertEquals(List.of(1L, 2L), List.of(first.seq(), otherFile.seq()));
    assertEquals(0, first.offset());
    done(first);
    WriteChunk next = chunkOf(feed.poll());
    assertEquals(1L, next.seq());
    assertEquals(1000, next.offset());
    assertNull(feed.poll());
    assertFalse(feed.exhausted());
  }

  /** A file that failed while its chunks waited: they never go out. */
  @Test
  void poll_oneChunkOfAFileAtATime_dropsTheChunksOfAFileThatFailed() {
    CuttingFeed feed = new CuttingFeed(new QueueTaskFeed(List.of(big(1, "", 1))), chunked,
        ended::add, false);
    WriteChunk first = chunkOf(feed.poll());

    chunked.outcome(first, Outcome.failed("disk error"), t -> { });

    assertNull(feed.poll());
    assertTrue(feed.exhausted());
  }

  private static WriteChunk chunkOf(Task task) {
    return assertInstanceOf(WriteChunk.class, task.actions().get(0));
  }

  private void done(WriteChunk chunk) {
    assertEquals(Optional.empty(), chunked.outcome(chunk, Outcome.done(chunk.length()),
        t -> { }));
  }

  @Test
  void poll_skipsABigWriteWhoseCopyCannotBeMade_reportingIt_andGoesOn() {
    Task next = small(2, 2);
    CuttingFeed feed = new CuttingFeed(new QueueTaskFeed(List.of(big(1, "gone", 1), next)),
        chunked, ended::add, false);

    assertSame(next, feed.poll());

    assertEquals(1, ended.size());
    assertEquals(1, ended.get(0).write().seq());
  }

  @Test
  void stop_stopsTheWalksFeed() {
    QueueTaskFeed walk = new QueueTaskFeed(List.of());
    CuttingFeed feed = new CuttingFeed(walk, chunked, ended::add, true);

    feed.stop();

    assertTrue(walk.stopped());
  }
}
