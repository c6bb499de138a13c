package dev.pcopy.plan;

import static dev.pcopy.testing.Raw.b;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.fs.Timestamp;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The record of a partly copied big file: what a run writes (the header, then a number per chunk
 * done) is what the next run reads back; a record cut short by a crash loses at most the number
 * being written; anything that is not a whole header of sane numbers is no record at all, never
 * an exception; and the chunks' offsets, lengths and the bytes left follow from size and chunk
 * size.
 */
class PartialRecordTest {
  private static final Timestamp MTIME = new Timestamp(1_700_000_000L, 123_456_789);
  private static final long MIB = 1L << 20;
  /** Offset of the size, right after the 13-byte magic line. */
  private static final int SIZE_AT = 13;
  private static final int NANOS_AT = SIZE_AT + 8 + 8;
  private static final int CHANGE_NANOS_AT = NANOS_AT + 4 + 8;
  /** After the source's device and inode, and the copy's inode. */
  private static final int CHUNK_SIZE_AT = CHANGE_NANOS_AT + 4 + 8 + 8 + 8;
  private static final int NAME_LENGTH_AT = CHUNK_SIZE_AT + 8;

  private static PartialRecord begun(long size, long chunkSize) {
    return PartialRecord.begun(size, MTIME, MTIME, 66306, 1234567, chunkSize, b("big.iso"));
  }

  private static byte[] written(PartialRecord record, int... chunksDone) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(record.header());
    for (int c : chunksDone) {
      out.writeBytes(PartialRecord.entry(c));
    }
    return out.toByteArray();
  }

  private static BitSet bits(int... set) {
    BitSet b = new BitSet();
    for (int i : set) {
      b.set(i);
    }
    return b;
  }

  @Test
  void parse_readsBackWhatWasWritten_headerAndChunksDone() {
    PartialRecord record = begun(300 * MIB, 64 * MIB);

    PartialRecord back = PartialRecord.parse(written(record, 3, 0, 4)).orElseThrow();

    assertEquals(300 * MIB, back.size());
    assertEquals(MTIME, back.mtime());
    assertEquals(66306, back.dev());
    assertEquals(1234567, back.ino());
    assertEquals(64 * MIB, back.chunkSize());
    assertArrayEquals(b("big.iso"), back.name());
    assertEquals(bits(0, 3, 4), back.done());
  }

  @Test
  void parse_ofAHeaderAlone_hasNoChunkDone() {
    PartialRecord back = PartialRecord.parse(begun(200 * MIB, 64 * MIB).header()).orElseThrow();

    assertTrue(back.done().isEmpty());
    assertEquals(200 * MIB, back.remainingBytes());
  }

  @Test
  void parse_ignoresAChunkNumberCutShort_byACrashWhileItWasWritten() {
    byte[] bytes = written(begun(300 * MIB, 64 * MIB), 1, 2);

    for (int cut = 1; cut <= 3; cut++) {
      byte[] shorter = java.util.Arrays.copyOf(bytes, bytes.length - cut);
      assertEquals(bits(1), PartialRecord.parse(shorter).orElseThrow().done(), "cut " + cut);
    }
  }

  @Test
  void parse_ignoresChunkNumbersOutsideTheFile_andRepeatsAreOne() {
    byte[] bytes = written(begun(300 * MIB, 64 * MIB), 2, 5, -1, 2, Integer.MAX_VALUE);

    assertEquals(bits(2), PartialRecord.parse(bytes).orElseThrow().done());
  }

  @Test
  void parse_refusesABadMagic_andAnythingShorterThanTheHeader() {
    byte[] header = begun(300 * MIB, 64 * MIB).header();
    byte[] badMagic = header.clone();
    badMagic[6] = 'X';
    byte[] otherVersion = header.clone();
    // Version 1, without the change time: its copy starts over.
    otherVersion[11] = '1';

    assertEquals(Optional.empty(), PartialRecord.parse(badMagic));
    assertEquals(Optional.empty(), PartialRecord.parse(otherVersion));
    assertEquals(Optional.empty(), PartialRecord.parse(new byte[0]));
    assertEquals(Optional.empty(), PartialRecord.parse(b("PCOPY-PART-2\n")));
    byte[] version2 = begun(300 * MIB, 64 * MIB).header();
    version2[11] = '2';
    assertEquals(Optional.empty(), PartialRecord.parse(version2), "a record without the copy");
    assertEquals(Optional.empty(), PartialRecord.parse(
        java.util.Arrays.copyOf(header, header.length - 1)), "the name is cut short");
  }

  @Test
  void parse_refusesNameLengthsThatAreZeroNegativeOrLongerThanWhatFollows() {
    for (int length : new int[] {0, -1, Integer.MIN_VALUE, 8, Integer.MAX_VALUE}) {
      byte[] bytes = begun(300 * MIB, 64 * MIB).header();
      ByteBuffer.wrap(bytes).putInt(NAME_LENGTH_AT, length);

      assertEquals(Optional.empty(), PartialRecord.parse(bytes), "name length " + length);
    }
  }

  @Test
  void parse_refusesANegativeSize_aChunkSizeNotAboveZero_andNanosecondsOutOfRange() {
    assertEquals(Optional.empty(), PartialRecord.parse(patchedLong(SIZE_AT, -1)));
    assertEquals(Optional.empty(), PartialRecord.parse(patchedLong(CHUNK_SIZE_AT, 0)));
    assertEquals(Optional.empty(), PartialRecord.parse(patchedLong(CHUNK_SIZE_AT, -64 * MIB)));
    for (int nanos : new int[] {-1, 1_000_000_000}) {
      byte[] bytes = begun(300 * MIB, 64 * MIB).header();
      ByteBuffer.wrap(bytes).putInt(NANOS_AT, nanos);
      assertEquals(Optional.empty(), PartialRecord.parse(bytes), "nanoseconds " + nanos);
      byte[] change = begun(300 * MIB, 64 * MIB).header();
      ByteBuffer.wrap(change).putInt(CHANGE_NANOS_AT, nanos);
      assertEquals(Optional.empty(), PartialRecord.parse(change), "change nanoseconds " + nanos);
    }
  }

  /**
   * A record is read from a file anyone with this user's rights may have written: a size and
   * chunk size whose chunks an int cannot count are refused, not an exception that ends the walk
   * (nor a bit set of billions of bits).
   */
  @Test
  void parse_refusesMoreChunksThanAnIntCounts_insteadOfThrowing() {
    for (long[] sizes : new long[][] {{Long.MAX_VALUE, 1}, {Long.MAX_VALUE, 2},
        {1L << 40, 1}, {(1L << 31) + 7, 1}}) {
      byte[] bytes = begun(sizes[0], sizes[1]).header();

      assertEquals(Optional.empty(), PartialRecord.parse(bytes),
          sizes[0] + " bytes in chunks of " + sizes[1]);
    }
  }

  @Test
  void parse_acceptsATerabyteFileInChunksOfTheRealSize() {
    long size = (1L << 40) + 1;
    PartialRecord back = PartialRecord.parse(written(begun(size, Chunks.SIZE), 16384))
        .orElseThrow();

    assertEquals(16385, back.chunks());
    assertEquals(1, back.length(16384));
    assertEquals(size - 1, back.remainingBytes());
  }

  @Test
  void chunks_countsTheLastPartOne_andAnEmptyFileHasOne() {
    assertEquals(1, PartialRecord.chunks(0, 64 * MIB));
    assertEquals(1, PartialRecord.chunks(1, 64 * MIB));
    assertEquals(1, PartialRecord.chunks(64 * MIB, 64 * MIB));
    assertEquals(2, PartialRecord.chunks(64 * MIB + 1, 64 * MIB));
    assertEquals(5, begun(300 * MIB, 64 * MIB).chunks());
    assertEquals(2, begun(128 * MIB, 64 * MIB).chunks());
  }

  @Test
  void offsetAndLength_tileTheFile_theLastChunkShorter() {
    PartialRecord record = begun(300 * MIB + 5, 64 * MIB);

    assertEquals(5, record.chunks());
    assertEquals(0, record.offset(0));
    assertEquals(64 * MIB, record.length(0));
    assertEquals(128 * MIB, record.offset(2));
    assertEquals(256 * MIB, record.offset(4));
    assertEquals(44 * MIB + 5, record.length(4));
    long covered = 0;
    for (int c = 0; c < record.chunks(); c++) {
      assertEquals(covered, record.offset(c), "chunk " + c + " starts where the last ended");
      covered += record.length(c);
    }
    assertEquals(record.size(), covered);
  }

  @Test
  void offsetAndLength_ofAFileOfWholeChunks_endWithAFullChunk() {
    PartialRecord record = begun(256 * MIB, 64 * MIB);

    assertEquals(4, record.chunks());
    assertEquals(64 * MIB, record.length(3));
    assertEquals(192 * MIB, record.offset(3));
  }

  @Test
  void remainingBytes_leavesOutTheChunksDone_theShortLastOneByItsLength() {
    PartialRecord record = PartialRecord.parse(written(begun(300 * MIB, 64 * MIB), 0, 4))
        .orElseThrow();

    assertEquals(300 * MIB - 64 * MIB - 44 * MIB, record.remainingBytes());
    PartialRecord all = PartialRecord.parse(written(begun(300 * MIB, 64 * MIB), 0, 1, 2, 3, 4))
        .orElseThrow();
    assertEquals(0, all.remainingBytes());
  }

  @Test
  void matches_onlyTheSameNameSizeTimeDeviceAndInode() {
    PartialRecord r = begun(300 * MIB, 64 * MIB);
    Timestamp otherNanos = new Timestamp(MTIME.seconds(), MTIME.nanos() + 1);

    assertTrue(r.matches(b("big.iso"), 300 * MIB, MTIME, MTIME, 66306, 1234567));
    List<Boolean> others = List.of(
        r.matches(b("big.is0"), 300 * MIB, MTIME, MTIME, 66306, 1234567),
        r.matches(b("big.iso"), 300 * MIB + 1, MTIME, MTIME, 66306, 1234567),
        r.matches(b("big.iso"), 300 * MIB, otherNanos, MTIME, 66306, 1234567),
        r.matches(b("big.iso"), 300 * MIB, MTIME, otherNanos, 66306, 1234567),
        r.matches(b("big.iso"), 300 * MIB, MTIME, MTIME, 66307, 1234567),
        r.matches(b("big.iso"), 300 * MIB, MTIME, MTIME, 66306, 1234568));
    assertFalse(others.contains(true), others.toString());
  }

  @Test
  void entry_isTheChunkNumberInFourBigEndianBytes() {
    assertArrayEquals(new byte[] {0, 0, 1, 2}, PartialRecord.entry(258));
  }

  private static byte[] patchedLong(int at, long value) {
    byte[] bytes = begun(300 * MIB, 64 * MIB).header();
    ByteBuffer.wrap(bytes).putLong(at, value);
    return bytes;
  }
}
