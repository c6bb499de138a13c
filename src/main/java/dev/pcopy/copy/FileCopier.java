package dev.pcopy.copy;

import dev.pcopy.fs.Errno;
import dev.pcopy.fs.FileHandle;
import dev.pcopy.fs.Stat;
import dev.pcopy.fs.SysException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * Copies the bytes of one regular file into a new, empty file, inside the kernel where it can.
 *
 * <p>{@code copy_file_range} first (no bytes through the JVM; a reflink or a server-side copy
 * where the file system offers one), {@code sendfile} where the kernel refuses that between
 * these two files, and plain reads and writes where neither works. A file with holes is copied
 * one data segment at a time ({@code SEEK_DATA}/{@code SEEK_HOLE}) and keeps its holes. A file
 * listed with size 0 is read to its end, however long: files in {@code /proc} and {@code /sys}
 * say 0 and hold text.
 *
 * <p>The copy runs in slices sized so that each call takes about {@value #SLICE_MILLIS} ms, up
 * to {@code maxSlice} bytes: progress is reported, and a cancellation noticed, that often
 * however slow the storage, so a slow copy is never taken for a stuck one. A file whose size is
 * no longer the listed one when the copy ends is refused: a torn mix of two states never gets a
 * final name.
 *
 * <p>A file whose reads end before its stated size, while its size and times stay as they were,
 * is copied as read, with no padding: files in {@code /sys} say 4096 bytes and hold a line
 * ({@code cp} copies that line too). A file that really shrank has another size or times
 * afterwards, and is refused as changed.
 */
public final class FileCopier {
  /** How long one kernel call should take at most, as far as the rate so far tells. */
  static final long SLICE_MILLIS = 200;
  private static final long MIN_SLICE = 64 << 10;
  private static final int BUFFER = 1 << 20;
  private static final ThreadLocal<ByteBuffer> BUFFERS =
      ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(BUFFER));

  private final long maxSlice;
  private final WriteGate gate;

  /**
   * Lets bytes through to the target: the real one lets all through; a test's may act as a
   * destination that fills up or turns read-only, which no file system does on demand.
   */
  @FunctionalInterface
  public interface WriteGate {
    /** Every byte goes through. */
    WriteGate OPEN = want -> want;

    /**
     * Returns how many of {@code want} bytes may be written now, at least 1, or throws the
     * destination's refusal.
     */
    long allow(long want) throws SysException;
  }

  /** @param maxSlice most bytes one kernel call copies */
  public FileCopier(long maxSlice) {
    this(maxSlice, WriteGate.OPEN);
  }

  /**
   * @param maxSlice most bytes one kernel call copies
   * @param gate lets bytes through to the target
   */
  public FileCopier(long maxSlice, WriteGate gate) {
    if (maxSlice < 1) {
      throw new IllegalArgumentException("maxSlice (" + maxSlice + ") must be positive");
    }
    this.maxSlice = maxSlice;
    this.gate = gate;
  }

  /**
   * Copies {@code in}, whose status is {@code source}, into {@code out}.
   *
   * @param listed the size the walk listed
   * @param progress receives each slice's byte count as it is written
   * @param cancelled polled between slices
   * @return the bytes copied
   * @throws ReadFailure if the source could not be read, or changed size while it was
   * @throws CancelledException if {@code cancelled} turned true before the end
   * @throws SysException if the target refused the bytes
   */
  public long copy(FileHandle in, Stat source, long listed, FileHandle out, LongConsumer progress,
      BooleanSupplier cancelled) throws IOException {
    if (listed == 0) {
      return readToEnd(in, out, progress, cancelled);
    }
    Slicer slicer = new Slicer(maxSlice);
    long copied = source.isSparse()
        ? copySparse(in, source, listed, out, slicer, progress, cancelled)
        : copyRange(in, 0, listed + 1, listed, out, slicer, progress, cancelled);
    boolean shorterThanItSays = copied < listed
        && endsBeforeItsSize(in, source, listed, copied);
    if (copied != listed && !shorterThanItSays) {
      throw changed(in, listed);
    }
    unchangedSince(in, source);
    return copied;
  }

  /**
   * Checks that {@code in} still has the size and the modification and change times it had when
   * opened ({@code opened}): a file written to while it was copied would otherwise be put in
   * place mixed, with its old time, and look equal to the next run. A pseudo file (sysfs,
   * procfs) is let off: its kernel sets its times as it likes, its content is made as it is read.
   */
  private static void unchangedSince(FileHandle in, Stat opened) throws ReadFailure {
    try {
      Stat now = in.stat();
      if (unchanged(opened, now)) {
        return;
      }
      if (PseudoFiles.on(in.fileSystemType())) {
        return;
      }
      throw new ReadFailure(new IOException("changed while being copied (" + how(opened, now)
          + ")"));
    } catch (SysException e) {
      throw new ReadFailure(e);
    }
  }

  /**
   * Whether {@code in}, whose copy stopped at {@code at} before its listed size, is a file whose
   * content is shorter than it says ({@link #endsBeforeItsSize(Stat, Stat, long)}). A plain read
   * at {@code at} must find the end too: a kernel copy call that stops early for its own
   * reasons is not taken for the file's end.
   */
  private static boolean endsBeforeItsSize(FileHandle in, Stat opened, long listed, long at)
      throws ReadFailure {
    try {
      return in.read(oneByte(), 0, 1, at) == 0 && (PseudoFiles.on(in.fileSystemType())
          || endsBeforeItsSize(opened, in.stat(), listed));
    } catch (SysException e) {
      throw new ReadFailure(e);
    }
  }

  /**
   * Whether a file whose reads ended before its listed size holds less than it says rather than
   * shrank: its size is the listed one when opened ({@code opened}) and after the reads
   * ({@code now}), and its modification and change times did not move. A file truncated (and
   * even grown back) meanwhile has new times; a pseudo file's are its own.
   */
  static boolean endsBeforeItsSize(Stat opened, Stat now, long listed) {
    return opened.size() == listed && unchanged(opened, now);
  }

  /**
   * Names what moved between {@code opened} and {@code now}, so that a user is not told a file
   * was written to when only a name of it came or went (that too moves the change time). A
   * change of the change time alone stays a write as far as the words go: a writer can put the
   * modification time back, and only the change time then tells.
   */
  private static String how(Stat opened, Stat now) {
    if (now.nlink() == 0) {
      return "removed meanwhile";
    }
    if (now.size() != opened.size()) {
      return opened.size() + " bytes when opened, now " + now.size();
    }
    if (now.mtime().same(opened.mtime()) && now.nlink() != opened.nlink()) {
      return "a hard link to it was made or removed meanwhile";
    }
    return "written to meanwhile";
  }

  /** Whether {@code now} has the size, modification and change times of {@code opened}. */
  private static boolean unchanged(Stat opened, Stat now) {
    return now.size() == opened.size() && now.mtime().same(opened.mtime())
        && now.ctime().same(opened.ctime());
  }

  /**
   * Copies the chunk {@code [from, from + length)} of {@code in}, whose status is
   * {@code source}, into the temporary copy {@code out} at the same offset, keeping holes. The
   * last chunk also checks that the file ends where it was listed to.
   *
   * @param listed the size the walk listed
   * @throws ReadFailure if the source could not be read, or is not the listed size
   */
  public long copyChunk(FileHandle in, Stat source, long from, long length, long listed,
      FileHandle out, LongConsumer progress, BooleanSupplier cancelled) throws IOException {
    if (source.size() != listed) {
      throw changed(in, listed);
    }
    Slicer slicer = new Slicer(maxSlice);
    long end = from + length;
    long copied = 0;
    if (source.isSparse()) {
      long position = from;
      try {
        while (position < end) {
          long data = in.nextData(position);
          if (data < 0 || data >= end) {
            break;
          }
          long hole = Math.min(in.nextHole(data), end);
          copied += copyRange(in, data, hole - data, -1, out, slicer, progress, cancelled);
          position = hole;
        }
      } catch (SysException e) {
        throw classify(e);
      }
      progress.accept(length - copied);
    } else {
      // The kernel's copy, as for a whole file: through a buffer, two workers' writes into one
      // file still queue on its inode lock, and every byte costs two more memory copies
      // (measured: docs/performance.md, "One big file").
      copied = copyRange(in, from, length, -1, out, slicer, progress, cancelled);
      if (copied != length) {
        throw changed(in, listed);
      }
    }
    if (end == listed && in.read(oneByte(), 0, 1, listed) != 0) {
      throw changed(in, listed);
    }
    unchangedSince(in, source);
    return length;
  }

  private static ByteBuffer oneByte() {
    return BUFFERS.get();
  }

  /**
   * Copies {@code [from, from + count)}; returns the bytes copied, which are fewer where the
   * source ends first. Asking one byte past the listed size makes a grown file show itself, in
   * the same call that copies a small file whole.
   *
   * @param end where the source should end, counted from {@code from}: a short count there is
   *     the normal end; -1 when the range lies inside the file
   */
  private long copyRange(FileHandle in, long from, long count, long end, FileHandle out,
      Slicer slicer, LongConsumer progress, BooleanSupplier cancelled) throws IOException {
    return copyRange(Mode.COPY_FILE_RANGE, in, from, count, end, out, slicer, progress,
        cancelled);
  }

  private long copyRange(Mode first, FileHandle in, long from, long count, long end,
      FileHandle out, Slicer slicer, LongConsumer progress, BooleanSupplier cancelled)
      throws IOException {
    long done = 0;
    Mode mode = first;
    while (done < count) {
      if (cancelled.getAsBoolean()) {
        throw new CancelledException();
      }
      long want = Math.min(slicer.size(), count - done);
      long started = System.nanoTime();
      long n;
      try {
        want = gate.allow(want);
        n = transfer(mode, in, from + done, out, want);
      } catch (SysException e) {
        if (mode == Mode.READ_WRITE) {
          // Reads fail as ReadFailure; this is a write the target refused.
          throw e;
        }
        Mode next = mode.fallback(e.errno());
        if (next == null) {
          throw classify(e);
        }
        mode = next;
        continue;
      }
      if (n == 0) {
        // A short count means the kernel stopped for the destination (a full disk says so on the
        // next call), or at the source's end; only a call that copies nothing is the end.
        break;
      }
      done += n;
      slicer.record(n, System.nanoTime() - started);
      progress.accept(n);
      if (n < want && done == end) {
        break;
      }
    }
    return done;
  }

  private static long transfer(Mode mode, FileHandle in, long position, FileHandle out,
      long count) throws IOException {
    switch (mode) {
      case COPY_FILE_RANGE:
        return in.copyRangeTo(out, position, position, count);
      case SENDFILE:
        out.seek(position);
        return in.sendTo(out, position, count);
      default:
        ByteBuffer buffer = BUFFERS.get();
        int n;
        try {
          n = in.read(buffer, 0, (int) Math.min(count, BUFFER), position);
        } catch (SysException e) {
          throw new ReadFailure(e);
        }
        int written = 0;
        while (written < n) {
          written += out.write(buffer, written, n - written, position + written);
        }
        return n;
    }
  }

  /**
   * Copies a file with holes, data segment by data segment, then sets its size; a segment that
   * reads short ends the file there if it holds less than it says (files in {@code /sys} have
   * no blocks, so they come here), else it changed.
   */
  private long copySparse(FileHandle in, Stat source, long listed, FileHandle out,
      Slicer slicer, LongConsumer progress, BooleanSupplier cancelled) throws IOException {
    long position = 0;
    long copied = 0;
    long end;
    try {
      while (true) {
        long data = in.nextData(position);
        if (data < 0) {
          end = in.stat().size();
          break;
        }
        long hole = in.nextHole(data);
        long got = copyRange(in, data, hole - data, -1, out, slicer, progress, cancelled);
        copied += got;
        if (got < hole - data) {
          end = data + got;
          break;
        }
        position = hole;
      }
    } catch (SysException e) {
      if (e.errno() == Errno.EINVAL) {
        // No SEEK_DATA here: copy it whole, holes read as zeros.
        return copyRange(in, 0, listed + 1, listed, out, slicer, progress, cancelled);
      }
      throw new ReadFailure(e);
    }
    if (end < listed && endsBeforeItsSize(in, source, listed, end)) {
      out.truncate(end);
      return copied;
    }
    if (end != listed) {
      throw changed(in, listed);
    }
    out.truncate(listed);
    // Holes count as copied: the progress and the size check are about the file, not its blocks.
    progress.accept(listed - copied);
    return listed;
  }

  /** Reads a file that says it is empty to its end: a pseudo-file's text, or nothing at all. */
  private long readToEnd(FileHandle in, FileHandle out, LongConsumer progress,
      BooleanSupplier cancelled) throws IOException {
    ByteBuffer buffer = BUFFERS.get();
    long position = 0;
    while (true) {
      if (cancelled.getAsBoolean()) {
        throw new CancelledException();
      }
      int n;
      try {
        n = in.read(buffer, 0, BUFFER, -1);
      } catch (SysException e) {
        throw new ReadFailure(e);
      }
      if (n == 0) {
        return position;
      }
      int written = 0;
      while (written < n) {
        int chunk = (int) gate.allow(n - written);
        written += out.write(buffer, written, chunk, position + written);
      }
      position += n;
      progress.accept(n);
    }
  }

  /** The failure for a source whose size is no longer the listed one. */
  private static ReadFailure changed(FileHandle in, long listed) {
    try {
      return new ReadFailure(new IOException("changed while being copied (listed " + listed
          + " bytes, now " + in.stat().size() + ")"));
    } catch (SysException e) {
      return new ReadFailure(e);
    }
  }

  /**
   * A kernel copy call's failure is the target's when the target's file system refused the
   * bytes (full, over quota, read-only, file too large), else the source's.
   */
  private static IOException classify(SysException e) {
    int errno = e.errno();
    if (Errno.refusesWrites(errno) || errno == Errno.EFBIG) {
      return e;
    }
    return new ReadFailure(e);
  }

  /** The ways of moving bytes, each the next one's fallback. */
  private enum Mode {
    COPY_FILE_RANGE, SENDFILE, READ_WRITE;

    /** The way to try after {@code errno}, or null if the error is real. */
    Mode fallback(int errno) {
      boolean unsupported = errno == Errno.EXDEV || errno == Errno.EINVAL
          || errno == Errno.ENOSYS || errno == Errno.EOPNOTSUPP || errno == Errno.EBADF;
      if (!unsupported) {
        return null;
      }
      return this == COPY_FILE_RANGE ? SENDFILE : this == SENDFILE ? READ_WRITE : null;
    }
  }

  /** Sizes slices so that one takes about {@link #SLICE_MILLIS} at the rate seen so far. */
  private static final class Slicer {
    private final long max;
    private long size;

    Slicer(long max) {
      this.max = max;
      this.size = Math.min(max, 1 << 20);
    }

    long size() {
      return size;
    }

    void record(long bytes, long nanos) {
      long fitting = nanos <= 0 ? max : bytes * SLICE_MILLIS * 1_000_000 / nanos;
      size = Math.min(max, Math.max(MIN_SLICE, fitting));
    }
  }

  /** The source could not be read, or changed while it was read; the cause says how. */
  public static final class ReadFailure extends IOException {
    private static final long serialVersionUID = 1L;

    ReadFailure(IOException cause) {
      super(cause.getMessage(), cause);
    }
  }

  /** Thrown when a copy stops because the run is being cancelled. */
  public static final class CancelledException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public CancelledException() {
      super("cancelled");
    }
  }
}
