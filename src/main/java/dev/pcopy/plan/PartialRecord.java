package dev.pcopy.plan;

import dev.pcopy.fs.Timestamp;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Optional;

/**
 * The record kept beside a big file's temporary copy: which source it copies (its name, size,
 * modification time, device and inode), the chunk size, and which chunks are done, so that a run
 * stopped or killed halfway leaves a copy the next run can resume instead of starting over.
 *
 * <p>The record is a header followed by one 4-byte chunk number per chunk done, appended as each
 * one lands: a record cut short by a crash loses at most the chunk being noted, and a half-written
 * number is ignored.
 *
 * @param size the source's size
 * @param mtime the source's modification time
 * @param ctime the source's change time: a write that puts the modification time back still
 *     moves it
 * @param dev the source's device
 * @param ino the source's inode
 * @param chunkSize bytes per chunk
 * @param name the entry's name in its directory
 * @param copyIno the inode of the temporary copy the record is of (0 until it is made): a file
 *     put at the copy's name since, even this user's and of the right size, is not it
 * @param done the chunks done
 */
public record PartialRecord(long size, Timestamp mtime, Timestamp ctime, long dev, long ino,
    long chunkSize, byte[] name, long copyIno, BitSet done) {
  /**
   * Version 3 adds the copy's inode, version 2 the change time; an older record reads as none,
   * and its copy starts over.
   */
  private static final byte[] MAGIC = "PCOPY-PART-3\n".getBytes(StandardCharsets.US_ASCII);
  private static final int FIXED = MAGIC.length + 8 + 8 + 4 + 8 + 4 + 8 + 8 + 8 + 8 + 4;

  /** The record of a copy not yet begun: no chunk done. */
  public static PartialRecord begun(long size, Timestamp mtime, Timestamp ctime, long dev,
      long ino, long chunkSize, byte[] name) {
    return new PartialRecord(size, mtime, ctime, dev, ino, chunkSize, name, 0, new BitSet());
  }

  /** This record, of the temporary copy of inode {@code ino}. */
  public PartialRecord withCopy(long ino) {
    return new PartialRecord(size, mtime, ctime, dev, this.ino, chunkSize, name, ino, done);
  }

  /** The record's header: everything but the chunks done. */
  public byte[] header() {
    ByteBuffer b = ByteBuffer.allocate(FIXED + name.length);
    b.put(MAGIC).putLong(size).putLong(mtime.seconds()).putInt(mtime.nanos())
        .putLong(ctime.seconds()).putInt(ctime.nanos()).putLong(dev)
        .putLong(ino).putLong(copyIno).putLong(chunkSize).putInt(name.length).put(name);
    return b.array();
  }

  /** What is appended when chunk {@code chunk} is done. */
  public static byte[] entry(int chunk) {
    return ByteBuffer.allocate(4).putInt(chunk).array();
  }

  /** Reads a record; empty unless it is one, whole in its header. */
  public static Optional<PartialRecord> parse(byte[] bytes) {
    if (bytes.length < FIXED || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      return Optional.empty();
    }
    ByteBuffer b = ByteBuffer.wrap(bytes, MAGIC.length, bytes.length - MAGIC.length);
    long size = b.getLong();
    long seconds = b.getLong();
    int nanos = b.getInt();
    long changeSeconds = b.getLong();
    int changeNanos = b.getInt();
    long dev = b.getLong();
    long ino = b.getLong();
    long copyIno = b.getLong();
    long chunkSize = b.getLong();
    int nameLength = b.getInt();
    // Chunks an int cannot number are no record pcopy writes: refused, not counted wrong.
    if (size < 0 || chunkSize <= 0 || nanos < 0 || nanos > 999_999_999 || changeNanos < 0
        || changeNanos > 999_999_999 || nameLength <= 0
        || nameLength > b.remaining() || chunkCount(size, chunkSize) > Integer.MAX_VALUE) {
      return Optional.empty();
    }
    byte[] name = new byte[nameLength];
    b.get(name);
    int chunks = chunks(size, chunkSize);
    BitSet done = new BitSet(chunks);
    while (b.remaining() >= 4) {
      int chunk = b.getInt();
      if (chunk >= 0 && chunk < chunks) {
        done.set(chunk);
      }
    }
    return Optional.of(new PartialRecord(size, new Timestamp(seconds, nanos),
        new Timestamp(changeSeconds, changeNanos), dev, ino, chunkSize, name, copyIno, done));
  }

  /** The number of chunks a file of {@code size} bytes has in chunks of {@code chunkSize}. */
  public static int chunks(long size, long chunkSize) {
    return (int) chunkCount(size, chunkSize);
  }

  /** The number of chunks, without the overflow of {@code size + chunkSize - 1}. */
  private static long chunkCount(long size, long chunkSize) {
    return size == 0 ? 1 : (size - 1) / chunkSize + 1;
  }

  /** The number of chunks of this file. */
  public int chunks() {
    return chunks(size, chunkSize);
  }

  /** Where chunk {@code chunk} starts. */
  public long offset(int chunk) {
    return chunk * chunkSize;
  }

  /** The bytes of chunk {@code chunk}: the last may be shorter. */
  public long length(int chunk) {
    return Math.min(chunkSize, size - offset(chunk));
  }

  /** The bytes still to copy: those of the chunks not done. */
  public long remainingBytes() {
    long done = 0;
    for (int c = this.done.nextSetBit(0); c >= 0; c = this.done.nextSetBit(c + 1)) {
      done += length(c);
    }
    return size - done;
  }

  /** Whether the record is of a file of these bytes, this name, this time and this identity. */
  public boolean matches(byte[] sourceName, long sourceSize, Timestamp sourceMtime,
      Timestamp sourceCtime, long sourceDev, long sourceIno) {
    return Arrays.equals(name, sourceName) && size == sourceSize && mtime.same(sourceMtime)
        && ctime.same(sourceCtime) && dev == sourceDev && ino == sourceIno;
  }
}
