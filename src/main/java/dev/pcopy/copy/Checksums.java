package dev.pcopy.copy;

import dev.pcopy.copy.FileCopier.ReadFailure;
import dev.pcopy.fs.FileHandle;
import dev.pcopy.fs.SysException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/** CRC32C of a file's bytes, read through its handle: what {@code --verify} compares. */
final class Checksums {
  private static final int CHUNK = 1 << 20;
  private static final ThreadLocal<ByteBuffer> BUFFER =
      ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(CHUNK));

  private Checksums() {}

  /**
   * Returns the CRC32C of the first {@code size} bytes of {@code file} (fewer where it ends
   * first).
   *
   * @param source whether it is the source: its read failures blame the source
   */
  static long crc32c(FileHandle file, long size, boolean source) throws ReadFailure,
      SysException {
    CRC32C crc = new CRC32C();
    ByteBuffer buffer = BUFFER.get();
    long position = 0;
    while (position < size) {
      int n;
      try {
        n = file.read(buffer, 0, (int) Math.min(CHUNK, size - position), position);
      } catch (SysException e) {
        if (source) {
          throw new ReadFailure(e);
        }
        throw e;
      }
      if (n == 0) {
        break;
      }
      crc.update(buffer.clear().limit(n));
      position += n;
    }
    return crc.getValue();
  }
}
