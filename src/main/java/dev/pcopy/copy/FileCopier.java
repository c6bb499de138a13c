package dev.pcopy.copy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * Copies the bytes of one regular file into a new file, through the kernel's copy path.
 *
 * <p>{@link FileChannel#transferTo} between two files becomes {@code sendfile} on JDK 17 and
 * {@code copy_file_range} on newer JDKs on Linux, so the bytes never pass through the Java heap.
 * The copy runs in slices so that progress is reported, and a cancellation noticed, inside a
 * large file.
 */
public final class FileCopier {
  private final long sliceBytes;

  /** @param sliceBytes bytes per kernel call; progress is reported after each slice */
  public FileCopier(long sliceBytes) {
    if (sliceBytes < 1) {
      throw new IllegalArgumentException("sliceBytes (" + sliceBytes + ") must be positive");
    }
    this.sliceBytes = sliceBytes;
  }

  /**
   * Copies {@code source} into the new file {@code target}, which must not exist.
   *
   * @param progress receives each slice's byte count as it is written
   * @param cancelled polled between slices
   * @return the number of bytes copied
   * @throws CancelledException if {@code cancelled} turned true before the end
   */
  public long copy(Path source, Path target, LongConsumer progress, BooleanSupplier cancelled)
      throws IOException {
    try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ,
            LinkOption.NOFOLLOW_LINKS);
        FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE)) {
      long position = 0;
      while (true) {
        if (cancelled.getAsBoolean()) {
          throw new CancelledException();
        }
        long n = in.transferTo(position, sliceBytes, out);
        if (n <= 0) {
          // transferTo returns 0 at end of file; a file that grew is copied as far as it grew.
          if (position >= in.size()) {
            return position;
          }
          continue;
        }
        position += n;
        progress.accept(n);
      }
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
