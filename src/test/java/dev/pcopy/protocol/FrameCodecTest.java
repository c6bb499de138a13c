package dev.pcopy.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.plan.CopyTask;
import dev.pcopy.plan.FileOp;
import dev.pcopy.plan.OpKind;
import dev.pcopy.plan.Owner;
import dev.pcopy.protocol.Message.Assign;
import dev.pcopy.protocol.Message.Configure;
import dev.pcopy.protocol.Message.Done;
import dev.pcopy.protocol.Message.Hello;
import dev.pcopy.protocol.Message.OpResult;
import dev.pcopy.protocol.Message.Progress;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameCodecTest {
  private static final Instant NANOS = Instant.ofEpochSecond(1_700_000_000L, 123_456_789);
  private static final Instant BEFORE_1970 = Instant.ofEpochSecond(-1_234_567_890L, 999_999_999);

  @Test
  void roundTrip_configure() throws IOException {
    assertRoundTrip(
        new Configure(FrameCodec.VERSION, "run-\u00e9 42", true, 8L << 20, 250, 5L << 30,
            "Read-only file system"));
    assertRoundTrip(new Configure(7, "", false, 1, 0, -1, ""));
  }

  @Test
  void roundTrip_assign_keepsOwnerAndGroup() throws IOException {
    FileOp op = new FileOp(7, OpKind.FILE, Path.of("/s/a"), Path.of("/d/a"), 3, 04755, NANOS,
        NANOS, null, true, new Owner(65534, 1234));

    Assign decoded = (Assign) read(encode(new Assign(new CopyTask(1, List.of(op), 0))));

    assertEquals(new Owner(65534, 1234), decoded.task().ops().get(0).owner());
    assertEquals(op, decoded.task().ops().get(0));
  }

  @Test
  void roundTrip_hello() throws IOException {
    assertRoundTrip(new Hello(FrameCodec.VERSION, 4_194_304L));
  }

  @Test
  void roundTrip_progress() throws IOException {
    assertRoundTrip(new Progress(-3, Long.MAX_VALUE));
  }

  @Test
  void roundTrip_doneWithEveryStatus() throws IOException {
    assertRoundTrip(new Done(12, List.of(
        OpResult.copied(1L << 40),
        OpResult.skipped(),
        OpResult.failed("Permission denied \u2014 \u65e5\u672c"),
        OpResult.failedWriting("Read-only file system"),
        OpResult.targetRefusesWrites("No space left on device"))));
    assertRoundTrip(new Done(13, List.of()));
  }

  @Test
  void roundTrip_assignWithFilesAndLinks() throws IOException {
    CopyTask task = new CopyTask(99, List.of(
        file(1, "/src/plain.txt", "/dst/plain.txt"),
        new FileOp(2, OpKind.SYMLINK, Path.of("/src/l"), Path.of("/dst/l"), 0, 0777, NANOS,
            BEFORE_1970, Path.of("../target dir/x"))), 2);

    assertRoundTrip(new Assign(task));
  }

  @Test
  void roundTrip_keepsPathBytesThatAreNotUtf8() throws IOException {
    byte[] source = concat("/src/bad-", new byte[] {(byte) 0xff, (byte) 0xfe}, ".bin");
    byte[] target = concat("/dst/lone-", new byte[] {(byte) 0x80}, "");
    byte[] link = concat("../", new byte[] {(byte) 0xe9, (byte) 0x80}, "\n%2F odd");
    FileOp op = new FileOp(5, OpKind.SYMLINK, RawPaths.fromBytes(source),
        RawPaths.fromBytes(target), 0, 0755, NANOS, NANOS, RawPaths.fromBytes(link));

    FileOp decoded = ((Assign) roundTrip(new Assign(new CopyTask(1, List.of(op), 0))))
        .task().ops().get(0);

    assertArrayEquals(source, RawPaths.toBytes(decoded.source()));
    assertArrayEquals(target, RawPaths.toBytes(decoded.target()));
    assertArrayEquals(link, RawPaths.toBytes(decoded.linkTarget()));
    assertEquals(op, decoded);
  }

  @Test
  void roundTrip_keepsNewlinesInNames() throws IOException {
    FileOp op = file(3, "/src/line\nbreak\r\n", "/dst/line\nbreak\r\n");

    assertRoundTrip(new Assign(new CopyTask(4, List.of(op), 0)));
  }

  @Test
  void roundTrip_keepsNanosecondsNegativeEpochSecondsAndSpecialModeBits() throws IOException {
    FileOp op = new FileOp(Long.MAX_VALUE, OpKind.FILE, Path.of("/s"), Path.of("/d"),
        Long.MAX_VALUE, 07777, BEFORE_1970, Instant.ofEpochSecond(-1, 1), null);

    FileOp decoded = ((Assign) roundTrip(new Assign(new CopyTask(7, List.of(op), 0))))
        .task().ops().get(0);

    assertEquals(BEFORE_1970, decoded.mtime());
    assertEquals(Instant.ofEpochSecond(-1, 1), decoded.atime());
    assertEquals(07777, decoded.mode());
    assertEquals(op, decoded);
  }

  @Test
  void read_returnsFramesInOrderThenNullAtACleanEnd() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FrameCodec.write(out, new Hello(1, 2));
    FrameCodec.write(out, new Progress(3, 4));
    ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());

    assertEquals(new Hello(1, 2), FrameCodec.read(in));
    assertEquals(new Progress(3, 4), FrameCodec.read(in));
    assertNull(FrameCodec.read(in));
  }

  @Test
  void read_rejectsAStreamEndingInsideTheLengthPrefix() {
    assertThrows(EOFException.class, () -> read(new byte[] {0, 0}));
  }

  @Test
  void read_rejectsAStreamEndingInsideThePayload() throws IOException {
    byte[] frame = encode(new Done(1, List.of(OpResult.copied(5))));

    assertThrows(EOFException.class, () -> read(Arrays.copyOf(frame, frame.length - 1)));
  }

  @Test
  void read_rejectsAPayloadShorterThanItsTypeNeeds() throws IOException {
    // A Hello needs 12 bytes after its type; the length prefix honestly says 5.
    byte[] frame = frame(bytes -> {
      bytes.writeByte(2);
      bytes.writeInt(1);
    });

    ProtocolException e = assertThrows(ProtocolException.class, () -> read(frame));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
  }

  @Test
  void read_rejectsOversizedZeroAndNegativeLengths() {
    for (int length : new int[] {FrameCodec.MAX_FRAME_BYTES + 1, 0, -1, Integer.MIN_VALUE}) {
      byte[] header = {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8),
          (byte) length, 2, 0, 0, 0};
      ProtocolException e = assertThrows(ProtocolException.class, () -> read(header),
          "length " + length);
      assertTrue(e.getMessage().contains("frame length " + length), e.getMessage());
    }
  }

  @Test
  void read_rejectsAnUnknownType() {
    ProtocolException e = assertThrows(ProtocolException.class,
        () -> read(frame(bytes -> bytes.writeByte(99))));
    assertTrue(e.getMessage().contains("unknown frame type 99"), e.getMessage());
  }

  @Test
  void read_rejectsTrailingBytes() {
    byte[] frame = frame(bytes -> {
      bytes.writeByte(4);
      bytes.writeLong(1);
      bytes.writeLong(2);
      bytes.writeByte(0);
    });

    ProtocolException e = assertThrows(ProtocolException.class, () -> read(frame));
    assertTrue(e.getMessage().contains("1 trailing bytes"), e.getMessage());
  }

  @Test
  void read_rejectsAnUnknownResultStatus() {
    byte[] frame = frame(bytes -> {
      bytes.writeByte(5);
      bytes.writeLong(1);
      bytes.writeInt(1);
      bytes.writeByte(Message.Status.values().length);
      bytes.writeLong(0);
      bytes.writeInt(0);
    });

    assertThrows(ProtocolException.class, () -> read(frame));
  }

  @Test
  void read_rejectsATaskWithoutEntries() {
    byte[] frame = frame(bytes -> {
      bytes.writeByte(3);
      bytes.writeLong(1);
      bytes.writeInt(0);
      bytes.writeInt(0);
    });

    ProtocolException e = assertThrows(ProtocolException.class, () -> read(frame));
    assertTrue(e.getMessage().contains("no entries"), e.getMessage());
  }

  @Test
  void read_rejectsNanosecondsOutOfRange() throws IOException {
    byte[] frame = encode(new Assign(new CopyTask(1, List.of(file(1, "/a", "/b")), 0)));
    // mtime's nanoseconds follow kind(1) new-directory flag(1) seq(8) source(4+2) target(4+2)
    // size(8) mode(2) secs(8).
    int nanosAt = 4 + 1 + 8 + 4 + 4 + 1 + 1 + 8 + 6 + 6 + 8 + 2 + 8;
    frame[nanosAt] = 0x7f;

    ProtocolException e = assertThrows(ProtocolException.class, () -> read(frame));
    assertTrue(e.getMessage().contains("nanoseconds"), e.getMessage());
  }

  @Test
  void read_rejectsAPathWithANulByte() {
    byte[] frame = frame(bytes -> {
      bytes.writeByte(3);
      bytes.writeLong(1);
      bytes.writeInt(0);
      bytes.writeInt(1);
      bytes.writeByte(OpKind.FILE.ordinal());
      bytes.writeBoolean(false);
      bytes.writeLong(1);
      bytes.writeInt(3);
      bytes.write(new byte[] {'/', 0, 'x'});
    });

    ProtocolException e = assertThrows(ProtocolException.class, () -> read(frame));
    assertTrue(e.getMessage().startsWith("bad path"), e.getMessage());
  }

  @Test
  void write_refusesAFrameOverTheMaximum() {
    String huge = "x".repeat(FrameCodec.MAX_FRAME_BYTES);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    assertThrows(ProtocolException.class,
        () -> FrameCodec.write(out, new Configure(1, huge, false, 1, 0, -1, "")));
    assertEquals(0, out.size(), "nothing may be written for a refused frame");
  }

  private static void assertRoundTrip(Message message) throws IOException {
    assertEquals(message, roundTrip(message));
  }

  private static Message roundTrip(Message message) throws IOException {
    return read(encode(message));
  }

  private static byte[] encode(Message message) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FrameCodec.write(out, message);
    return out.toByteArray();
  }

  private static Message read(byte[] bytes) throws IOException {
    ByteArrayInputStream in = new ByteArrayInputStream(bytes);
    Message message = FrameCodec.read(in);
    assertEquals(0, in.available(), "the reader must consume exactly one frame");
    return message;
  }

  /** Body of a frame, written by a test. */
  private interface Body {
    void write(DataOutputStream out) throws IOException;
  }

  /** Builds a frame with an honest length prefix around whatever {@code body} writes. */
  private static byte[] frame(Body body) {
    try {
      ByteArrayOutputStream payload = new ByteArrayOutputStream();
      body.write(new DataOutputStream(payload));
      ByteArrayOutputStream frame = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(frame);
      out.writeInt(payload.size());
      payload.writeTo(out);
      return frame.toByteArray();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static FileOp file(long seq, String source, String target) {
    return new FileOp(seq, OpKind.FILE, Path.of(source), Path.of(target), 1234, 0640, NANOS,
        BEFORE_1970, null);
  }

  private static byte[] concat(String head, byte[] middle, String tail) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
    out.writeBytes(middle);
    out.writeBytes(tail.getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }
}
