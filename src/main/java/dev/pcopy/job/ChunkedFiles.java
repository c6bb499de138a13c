package dev.pcopy.job;

import dev.pcopy.copy.DirectoryWriter;
import dev.pcopy.copy.HandleCache;
import dev.pcopy.fs.DirHandle;
import dev.pcopy.fs.Errno;
import dev.pcopy.fs.FileHandle;
import dev.pcopy.fs.Reasons;
import dev.pcopy.fs.Stat;
import dev.pcopy.fs.SysException;
import dev.pcopy.plan.Action.CommitFile;
import dev.pcopy.plan.Action.WorkerAction;
import dev.pcopy.plan.Action.WriteChunk;
import dev.pcopy.plan.Action.WriteFile;
import dev.pcopy.plan.Decision;
import dev.pcopy.plan.Outcome;
import dev.pcopy.plan.PartialRecord;
import dev.pcopy.plan.Task;
import dev.pcopy.plan.TempNames;
import dev.pcopy.pool.PoolEvent;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The big files of a run, each written in chunks that workers copy (several at once where
 * {@link CuttingFeed} lets them) into one
 * temporary copy ({@link dev.pcopy.plan.Chunks}), from the cut to the rename: makes the
 * temporary copy and its record (or takes over those a stopped run left), hands out a task per
 * chunk still to copy, notes each chunk done in the record, hands out the commit once all are,
 * and when the run ends short keeps what is begun for the next run to resume, or removes it.
 *
 * <p>The walk announces each cut write ({@link #expect}); everything else happens on the
 * coordinator's thread, which hands tasks out and learns their outcomes.
 *
 * <p>Whoever may write in the target directory may replace the copy between two chunks. The
 * workers check that the copy they open is still the inode made (or taken over), and the
 * coordinator holds that inode open from the cut to the end, so that it can never be freed and
 * its number given to a file someone else makes at its name: the check could not tell that
 * file from the copy, and the source's bytes would go into a file its owner can read.
 */
final class ChunkedFiles {
  private final DirectoryWriter directories;
  private final HandleCache targets;
  private final String runId;
  private final int uid;
  private final AtomicLong ids;
  private final BlockingQueue<PoolEvent> events;
  private final Map<Long, Decision.Cut> expected = new ConcurrentHashMap<>();
  private final Map<Long, Piece> begun = new HashMap<>();
  /** The files with a chunk handed out and not yet ended, by write number. */
  private final Set<Long> chunkOut = new HashSet<>();

  /**
   * How a big file ended, for the report, which counts it as the write it is.
   *
   * @param write the file's write
   * @param outcome the commit's outcome, or the failure that ended the file
   * @param unwritten its bytes not copied, when it failed
   */
  record Ended(WriteFile write, Outcome outcome, long unwritten) {}

  /**
   * One big file on its way: its write, its files in the target, the handle that keeps its
   * copy's inode ({@code O_PATH}, closed when the file ends) and the chunks done.
   */
  private static final class Piece {
    final WriteFile write;
    final PartialRecord record;
    final byte[] temp;
    final byte[] recordName;
    final FileHandle copy;
    final long ino;
    final long dev;
    final long recordIno;
    final BitSet done;
    boolean failed;

    Piece(WriteFile write, PartialRecord record, byte[] temp, byte[] recordName,
        FileHandle copy, Stat copyStat, long recordIno) {
      this.write = write;
      this.record = record;
      this.temp = temp;
      this.recordName = recordName;
      this.copy = copy;
      this.ino = copyStat.ino();
      this.dev = copyStat.dev();
      this.recordIno = recordIno;
      this.done = (BitSet) record.done().clone();
    }

    long unwritten() {
      long bytes = 0;
      for (int c = done.nextClearBit(0); c < record.chunks(); c = done.nextClearBit(c + 1)) {
        bytes += record.length(c);
      }
      return bytes;
    }
  }

  /**
   * @param directories makes and removes the files
   * @param targets the coordinator's handles on the target's directories
   * @param runId names the temporary files
   * @param uid who this process is: a partial copy taken over must still be this user's
   * @param ids numbers the tasks
   * @param events where a destination refusing every write is reported
   */
  ChunkedFiles(DirectoryWriter directories, HandleCache targets, String runId, int uid,
      AtomicLong ids, BlockingQueue<PoolEvent> events) {
    this.directories = directories;
    this.targets = targets;
    this.runId = runId;
    this.uid = uid;
    this.ids = ids;
    this.events = events;
  }

  /** Announces that the write numbered {@code seq} is cut as {@code cut}. Any thread. */
  void expect(long seq, Decision.Cut cut) {
    expected.put(seq, cut);
  }

  /**
   * Returns the tasks that carry out {@code task}: the task itself unless it is a cut write,
   * else one task per chunk still to copy (or the commit, if none is). Empty when the temporary
   * copy cannot be made: {@code ended} is told then.
   */
  List<Task> cut(Task task, Consumer<Ended> ended) {
    Decision.Cut cut = task.actions().size() == 1 && task.actions().get(0) instanceof WriteFile w
        ? expected.remove(w.seq()) : null;
    if (cut == null) {
      return List.of(task);
    }
    WriteFile write = (WriteFile) task.actions().get(0);
    Piece piece;
    try {
      DirHandle dir = targets.get(write.dir());
      piece = cut.resumes() ? adopt(write, dir, cut) : null;
      if (piece == null) {
        piece = begin(write, dir, cut.record());
      }
    } catch (SysException e) {
      String failure = "cannot create a temporary copy: " + Reasons.of(e);
      if (Reasons.refusesWrites(e)) {
        events.add(new PoolEvent.TargetRefusesWrites(write.dir(), write.name(), failure,
            Reasons.of(e)));
      } else {
        ended.accept(new Ended(write, Outcome.failedWriting(failure),
            cut.record().remainingBytes()));
      }
      return List.of();
    }
    begun.put(write.seq(), piece);
    List<Task> tasks = new ArrayList<>();
    for (int c = piece.done.nextClearBit(0); c < piece.record.chunks();
        c = piece.done.nextClearBit(c + 1)) {
      tasks.add(new Task(ids.getAndIncrement(), List.of(chunk(piece, c)), 0));
    }
    if (tasks.isEmpty()) {
      tasks.add(commit(piece));
    }
    return tasks;
  }

  /**
   * Takes over the partial copy a stopped run left, if it is still as the walk found it (this
   * user's own regular files with one link each, the copy at the file's size and the very inode
   * its record was written for: the walk looked a while ago, and the names may lead to other
   * files now); otherwise removes it and returns null, to start over.
   */
  private Piece adopt(WriteFile write, DirHandle dir, Decision.Cut cut) throws SysException {
    FileHandle copy = keep(dir, cut.temp());
    try {
      Stat record = dir.statIfExists(cut.recordName());
      Stat copyStat = copy == null ? null : copy.stat();
      if (owned(copyStat) && owned(record) && copyStat.size() == write.size()
          && copyStat.ino() == cut.record().copyIno()) {
        Piece piece = new Piece(write, cut.record(), cut.temp(), cut.recordName(), copy,
            copyStat, record.ino());
        copy = null;
        return piece;
      }
    } finally {
      if (copy != null) {
        copy.close();
      }
    }
    removeQuietly(dir, cut.temp());
    removeQuietly(dir, cut.recordName());
    return null;
  }

  private boolean owned(Stat stat) {
    return stat != null && stat.isFile() && stat.nlink() == 1 && stat.uid() == uid;
  }

  /** Opens a handle that keeps the inode at {@code name}; null if there is none. */
  private static FileHandle keep(DirHandle dir, byte[] name) throws SysException {
    try {
      return dir.openEntry(name);
    } catch (SysException e) {
      if (e.errno() == Errno.ENOENT) {
        return null;
      }
      throw e;
    }
  }

  /**
   * Makes a new temporary copy and record; if that fails halfway, removes what was made, which
   * nothing else of this run would.
   */
  private Piece begin(WriteFile write, DirHandle dir, PartialRecord record)
      throws SysException {
    byte[] temp = TempNames.of(runId, write.seq());
    byte[] recordName = TempNames.record(runId, write.seq());
    PartialRecord fresh = PartialRecord.begun(record.size(), record.mtime(), record.ctime(),
        record.dev(), record.ino(), record.chunkSize(), record.name());
    FileHandle copy = null;
    try {
      DirectoryWriter.PartialFiles made = directories.makePartial(dir, temp, write.size(),
          recordName, ino -> fresh.withCopy(ino).header());
      copy = dir.openEntry(temp);
      if (!copy.stat().sameFile(made.copy())) {
        throw new SysException(Errno.ESTALE, "open");
      }
      Piece piece = new Piece(write, fresh.withCopy(made.copy().ino()), temp, recordName, copy,
          made.copy(), made.record().ino());
      copy = null;
      return piece;
    } catch (SysException e) {
      removeQuietly(dir, temp);
      removeQuietly(dir, recordName);
      throw e;
    } finally {
      if (copy != null) {
        copy.close();
      }
    }
  }

  private static WriteChunk chunk(Piece p, int c) {
    WriteFile w = p.write;
    return new WriteChunk(w.dir(), w.name(), w.sourceName(), w.seq(), p.temp,
        p.record.offset(c), p.record.length(c), w.size(), p.ino, p.dev);
  }

  private Task commit(Piece p) {
    WriteFile w = p.write;
    return new Task(ids.getAndIncrement(), List.of(new CommitFile(w.dir(), w.name(),
        w.sourceName(), w.seq(), p.temp, w.size(), w.meta(), p.ino, p.dev)), 0);
  }

  /**
   * Learns the outcome of a chunk or a commit; returns how its file ended, if it did now. A
   * chunk done is noted in the record, and the last one hands out the commit through
   * {@code commits}; the first failure ends the file, and the rest of its chunks are ignored.
   * A destination that refuses writes (full, read-only) ends it too, but what is copied stays
   * for the run's end to keep or remove, even when only the commit was left.
   */
  Optional<Ended> outcome(WorkerAction action, Outcome outcome,
      Consumer<Task> commits) {
    if (action instanceof WriteChunk) {
      chunkOut.remove(action.seq());
    }
    Piece p = begun.get(action.seq());
    if (p == null || p.failed) {
      return Optional.empty();
    }
    if (outcome.status() == Outcome.Status.TARGET_REFUSES_WRITES) {
      p.failed = true;
      return Optional.of(new Ended(p.write, outcome, p.unwritten()));
    }
    if (outcome.status() != Outcome.Status.DONE) {
      return Optional.of(failed(p, outcome));
    }
    if (action instanceof CommitFile) {
      begun.remove(action.seq());
      p.copy.close();
      removeQuietly(p, p.recordName);
      return Optional.of(new Ended(p.write, outcome, 0));
    }
    WriteChunk chunk = (WriteChunk) action;
    int c = (int) (chunk.offset() / p.record.chunkSize());
    p.done.set(c);
    try {
      directories.note(targets.get(p.write.dir()), p.recordName, p.recordIno,
          PartialRecord.entry(c));
    } catch (SysException e) {
      // The record only helps a re-run; this run's copy goes on without it.
    }
    if (p.done.cardinality() == p.record.chunks()) {
      commits.accept(commit(p));
    }
    return Optional.empty();
  }

  private Ended failed(Piece p, Outcome outcome) {
    begun.remove(p.write.seq());
    p.failed = true;
    p.copy.close();
    long unwritten = p.unwritten();
    removeQuietly(p, p.temp);
    removeQuietly(p, p.recordName);
    return new Ended(p.write, outcome, unwritten);
  }

  /** Notes that a chunk of the write numbered {@code seq} was handed out. */
  void handedOut(long seq) {
    chunkOut.add(seq);
  }

  /**
   * Whether a chunk of the write numbered {@code seq} may be handed out now: its file is still
   * on its way, and no other chunk of it is out.
   */
  boolean mayHandOut(long seq) {
    Piece p = begun.get(seq);
    return p != null && !p.failed && !chunkOut.contains(seq);
  }

  /** Whether the file of the write numbered {@code seq} ended before all its chunks. */
  boolean ended(long seq) {
    Piece p = begun.get(seq);
    return p == null || p.failed;
  }

  /**
   * Deals with the big files not finished when the run ends: those with chunks done stay for the
   * next run to resume when {@code keep} says so; the rest are removed.
   */
  void settle(boolean keep) {
    for (Piece p : begun.values()) {
      p.copy.close();
      if (!keep || p.done.isEmpty()) {
        removeQuietly(p, p.temp);
        removeQuietly(p, p.recordName);
      }
    }
    begun.clear();
    expected.clear();
  }

  private void removeQuietly(Piece p, byte[] name) {
    try {
      removeQuietly(targets.get(p.write.dir()), name);
    } catch (SysException e) {
      // The directory is gone or refuses: the next run's sweep finds what is left.
    }
  }

  private void removeQuietly(DirHandle dir, byte[] name) {
    try {
      directories.remove(dir, name);
    } catch (SysException e) {
      // Gone or refused: the next run's sweep finds what is left.
    }
  }
}
