package dev.pcopy.copy;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * The kernel copy call into a destination that takes only so many bytes and then refuses more,
 * for tests: a short count, then the given reason on the next call, as a file system that fills
 * up answers ("No space left on device") or one that is remounted read-only after an error
 * ("Read-only file system"). Used by one worker thread only.
 */
final class LimitedRoom implements FileCopier.Transfer {
  private final String refusal;
  private long room;

  LimitedRoom(long room, String refusal) {
    if (room < 0) {
      throw new IllegalArgumentException("room (" + room + ") must not be negative");
    }
    this.room = room;
    this.refusal = refusal;
  }

  @Override
  public long transfer(FileChannel in, long position, long count, FileChannel out)
      throws IOException {
    if (room == 0) {
      // The kernel reads before it writes: at the end of the source there is nothing to refuse.
      if (position >= in.size()) {
        return 0;
      }
      throw new IOException(refusal);
    }
    long n = in.transferTo(position, Math.min(count, room), out);
    room -= n;
    return n;
  }
}
