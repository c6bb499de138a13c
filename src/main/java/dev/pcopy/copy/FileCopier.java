package dev.pcopy.copy;

import dev.pcopy.plan.Reasons;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * Copies the bytes of one regular file into a new file, through the kernel's copy path.
 *
 * <p>{@link FileChannel#transferTo} between two files becomes {@code sendfile} on JDK 17 and
 * {@code copy_file_range} on newer JDKs on Linux, so the bytes never pass through the Java heap.
 * The copy runs in slices so that progress is reported, and a cancellation noticed, inside a
 * large file. The new file is created with the source's permission bits (never more than them:
 * the umask only takes bits away), which saves a {@code chmod} whenever the umask leaves them
 * whole.
 */
public final class FileCopier {
  private static final Set<OpenOption> READ =
      Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
  private static final Set<OpenOption> CREATE =
      Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  private static final List<PosixFilePermission> BITS = List.of(
      PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
      PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
      PosixFilePermission.OWNER_READ);

  private final long sliceBytes;
  private final int umask;
  private final Transfer transfer;
  @SuppressWarnings("unchecked")
  private final FileAttribute<Set<PosixFilePermission>>[] permissionCache = new FileAttribute[512];

  /**
   * @param sliceBytes bytes per kernel call; progress is reported after each slice
   * @param umask this process's umask, or -1 if unknown (then every file needs a chmod)
   */
  public FileCopier(long sliceBytes, int umask) {
    this(sliceBytes, umask, FileChannel::transferTo);
  }

  FileCopier(long sliceBytes, int umask, Transfer transfer) {
    if (sliceBytes < 1) {
      throw new IllegalArgumentException("sliceBytes (" + sliceBytes + ") must be positive");
    }
    this.sliceBytes = sliceBytes;
    this.umask = umask;
    this.transfer = transfer;
  }

  /**
   * Returns a copier whose destination takes only {@code roomBytes} bytes in all and then
   * refuses more with {@code refusal} (the C library's words, e.g. "No space left on device").
   * Tests use it to meet a full or read-only destination with real worker processes.
   */
  public static FileCopier withLimitedRoom(long sliceBytes, int umask, long roomBytes,
      String refusal) {
    return new FileCopier(sliceBytes, umask, new LimitedRoom(roomBytes, refusal));
  }

  /**
   * The kernel copy call, {@link FileChannel#transferTo}. Tests put a stand-in here, because a
   * short count followed by a full disk cannot be had on demand from a real file system.
   */
  @FunctionalInterface
  interface Transfer {
    long transfer(FileChannel in, long position, long count, FileChannel out) throws IOException;
  }

  /** Returns whether a file {@link #copy} creates already has exactly {@code mode}. */
  public boolean createsWithMode(int mode) {
    return umask >= 0 && (mode & 07000) == 0 && (mode & umask) == 0;
  }

  /**
   * Copies {@code source} into the new file {@code target}, which must not exist, created with
   * the permission bits of {@code mode} less the umask.
   *
   * <p>{@code size} is the size the walker saw: a small file takes one kernel call. A file whose
   * size is no longer that when the copy ends is refused, so that no torn copy gets a final name.
   *
   * @param size bytes to copy, as listed
   * @param progress receives each slice's byte count as it is written
   * @param cancelled polled between slices
   * @return the number of bytes copied
   * @throws CancelledException if {@code cancelled} turned true before the end
   */
  public long copy(Path source, Path target, int mode, long size, LongConsumer progress,
      BooleanSupplier cancelled) throws IOException {
    return copy(source, target, mode, size, null, null, progress, cancelled).bytes();
  }

  /** What {@link #copy} did: bytes copied, and whether the times were set as well. */
  public record Copied(long bytes, boolean timesSet) {}

  /**
   * Like {@link #copy(Path, Path, int, long, LongConsumer, BooleanSupplier)}, and also sets the
   * new file's times while it is still open, where the JDK allows (see {@code ChannelTimes}).
   *
   * @param mtime modification time to set, or null for none
   * @param atime access time to set, or null for none
   */
  public Copied copy(Path source, Path target, int mode, long size, Instant mtime, Instant atime,
      LongConsumer progress, BooleanSupplier cancelled) throws IOException {
    FileChannel opened;
    try {
      opened = FileChannel.open(source, READ);
    } catch (IOException e) {
      throw new ReadFailure(e);
    }
    try (FileChannel in = opened;
        FileChannel out = FileChannel.open(target, CREATE, permissions(mode))) {
      long position = 0;
      while (true) {
        if (cancelled.getAsBoolean()) {
          throw new CancelledException();
        }
        // Asking for one byte past the listed size makes a grown file show itself without an
        // fstat of our own: the kernel call stops at the end of the file as it is now.
        long want = Math.min(sliceBytes, size - position + 1);
        long n = transfer(in, position, want, out);
        if (n > 0) {
          position += n;
          progress.accept(n);
        }
        // A short count at the listed size is the normal end. Before it, the kernel may have
        // stopped for the destination (it filled up: the next call says so) rather than at the
        // end of the source, so only a call that copies nothing means the source shrank.
        if (position > size || (n < want && (position == size || n == 0))) {
          break;
        }
      }
      // A copy of a file that changed size under us would be a torn mix of two states: fail
      // the entry instead of renaming it into place.
      if (position != size) {
        throw changed(source, size, in);
      }
      boolean timesSet = mtime != null && ChannelTimes.set(out, mtime, atime);
      return new Copied(position, timesSet);
    }
  }

  /**
   * One kernel copy call. Its failure is the target's when the target's file system refused the
   * bytes (full, over quota, read-only, file too large), else the source's.
   */
  private long transfer(FileChannel in, long position, long count, FileChannel out)
      throws IOException {
    try {
      return transfer.transfer(in, position, count, out);
    } catch (IOException e) {
      if (Reasons.refusesWrites(e) || Reasons.of(e).equals("File too large")) {
        throw e;
      }
      throw new ReadFailure(e);
    }
  }

  /** The failure for a source whose size is no longer the listed one, with the size it has now. */
  private static ReadFailure changed(Path source, long listed, FileChannel in) {
    try {
      return new ReadFailure(new FileSystemException(source.toString(), null,
          "changed while being copied (listed " + listed + " bytes, now " + in.size() + ")"));
    } catch (IOException e) {
      return new ReadFailure(e);
    }
  }

  /**
   * Returns the attribute that creates a file with the permission bits of {@code mode}. One is
   * built per bit pattern and kept: building a set for every file cost about 5 % of a worker's
   * Java time on a tree of small files. A race only builds an equal, immutable value twice.
   */
  private FileAttribute<Set<PosixFilePermission>> permissions(int mode) {
    int bits = mode & 0777;
    FileAttribute<Set<PosixFilePermission>> attribute = permissionCache[bits];
    if (attribute == null) {
      Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
      for (int bit = 0; bit < BITS.size(); bit++) {
        if ((bits & (1 << bit)) != 0) {
          set.add(BITS.get(bit));
        }
      }
      attribute = PosixFilePermissions.asFileAttribute(set);
      permissionCache[bits] = attribute;
    }
    return attribute;
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
