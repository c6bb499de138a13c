import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Experiment behind docs/performance.md's "one big file split across workers": copies one file
 * with N threads, each sending its own byte range with FileChannel.transferTo (sendfile on JDK
 * 17) into one pre-sized target through a file descriptor of its own, as chunked workers would.
 *
 * <p>Run with the JDK's source launcher and time it against N=1 and cp, for example:
 * {@code /usr/bin/time -f %e java src/bench/ChunkCopy.java /dev/shm/big /dev/shm/copy 2}
 */
public final class ChunkCopy {
  private ChunkCopy() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: java ChunkCopy.java SRC DST THREADS");
      System.exit(2);
    }
    Path src = Path.of(args[0]);
    Path dst = Path.of(args[1]);
    int threads = Integer.parseInt(args[2]);
    long size = Files.size(src);
    try (FileChannel out = FileChannel.open(dst, CREATE_NEW, WRITE)) {
      if (size > 0) {
        out.write(ByteBuffer.allocate(1), size - 1);
      }
    }
    long chunk = (size + threads - 1) / threads;
    Thread[] running = new Thread[threads];
    for (int i = 0; i < threads; i++) {
      long start = Math.min(size, i * chunk);
      long end = Math.min(size, start + chunk);
      running[i] = new Thread(() -> copyRange(src, dst, start, end));
      running[i].start();
    }
    for (Thread t : running) {
      t.join();
    }
  }

  private static void copyRange(Path src, Path dst, long start, long end) {
    try (FileChannel in = FileChannel.open(src, READ);
        FileChannel out = FileChannel.open(dst, WRITE)) {
      out.position(start);
      for (long p = start; p < end; ) {
        p += in.transferTo(p, Math.min(8L << 20, end - p), out);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
