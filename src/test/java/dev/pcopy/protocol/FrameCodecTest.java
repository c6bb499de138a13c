package dev.pcopy.protocol;

import static dev.pcopy.testing.Raw.b;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.fs.Stat;
import dev.pcopy.fs.Timestamp;
import dev.pcopy.plan.Action.CommitFile;
import dev.pcopy.plan.Action.FixMetadata;
import dev.pcopy.plan.Action.HardLink;
import dev.pcopy.plan.Action.WorkerAction;
import dev.pcopy.plan.Action.WriteChunk;
import dev.pcopy.plan.Action.WriteFile;
import dev.pcopy.plan.Action.WriteLink;
import dev.pcopy.plan.Action.WriteSpecial;
import dev.pcopy.plan.Meta;
import dev.pcopy.plan.Outcome;
import dev.pcopy.plan.Task;
import dev.pcopy.protocol.Message.Assign;
import dev.pcopy.protocol.Message.Configure;
import dev.pcopy.protocol.Message.Done;
import dev.pcopy.protocol.Message.Hello;
import dev.pcopy.protocol.Message.Progress;
import dev.pcopy.protocol.Message.WorkerOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every message and every kind of worker action survives a frame's round trip byte for byte
 * (names that are not UTF-8, times before 1970, set-id bits), and a frame that is truncated,
 * oversized or of an unknown type is refused instead of misread.
 *
 * <p>Messages hold byte arrays, which records compare by identity, so a round trip is checked
 * by re-encoding what was decoded: the two encodings must be the same bytes.
 */
class FrameCodecTest {
  private static final Timestamp NANOS = new Timestamp(1_700_000_000L, 123_456_789);
  private static final Timestamp BEFORE_1970 = new Timestamp(-1_234_567_890L, 999_999_999);
  private static final Meta META = new Meta(04755, 65534, 1234, BEFORE_1970, NANOS);
  private static final byte[] NOT_UTF8 = {'b', 'a', 'd', (byte) 0xff, (byte) 0xfe, '\n', 'x'};

  @Test
  void roundTrip_configure_keepsRawPathsIdentitiesAndOptions() throws IOException {
    Configure c = new Configure(FrameCodec.VERSION, "00q8x_1kz3m_0a9ffk2t_58q",
        concat(b("/src/"), NOT_UTF8), 66306, 1L << 40, b("/dst/\u00e9t\u00e9"), -1, 7,
        new WorkerOptions(true, true, false, true, false, 8L << 20, 250));

    Configure back = assertInstanceOf(Configure.class, roundTrip(c));

    assertArrayEquals(c.source(), back.source());
    assertArrayEquals(c.target(), back.target());
    assertEquals(c.options(), back.options());
    assertEquals(List.of(c.version(), c.runId(), c.sourceDev(), c.sourceIno(), c.targetDev(),
        c.targetIno()), List.of(back.version(), back.runId(), back.sourceDev(),
        back.sourceIno(), back.targetDev(), back.targetIno()));
    assertRoundTrip(new Configure(7, "", new byte[0], 0, 0, new byte[0], 0, 0,
        new WorkerOptions(false, false, true, false, false, 1, 0)));
  }

  @Test
  void roundTrip_hello() throws IOException {
    assertEquals(new Hello(FrameCodec.VERSION, 4_194_304L),
        roundTrip(new Hello(FrameCodec.VERSION, 4_194_304L)));
  }

  @Test
  void roundTrip_progress_carriesTheActionIndex() throws IOException {
    assertEquals(new Progress(-3, 17, Long.MAX_VALUE), roundTrip(new Progress(-3, 17,
        Long.MAX_VALUE)));
  }

  @Test
  void roundTrip_doneWithEveryStatus_nothingKept_andATemporaryFileLeft() throws IOException {
    Done done = new Done(12, List.of(
        Outcome.done(1L << 40),
        Outcome.doneWithout(3, "extended attribute user.x: Operation not supported"),
        Outcome.failed("Permission denied \u2014 \u65e5\u672c"),
        Outcome.failedWriting("Read-only file system"),
        Outcome.failedWriting("Operation not permitted").leaving("Operation not permitted"),
        Outcome.targetRefusesWrites("No space left on device")));

    assertEquals(done, roundTrip(done));
    assertEquals(Outcome.Status.values().length,
        done.outcomes().stream().map(Outcome::status).distinct().count(), "a status is missing");
    assertEquals(new Done(13, List.of()), roundTrip(new Done(13, List.of())));
  }

  @Test
  void roundTrip_assign_everyKindOfWorkerAction() throws IOException {
    List<WorkerAction> actions = List.of(
        new WriteFile(b("a/b"), b("plain.txt"), b("plain.txt"), 1, 1234, META, false),
        new WriteLink(b(""), b("l"), 2, b("../target dir/x"), META, true),
        new WriteSpecial(b("d"), b("fifo"), 3, Stat.Kind.FIFO, 0, META, true),
        new WriteSpecial(b("d"), b("disk"), 4, Stat.Kind.BLOCK_DEVICE, 0x0803, META, false),
        new HardLink(b("d"), b("second"), 5, Stat.Kind.FILE, b(""), b("first")),
        new FixMetadata(b("d"), b("f"), b("original"), 6, Stat.Kind.FILE, 0640, -1, 50, null,
            null, 123456789L, 66306, 0, false),
        new FixMetadata(b("d"), b("l"), b("l"), 7, Stat.Kind.SYMLINK, -1, 0, 0, null, null, 1,
            2, 0, true),
        new HardLink(b("d"), b("l2"), 8, Stat.Kind.SYMLINK, b(""), b("l")));
    Task task = new Task(99, actions, 2);

    Task back = assertInstanceOf(Assign.class, roundTrip(new Assign(task))).task();

    assertEquals(99, back.id());
    assertEquals(2, back.attempt());
    assertEquals(actions.size(), back.actions().size());
    for (int i = 0; i < actions.size(); i++) {
      assertEquals(actions.get(i).getClass(), back.actions().get(i).getClass(), "action " + i);
      assertArrayEquals(encode(new Assign(new Task(1, List.of(actions.get(i)), 0))),
          encode(new Assign(new Task(1, List.of(back.actions().get(i)), 0))), "action " + i);
    }
    FixMetadata fix = (FixMetadata) back.actions().get(5);
    assertEquals(List.of(0640, -1, 50, 123456789L, 66306L),
        List.of(fix.mode(), fix.uid(), fix.gid(), fix.ino(), fix.dev()));
    assertArrayEquals(b("original"), fix.sourceName());
    assertArrayEquals(b("l"), ((FixMetadata) back.actions().get(6)).sourceName());
    assertEquals(0x0803, ((WriteSpecial) back.actions().get(3)).rdev());
    assertEquals(Stat.Kind.BLOCK_DEVICE, ((WriteSpecial) back.actions().get(3)).kind());
    assertTrue(((WriteLink) back.actions().get(1)).anchor(), "a link its hard links wait for");
    assertTrue(((WriteSpecial) back.actions().get(2)).anchor(), "a FIFO likewise");
    assertEquals(Stat.Kind.SYMLINK, ((HardLink) back.actions().get(7)).kind());
    assertTrue(((FixMetadata) back.actions().get(6)).anchor(), "a fix its hard links wait for");
  }

  @Test
  void roundTrip_writeChunkAndCommitFile_keepEveryField() throws IOException {
    WriteChunk chunk = new WriteChunk(b("a/b"), b("copy.iso"), b("big.iso"), 7,
        b(".pcopy-run-7.tmp"), 3L << 26, 1L << 26, 5L << 30, 123456789L, 66306);
    CommitFile commit = new CommitFile(b("a/b"), b("big.iso"), b("big.iso"), 7,
        b(".pcopy-run-7.tmp"), 5L << 30, META, 123456789L, 66306);

    List<WorkerAction> back = ((Assign) roundTrip(new Assign(new Task(4, List.of(chunk, commit),
        1)))).task().actions();

    WriteChunk c = assertInstanceOf(WriteChunk.class, back.get(0));
    assertArrayEquals(b("a/b"), c.dir());
    assertArrayEquals(b("copy.iso"), c.name());
    assertArrayEquals(b("big.iso"), c.sourceName());
    assertArrayEquals(b(".pcopy-run-7.tmp"), c.temp());
    assertEquals(List.of(7L, 3L << 26, 1L << 26, 5L << 30, 123456789L, 66306L),
        List.of(c.seq(), c.offset(), c.length(), c.fileSize(), c.ino(), c.dev()));
    CommitFile f = assertInstanceOf(CommitFile.class, back.get(1));
    assertArrayEquals(b("big.iso"), f.name());
    assertArrayEquals(b("big.iso"), f.sourceName(), "a source name like the name comes back");
    assertArrayEquals(b(".pcopy-run-7.tmp"), f.temp());
    assertEquals(META, f.meta());
    assertEquals(List.of(7L, 5L << 30, 123456789L, 66306L),
        List.of(f.seq(), f.size(), f.ino(), f.dev()));
  }

  /**
   * A chunk's or commit's temporary name is one component, as an entry's: a name such as
   * {@code ../x} would have a worker write a source's bytes, or rename a file, outside its
   * directory.
   */
  @Test
  void read_rejectsATemporaryNameThatIsNotOneComponent() throws IOException {
    for (String temp : List.of("../x", "a/b", "/etc/passwd", "..", ".", "")) {
      for (WorkerAction a : List.of(
          new WriteChunk(b("d"), b("f"), b("f"), 1, b(temp), 0, 10, 10, 1, 2),
          new CommitFile(b("d"), b("f"), b("f"), 1, b(temp), 10, META, 1, 2))) {
        byte[] frame = encode(new Assign(new Task(1, List.of(a), 0)));

        ProtocolException e = assertThrows(ProtocolException.class, () -> read(frame),
            a.getClass().getSimpleName() + " " + temp);
        assertTrue(e.getMessage().contains("not a file name"), e.getMessage());
      }
    }
  }

  @Test
  void read_rejectsAChunksSourceNameThatIsNotOneComponent() throws IOException {
    byte[] frame = encode(new Assign(new Task(1, List.of(new WriteChunk(b("d"), b("f"),
        b("../secret"), 1, b(".pcopy-r-1.tmp"), 0, 10, 10, 1, 2)), 0)));

    assertThrows(ProtocolException.class, () -> read(frame));
  }

  @Test
  void roundTrip_keepsNamesThatAreNotUtf8_andNewlines() throws IOException {
    byte[] dir = concat(b("d\r\n"), NOT_UTF8);
    byte[] text = concat(b("../"), new byte[] {(byte) 0xe9, (byte) 0x80}, b("\n%2F odd"));
    WriteLink link = new WriteLink(dir, NOT_UTF8, 5, text, META, false);

    WriteLink back = (WriteLink) ((Assign) roundTrip(new Assign(new Task(1, List.of(link), 0))))
        .task().actions().get(0);

    assertArrayEquals(dir, back.dir());
    assertArrayEquals(NOT_UTF8, back.name());
    assertArrayEquals(text, back.text());
  }

  @Test
  void roundTrip_writeFile_keepsASourceNameThatDiffersFromItsName() throws IOException {
    WriteFile renamed = new WriteFile(b(""), b("copy.iso"), b("big.iso"), 1, 10, META, false);
    WriteFile same = new WriteFile(b(""), b("a"), b("a"), 2, 10, META, false);

    WriteFile back = firstAction(renamed);
    WriteFile backSame = firstAction(same);

    assertArrayEquals(b("copy.iso"), back.name());
    assertArrayEquals(b("big.iso"), back.sourceName());
    assertArrayEquals(b("a"), backSame.sourceName());
  }

  @Test
  void roundTrip_keepsNanosecondsNegativeSecondsSetIdBitsAndLargeSizes() throws IOException {
    Meta meta = new Meta(07777, -1, -1, new Timestamp(-1, 1), BEFORE_1970);
    WriteFile f = new WriteFile(b(""), b("s"), b("s"), Long.MAX_VALUE, Long.MAX_VALUE, meta, false);

    WriteFile back = firstAction(f);

    assertEquals(meta, back.meta());
    assertEquals(Long.MAX_VALUE, back.size());
    assertEquals(Long.MAX_VALUE, back.seq());
  }

  @Test
  void read_returnsFramesInOrderThenNullAtACleanEnd() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FrameCodec.write(out, new Hello(1, 2));
    FrameCodec.write(out, new Progress(3, 0, 4));
    ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());

    assertEquals(new Hello(1, 2), FrameCodec.read(in));
    assertEquals(new Progress(3, 0, 4), FrameCodec.read(in));
    assertNull(FrameCodec.read(in));
  }

  @Test
  void read_rejectsAStreamEndingInsideTheLengthPrefix() {
    assertThrows(EOFException.class, () -> read(new byte[] {0, 0}));
  }

  @Test
  void read_rejectsAStreamEndingInsideThePayload() throws IOException {
    byte[] frame = encode(new Done(1, List.of(Outcome.done(5))));

    assertThrows(EOFException.class, () -> read(Arrays.copyOf(frame, frame.length - 1)));
  }

  @Test
  void read_rejectsAPayloadShorterThanItsTypeNeeds() {
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
  void read_rejectsACountLargerThanWhatIsLeftOfTheFrame_beforeAllocatingIt() {
    // A Done claiming two billion outcomes in a frame of 13 bytes.
    byte[] frame = frame(bytes -> {
      bytes.writeByte(5);
      bytes.writeLong(1);
      bytes.writeInt(2_000_000_000);
    });

    ProtocolException e = assertThrows(ProtocolException.class, () -> read(frame));
    assertTrue(e.getMessage().contains("count 2000000000 exceeds"), e.getMessage());
  }

  @Test
  void read_rejectsAnUnknownFrameType() {
    ProtocolException e = assertThrows(ProtocolException.class,
        () -> read(frame(bytes -> bytes.writeByte(99))));
    assertTrue(e.getMessage().contains("unknown frame type 99"), e.getMessage());
  }

  @Test
  void read_rejectsAnUnknownActionType() {
    byte[] frame = frame(bytes -> {
      bytes.writeByte(3);
      bytes.writeLong(1);
      bytes.writeInt(0);
      bytes.writeInt(1);
      bytes.writeByte(77);
      bytes.writeLong(1);
      bytes.writeInt(0);
      bytes.writeInt(1);
      bytes.writeByte('a');
    });

    ProtocolException e = assertThrows(ProtocolException.class, () -> read(frame));
    assertTrue(e.getMessage().contains("unknown action type 77"), e.getMessage());
  }

  @Test
  void read_rejectsAnUnknownEntryKind() throws IOException {
    byte[] frame = encode(new Assign(new Task(1, List.of(new WriteSpecial(b(""), b("p"), 1,
        Stat.Kind.FIFO, 0, META, false)), 0)));
    // The kind byte follows length(4) type(1) task id(8) attempt(4) count(4) action type(1)
    // seq(8) dir(4+0) name(4+1).
    int kindAt = 4 + 1 + 8 + 4 + 4 + 1 + 8 + 4 + 4 + 1;
    frame[kindAt] = 42;

    ProtocolException e = assertThrows(ProtocolException.class, () -> read(frame));
    assertTrue(e.getMessage().contains("unknown entry kind 42"), e.getMessage());
  }

  @Test
  void read_rejectsTrailingBytes() {
    byte[] frame = frame(bytes -> {
      bytes.writeByte(4);
      bytes.writeLong(1);
      bytes.writeInt(0);
      bytes.writeLong(2);
      bytes.writeByte(0);
    });

    ProtocolException e = assertThrows(ProtocolException.class, () -> read(frame));
    assertTrue(e.getMessage().contains("1 trailing bytes"), e.getMessage());
  }

  @Test
  void read_rejectsAnUnknownOutcomeStatus() {
    byte[] frame = frame(bytes -> {
      bytes.writeByte(5);
      bytes.writeLong(1);
      bytes.writeInt(1);
      bytes.writeByte(Outcome.Status.values().length);
      bytes.writeLong(0);
      bytes.writeInt(0);
      bytes.writeInt(0);
    });

    ProtocolException e = assertThrows(ProtocolException.class, () -> read(frame));
    assertTrue(e.getMessage().contains("unknown outcome status"), e.getMessage());
  }

  @Test
  void read_rejectsATaskWithoutActions() {
    byte[] frame = frame(bytes -> {
      bytes.writeByte(3);
      bytes.writeLong(1);
      bytes.writeInt(0);
      bytes.writeInt(0);
    });

    ProtocolException e = assertThrows(ProtocolException.class, () -> read(frame));
    assertTrue(e.getMessage().contains("no actions"), e.getMessage());
  }

  @Test
  void read_rejectsNanosecondsOutOfRange() throws IOException {
    byte[] frame = encode(new Assign(new Task(1, List.of(new WriteLink(b(""), b("l"), 1, b("t"),
        META, false)), 0)));
    // The access time's nanoseconds follow length(4) type(1) id(8) attempt(4) count(4)
    // action type(1) seq(8) dir(4) name(4+1) text(4+1) mode(2) uid(4) gid(4) seconds(8).
    int nanosAt = 4 + 1 + 8 + 4 + 4 + 1 + 8 + 4 + 5 + 5 + 2 + 4 + 4 + 8;
    frame[nanosAt] = 0x7f;

    ProtocolException e = assertThrows(ProtocolException.class, () -> read(frame));
    assertTrue(e.getMessage().contains("nanoseconds"), e.getMessage());
  }

  @Test
  void write_refusesAFrameOverTheMaximum_andWritesNothing() {
    String huge = "x".repeat(FrameCodec.MAX_FRAME_BYTES);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    assertThrows(ProtocolException.class, () -> FrameCodec.write(out, new Configure(1, huge,
        new byte[0], 0, 0, new byte[0], 0, 0, new WorkerOptions(false, false, false, false, false, 1,
        0))));
    assertEquals(0, out.size(), "nothing may be written for a refused frame");
  }

  @Test
  void skipPreamble_returnsWhatCameBeforeIt_andFailsAtAnEndWithoutIt() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(b("JVM warning\n"));
    FrameCodec.writePreamble(out);
    FrameCodec.write(out, new Hello(6, 1));
    ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());

    assertArrayEquals(b("JVM warning\n"), FrameCodec.skipPreamble(in));
    assertEquals(new Hello(6, 1), FrameCodec.read(in));
    assertThrows(EOFException.class,
        () -> FrameCodec.skipPreamble(new ByteArrayInputStream(b("no marker"))));
  }

  private static WriteFile firstAction(WriteFile f) throws IOException {
    return (WriteFile) ((Assign) roundTrip(new Assign(new Task(1, List.of(f), 0)))).task()
        .actions().get(0);
  }

  /** Asserts that {@code message} decodes to something that encodes to the same bytes. */
  private static void assertRoundTrip(Message message) throws IOException {
    assertArrayEquals(encode(message), encode(roundTrip(message)));
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

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
