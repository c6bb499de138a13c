package dev.pcopy.job;

import dev.pcopy.copy.DirectoryMaker;
import dev.pcopy.copy.LeftoverSweep;
import dev.pcopy.copy.TargetCheck;
import dev.pcopy.plan.CopyTask;
import dev.pcopy.plan.DirectoryRecord;
import dev.pcopy.plan.FileOp;
import dev.pcopy.plan.LargestFirstQueue;
import dev.pcopy.plan.Reasons;
import dev.pcopy.plan.SpecialKind;
import dev.pcopy.plan.TaskBatcher;
import dev.pcopy.plan.WalkVisitor;
import dev.pcopy.pool.PoolEvent;
import dev.pcopy.pool.TaskFeed;
import dev.pcopy.progress.ProgressModel;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The walker's side of a run: receives what the walker finds on the walking thread, creates the
 * target directories before their contents are handed out, batches entries into tasks, and queues
 * them for the coordinator.
 *
 * <p>An entry whose target directory already existed is compared with its target (by a
 * {@link TargetComparer}, beside the walk), so that finished copies (a re-run) are counted as
 * unchanged without a round trip through a worker, and a run with nothing to copy starts no
 * worker at all. Entries known to need writing are marked, so the worker does not look at the
 * target a second time.
 *
 * <p>The task queue is bounded, so a fast walk of a huge tree waits for the copy instead of
 * filling memory; the totals the progress display needs are kept as counters.
 */
final class WalkFeed implements WalkVisitor, TaskFeed, ProgressModel.Totals {
  /** What failed when a target directory could not be made; the reason follows. */
  static final String CANNOT_CREATE_DIRECTORY = "cannot create directory";
  /** Tasks waiting for a worker: up to 512 batches of at most 128 entries. */
  private static final int QUEUE_CAPACITY = 512;
  /** Entries handed to the target comparer at once. */
  private static final int COMPARE_CHUNK = 1024;

  private final LargestFirstQueue tasks = new LargestFirstQueue(QUEUE_CAPACITY);
  private final BlockingQueue<PoolEvent> events;
  private final TaskBatcher batcher;
  private final List<DirectoryRecord> directories = new ArrayList<>();
  /** Target directories this run created: entries going into them need no look at the target. */
  private final Set<Path> newDirectories = new HashSet<>();
  private final AtomicLong entries = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicBoolean walkEnded = new AtomicBoolean();
  private final AtomicBoolean cancelled;
  /** Compares targets with their sources; {@code null} with --force, which copies everything. */
  private final TargetComparer comparer;
  /** Entries of existing target directories, waiting to be handed to the comparer. */
  private List<FileOp> toCompare = new ArrayList<>();
  /** Removes what runs killed whole left in existing target directories. */
  private final LeftoverSweep leftovers = LeftoverSweep.forThisProcess();
  /** Leftovers removed so far, for the closing lines. */
  private final AtomicLong leftoversRemoved = new AtomicLong();
  /** Target directories that keep other runs' temporary files, or could not be swept. */
  private final Set<Path> unswept = new HashSet<>();

  WalkFeed(BlockingQueue<PoolEvent> events, int batchEntries, long batchBytes,
      AtomicBoolean cancelled, TargetCheck check) {
    this.events = events;
    this.cancelled = cancelled;
    AtomicLong taskIds = new AtomicLong();
    this.batcher = new TaskBatcher(batchEntries, batchBytes, this::enqueue, taskIds);
    this.comparer = check == null ? null : new TargetComparer(check,
        new TaskBatcher(batchEntries, batchBytes, this::enqueue, taskIds),
        ops -> events.add(new PoolEvent.UpToDate(ops)), cancelled);
  }

  @Override
  public boolean directory(DirectoryRecord directory) {
    try {
      Optional<Instant> existing = DirectoryMaker.ensure(directory.target());
      if (existing.isEmpty()) {
        newDirectories.add(directory.target());
      } else if (LeftoverSweep.mayHoldLeftovers(existing.get(), directory.mtime())) {
        sweep(directory.target(), directory.source());
      }
    } catch (IOException e) {
      // The destination refused: name the copy, as a file's write failure does.
      targetFailed(directory.target(), CANNOT_CREATE_DIRECTORY, e);
      return false;
    }
    synchronized (directories) {
      directories.add(directory);
    }
    return true;
  }

  /**
   * Removes temporary files that a run killed whole (coordinator and workers) left in an existing
   * target directory; only such a directory can hold them. Names its source directory holds are
   * kept, so that they are compared and copied like any other entry. Failing to is no reason to
   * stop.
   */
  private void sweep(Path target, Path source) {
    boolean othersRemain;
    try {
      LeftoverSweep.Swept swept = leftovers.sweep(target, source);
      leftoversRemoved.addAndGet(swept.removed().size());
      othersRemain = swept.othersRemain();
    } catch (IOException e) {
      othersRemain = true;
      targetFailed(target, "cannot remove leftover temporary files", e);
    }
    if (othersRemain) {
      synchronized (unswept) {
        unswept.add(target);
      }
    }
  }

  /**
   * Reports that the destination refused {@code doing} at {@code target}. When it refuses every
   * write (full, over quota, read-only) the walk ends here, since each further directory would
   * only fail alike, and the coordinator stops the run.
   */
  void targetFailed(Path target, String doing, IOException e) {
    String failure = doing + ": " + Reasons.of(e);
    if (Reasons.refusesWrites(e)) {
      cancelled.set(true);
      events.add(new PoolEvent.TargetRefusesWrites(target, failure, Reasons.of(e)));
    } else {
      events.add(new PoolEvent.WalkFailed(target, failure));
    }
  }

  @Override
  public void entry(FileOp op) {
    entries.incrementAndGet();
    bytes.addAndGet(op.size());
    if (newDirectories.contains(op.target().getParent())) {
      batcher.add(op.withTargetChecked());
    } else if (comparer == null) {
      batcher.add(op);
    } else {
      toCompare.add(op);
      if (toCompare.size() >= COMPARE_CHUNK) {
        handOverToCompare();
      }
    }
  }

  @Override
  public void directoryListed(Path source) {
    // Hand out what one directory held at once, so that workers start before batches fill up.
    batcher.flush();
    handOverToCompare();
  }

  private void handOverToCompare() {
    if (!toCompare.isEmpty()) {
      comparer.submit(toCompare);
      toCompare = new ArrayList<>();
    }
  }

  @Override
  public void special(Path source, SpecialKind kind) {
    events.add(new PoolEvent.SpecialSkipped(source, kind));
  }

  @Override
  public void failed(Path source, String reason) {
    events.add(new PoolEvent.WalkFailed(source, reason));
  }

  /**
   * Queues a single-file copy, handed over directly instead of through a walk. Its target
   * directory is swept of a killed run's leftovers first, as a walked directory is, so that
   * {@code pcopy big.iso /mnt/usb/} cleans up after itself too.
   */
  void addSingleFile(FileOp op) {
    Path targetDirectory = op.target().getParent();
    Path sourceDirectory = op.source().getParent();
    if (targetDirectory != null && sourceDirectory != null) {
      try {
        leftoversRemoved.addAndGet(
            leftovers.sweep(targetDirectory, sourceDirectory).removed().size());
      } catch (IOException e) {
        // A directory one may write into but not list (a drop box, mode 0733) is a fine place
        // for one file: leftovers there stay, and the copy goes ahead.
      }
    }
    entry(op);
  }

  /** Marks the walk as ended, after handing out what is still batched. */
  void end() {
    batcher.flush();
    handOverToCompare();
    if (comparer != null) {
      comparer.finish();
    }
    walkEnded.set(true);
    events.add(new PoolEvent.WorkQueued());
  }

  /** Returns how many leftover temporary files of killed runs the walk removed. */
  long leftoversRemoved() {
    return leftoversRemoved.get();
  }

  /**
   * Returns the target directories whose sweep left temporary files of other runs (live ones,
   * or another host's) or failed: their times are not given back at the end, so that a later run
   * sweeps them again ({@link LeftoverSweep#mayHoldLeftovers}). Call after the walk.
   */
  Set<Path> unswept() {
    synchronized (unswept) {
      return Set.copyOf(unswept);
    }
  }

  /** Returns the directories made, parents before children. Call after the walk. */
  List<DirectoryRecord> directories() {
    synchronized (directories) {
      return List.copyOf(directories);
    }
  }

  private void enqueue(CopyTask task) {
    try {
      while (!cancelled.get()) {
        if (tasks.offer(task, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
          events.add(new PoolEvent.WorkQueued());
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancelled.set(true);
    }
  }

  @Override
  public CopyTask poll() {
    return tasks.poll();
  }

  @Override
  public void stop() {
    cancelled.set(true);
  }

  @Override
  public boolean exhausted() {
    // Read the flag first: once it is set, every task is already in the queue.
    return walkEnded.get() && tasks.isEmpty();
  }

  @Override
  public long entries() {
    return entries.get();
  }

  @Override
  public long bytes() {
    return bytes.get();
  }

  @Override
  public boolean finished() {
    return walkEnded.get();
  }
}
