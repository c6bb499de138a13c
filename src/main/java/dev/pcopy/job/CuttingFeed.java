package dev.pcopy.job;

import dev.pcopy.plan.Task;
import dev.pcopy.pool.TaskFeed;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;

/**
 * The coordinator's feed of tasks: the walk's, with each big file's write cut into its chunks
 * as the coordinator takes it ({@link ChunkedFiles}), so that a temporary copy is made only when
 * workers are free to fill it, and its chunks go out before anything else.
 */
final class CuttingFeed implements TaskFeed {
  private final TaskFeed walked;
  private final ChunkedFiles chunked;
  private final Consumer<ChunkedFiles.Ended> ended;
  private final ArrayDeque<Task> chunks = new ArrayDeque<>();

  /**
   * @param walked the walk's tasks
   * @param chunked cuts big files
   * @param ended learns of a big file that could not be begun
   */
  CuttingFeed(TaskFeed walked, ChunkedFiles chunked, Consumer<ChunkedFiles.Ended> ended) {
    this.walked = walked;
    this.chunked = chunked;
    this.ended = ended;
  }

  @Override
  public Task poll() {
    while (chunks.isEmpty()) {
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
    return chunks.poll();
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
