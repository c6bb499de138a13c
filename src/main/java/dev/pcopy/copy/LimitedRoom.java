package dev.pcopy.copy;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * The kernel copy call into a destination with room for only so many bytes, answering as a full
 * file system does once they are used: a short count, then "No space left on device" on the next
 * call. Used by one worker thread only.
 */
final class LimitedRoom implements FileCopier.Transfer {
  private long room;

  LimitedRoom(long room) {
    if (room < 0) {
      throw new IllegalArgumentException("room (" + room + ") must not be negative");
    }
    this.room = room;
  }

  @Override
  public long transfer(FileChannel in, long position, long count, FileChannel out)
      throws IOException {
    if (room == 0) {
      // The kernel reads before it writes: at the end of the source there is nothing to refuse.
      if (position >= in.size()) {
        return 0;
      }
      throw new IOException("No space left on device");
    }
    long n = in.transferTo(position, Math.min(count, room), out);
    room -= n;
    return n;
  }
}
