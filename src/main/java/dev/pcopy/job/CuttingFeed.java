package dev.pcopy.job;

import dev.pcopy.plan.Task;
import dev.pcopy.pool.TaskFeed;
import dev.pcopy.plan.Action.WriteChunk;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The coordinator's feed of tasks: the walk's, with each big file's write cut into its chunks
 * as the coordinator takes it ({@link ChunkedFiles}), so that a temporary copy is made only when
 * workers are free to fill it, and its chunks go out before the walk's next task.
 *
 * <p>Where writers into one file gain from writing at once (a network or parallel file system,
 * or workers on several hosts: {@code spread}), all of a file's chunks go out at once, to as many
 * workers as are free. Elsewhere one chunk of a file is out at a time, and a free worker takes
 * the next file instead: on a local file system two workers filling one file are no faster than
 * one, and slower on tmpfs, while the chunks still let an interrupted file resume.
 */
final class CuttingFeed implements TaskFeed {
  private final TaskFeed walked;
  private final ChunkedFiles chunked;
  private final Consumer<ChunkedFiles.Ended> ended;
  private final boolean spread;
  /** The chunks not handed out yet, in the order their files were cut. */
  private final ArrayDeque<Task> chunks = new ArrayDeque<>();

  /**
   * @param walked the walk's tasks
   * @param chunked cuts big files
   * @param ended learns of a big file that could not be begun
   * @param spread a file's chunks may be out at once
   */
  CuttingFeed(TaskFeed walked, ChunkedFiles chunked, Consumer<ChunkedFiles.Ended> ended,
      boolean spread) {
    this.walked = walked;
    this.chunked = chunked;
    this.ended = ended;
    this.spread = spread;
  }

  @Override
  public Task poll() {
    while (true) {
      Task chunk = nextChunk();
      if (chunk != null) {
        return chunk;
      }
      Task task = walked.poll();
      if (task == null) {
        return null;
      }
      List<Task> carriedOutBy = chunked.cut(task, ended);
      if (carriedOutBy.size() == 1 && carriedOutBy.get(0) == task) {
        return task;
      }
      chunks.addAll(carriedOutBy);
    }
  }

  /** The first chunk that may go out now, or null; drops those of files that ended. */
  private Task nextChunk() {
    Iterator<Task> it = chunks.iterator();
    while (it.hasNext()) {
      Task task = it.next();
      if (!(task.actions().get(0) instanceof WriteChunk chunk)) {
        // A file with every chunk done already: its commit.
        it.remove();
        return task;
      }
      if (chunked.ended(chunk.seq())) {
        it.remove();
      } else if (spread || chunked.mayHandOut(chunk.seq())) {
        it.remove();
        chunked.handedOut(chunk.seq());
        return task;
      }
    }
    return null;
  }

  @Override
  public boolean exhausted() {
    return chunks.isEmpty() && walked.exhausted();
  }

  @Override
  public void stop() {
    walked.stop();
  }
}
