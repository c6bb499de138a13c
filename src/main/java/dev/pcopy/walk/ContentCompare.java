package dev.pcopy.walk;

import dev.pcopy.fs.DirHandle;
import dev.pcopy.fs.FileHandle;
import dev.pcopy.fs.SysException;
import java.nio.ByteBuffer;

/**
 * Compares a source file with its target byte for byte, for {@code --checksum}: the content
 * decides whether a file is unchanged, not its size and time. Both are read through their
 * directories' handles, never following a link.
 */
final class ContentCompare {
  private static final int CHUNK = 1 << 20;
  private static final ThreadLocal<ByteBuffer[]> BUFFERS = ThreadLocal.withInitial(
      () -> new ByteBuffer[] {ByteBuffer.allocateDirect(CHUNK), ByteBuffer.allocateDirect(CHUNK)});

  private ContentCompare() {}

  /** Whether {@code source/name} and {@code target/name}, both {@code size} bytes, are equal. */
  static boolean same(DirHandle source, DirHandle target, byte[] name, long size,
      boolean followLinks) throws SysException {
    ByteBuffer[] buffers = BUFFERS.get();
    try (FileHandle a = source.openRead(name, followLinks);
        FileHandle b = target.openRead(name, false)) {
      if (!a.stat().isFile() || !b.stat().isFile()) {
        return false;
      }
      long position = 0;
      while (position < size) {
        int want = (int) Math.min(CHUNK, size - position);
        int n = readFully(a, buffers[0], want, position);
        int m = readFully(b, buffers[1], want, position);
        if (n != m || buffers[0].clear().limit(n).mismatch(buffers[1].clear().limit(m)) >= 0) {
          return false;
        }
        if (n < want) {
          return true;
        }
        position += n;
      }
      return true;
    }
  }

  private static int readFully(FileHandle f, ByteBuffer buffer, int want, long position)
      throws SysException {
    int done = 0;
    while (done < want) {
      int n = f.read(buffer, done, want - done, position + done);
      if (n == 0) {
        break;
      }
      done += n;
    }
    return done;
  }
}
