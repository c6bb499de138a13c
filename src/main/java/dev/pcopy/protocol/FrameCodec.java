package dev.pcopy.protocol;

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
import dev.pcopy.protocol.Message.Status;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes {@link Message}s as frames: a 4-byte big-endian length, then one type byte and the
 * payload. Paths are written as their exact bytes (see {@link RawPaths}).
 *
 * <p>The length prefix lets a reader reject a damaged stream at once instead of misreading it,
 * and bounds what a broken peer can make the other side allocate.
 */
public final class FrameCodec {
  /**
   * Bumped whenever a frame's layout or meaning changes (5: the target-full result became
   * "refuses writes", read-only included; a {@code Done} also ends early when the worker is told
   * to stop mid-task; the test refusal in {@code Configure}); both sides check it in the first
   * frame.
   */
  public static final int VERSION = 5;
  /** Largest frame accepted; a batch of entries with long paths stays far below it. */
  public static final int MAX_FRAME_BYTES = 16 << 20;

  private static final byte CONFIGURE = 1;
  private static final byte HELLO = 2;
  private static final byte ASSIGN = 3;
  private static final byte PROGRESS = 4;
  private static final byte DONE = 5;

  /**
   * Written by a worker before its first frame. The JVM itself may print to stdout before
   * {@code main} runs (a diagnostic option, a class-data-sharing warning); the reader skips
   * everything up to this marker instead of reading it as a frame.
   */
  private static final byte[] PREAMBLE = {0, 'P', 'C', 'O', 'P', 'Y', 0, '\n'};
  /** Most bytes skipped while looking for the preamble. */
  private static final int MAX_CHATTER = 1 << 20;

  private FrameCodec() {}

  /** Writes the marker that starts a worker's frame stream. */
  public static void writePreamble(OutputStream out) throws IOException {
    out.write(PREAMBLE);
  }

  /**
   * Reads up to and including the preamble.
   *
   * @return whatever came before it (normally nothing)
   * @throws ProtocolException if the stream ends or a megabyte passes without it
   */
  public static byte[] skipPreamble(InputStream in) throws IOException {
    ByteArrayOutputStream skipped = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < PREAMBLE.length) {
      int b = in.read();
      if (b < 0) {
        throw new ProtocolException("stream ended before the preamble"
            + (skipped.size() > 0 ? " after: " + skipped.toString(StandardCharsets.UTF_8).strip()
                : ""));
      }
      if (b == (PREAMBLE[matched] & 0xff)) {
        matched++;
      } else {
        skipped.write(PREAMBLE, 0, matched);
        matched = b == PREAMBLE[0] ? 1 : 0;
        if (matched == 0) {
          skipped.write(b);
        }
      }
      if (skipped.size() > MAX_CHATTER) {
        throw new ProtocolException("no preamble in the first " + MAX_CHATTER + " bytes");
      }
    }
    return skipped.toByteArray();
  }

  /** Writes one frame; the caller flushes. */
  public static void write(OutputStream out, Message message) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
    DataOutputStream body = new DataOutputStream(buffer);
    encode(body, message);
    body.flush();
    if (buffer.size() > MAX_FRAME_BYTES) {
      throw new ProtocolException("frame of " + buffer.size() + " bytes exceeds the maximum of "
          + MAX_FRAME_BYTES);
    }
    DataOutputStream frame = new DataOutputStream(out);
    frame.writeInt(buffer.size());
    buffer.writeTo(out);
  }

  /**
   * Reads one frame.
   *
   * @return the message, or {@code null} at a clean end of stream (between frames)
   * @throws ProtocolException if the frame is malformed
   * @throws EOFException if the stream ends inside a frame
   */
  public static Message read(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    int first = in.read();
    if (first < 0) {
      return null;
    }
    int length = (first << 24) | (data.readUnsignedByte() << 16) | (data.readUnsignedByte() << 8)
        | data.readUnsignedByte();
    if (length < 1 || length > MAX_FRAME_BYTES) {
      throw new ProtocolException("frame length " + length + " out of range 1.." + MAX_FRAME_BYTES);
    }
    byte[] payload = new byte[length];
    data.readFully(payload);
    DataInputStream body = new DataInputStream(new java.io.ByteArrayInputStream(payload));
    try {
      Message message = decode(body);
      if (body.available() != 0) {
        throw new ProtocolException("frame has " + body.available() + " trailing bytes");
      }
      return message;
    } catch (EOFException e) {
      throw new ProtocolException("frame payload is truncated");
    }
  }

  private static void encode(DataOutputStream out, Message message) throws IOException {
    if (message instanceof Configure c) {
      out.writeByte(CONFIGURE);
      out.writeInt(c.version());
      writeString(out, c.runId());
      out.writeBoolean(c.force());
      out.writeLong(c.progressBytes());
      out.writeInt(c.testDelayMillis());
      out.writeLong(c.testRoomBytes());
      writeString(out, c.testRefusal());
    } else if (message instanceof Hello h) {
      out.writeByte(HELLO);
      out.writeInt(h.version());
      out.writeLong(h.pid());
    } else if (message instanceof Assign a) {
      out.writeByte(ASSIGN);
      writeTask(out, a.task());
    } else if (message instanceof Progress p) {
      out.writeByte(PROGRESS);
      out.writeLong(p.taskId());
      out.writeLong(p.bytes());
    } else if (message instanceof Done d) {
      out.writeByte(DONE);
      out.writeLong(d.taskId());
      out.writeInt(d.results().size());
      for (OpResult r : d.results()) {
        out.writeByte(r.status().ordinal());
        out.writeLong(r.bytes());
        writeString(out, r.reason());
      }
    } else {
      throw new IllegalArgumentException("unknown message " + message);
    }
  }

  private static Message decode(DataInputStream in) throws IOException {
    byte type = in.readByte();
    switch (type) {
      case CONFIGURE:
        return new Configure(in.readInt(), readString(in), in.readBoolean(), in.readLong(),
            in.readInt(), in.readLong(), readString(in));
      case HELLO:
        return new Hello(in.readInt(), in.readLong());
      case ASSIGN:
        return new Assign(readTask(in));
      case PROGRESS:
        return new Progress(in.readLong(), in.readLong());
      case DONE:
        long taskId = in.readLong();
        int count = readCount(in);
        List<OpResult> results = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          int status = in.readUnsignedByte();
          if (status >= Status.values().length) {
            throw new ProtocolException("unknown result status " + status);
          }
          results.add(new OpResult(Status.values()[status], in.readLong(), readString(in)));
        }
        return new Done(taskId, results);
      default:
        throw new ProtocolException("unknown frame type " + type);
    }
  }

  private static void writeTask(DataOutputStream out, CopyTask task) throws IOException {
    out.writeLong(task.id());
    out.writeInt(task.attempt());
    out.writeInt(task.ops().size());
    for (FileOp op : task.ops()) {
      out.writeByte(op.kind().ordinal());
      out.writeBoolean(op.targetChecked());
      out.writeLong(op.seq());
      writeBytes(out, RawPaths.toBytes(op.source()));
      writeBytes(out, RawPaths.toBytes(op.target()));
      out.writeLong(op.size());
      out.writeShort(op.mode());
      writeInstant(out, op.mtime());
      writeInstant(out, op.atime());
      out.writeInt(op.owner().uid());
      out.writeInt(op.owner().gid());
      if (op.kind() == OpKind.SYMLINK) {
        writeBytes(out, RawPaths.toBytes(op.linkTarget()));
      }
    }
  }

  private static CopyTask readTask(DataInputStream in) throws IOException {
    long id = in.readLong();
    int attempt = in.readInt();
    int count = readCount(in);
    if (count == 0) {
      throw new ProtocolException("task " + id + " has no entries");
    }
    List<FileOp> ops = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int kindIndex = in.readUnsignedByte();
      if (kindIndex >= OpKind.values().length) {
        throw new ProtocolException("unknown entry kind " + kindIndex);
      }
      OpKind kind = OpKind.values()[kindIndex];
      boolean targetChecked = in.readBoolean();
      long seq = in.readLong();
      Path source = readPath(in);
      Path target = readPath(in);
      long size = in.readLong();
      int mode = in.readUnsignedShort();
      Instant mtime = readInstant(in);
      Instant atime = readInstant(in);
      Owner owner = new Owner(in.readInt(), in.readInt());
      Path link = kind == OpKind.SYMLINK ? readLinkText(in) : null;
      try {
        ops.add(new FileOp(seq, kind, source, target, size, mode, mtime, atime, link,
            targetChecked, owner));
      } catch (IllegalArgumentException e) {
        throw new ProtocolException("bad entry in task " + id + ": " + e.getMessage());
      }
    }
    return new CopyTask(id, ops, attempt);
  }

  private static void writeInstant(DataOutputStream out, Instant t) throws IOException {
    out.writeLong(t.getEpochSecond());
    out.writeInt(t.getNano());
  }

  private static Instant readInstant(DataInputStream in) throws IOException {
    long seconds = in.readLong();
    int nanos = in.readInt();
    if (nanos < 0 || nanos > 999_999_999) {
      throw new ProtocolException("nanoseconds " + nanos + " out of range");
    }
    return Instant.ofEpochSecond(seconds, nanos);
  }

  private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static Path readPath(DataInputStream in) throws IOException {
    int length = readCount(in);
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    try {
      return RawPaths.fromBytes(bytes);
    } catch (IllegalArgumentException e) {
      throw new ProtocolException("bad path: " + e.getMessage());
    }
  }

  private static Path readLinkText(DataInputStream in) throws IOException {
    byte[] bytes = new byte[readCount(in)];
    in.readFully(bytes);
    try {
      return RawPaths.fromLinkText(bytes);
    } catch (IllegalArgumentException e) {
      throw new ProtocolException("bad link text: " + e.getMessage());
    }
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    writeBytes(out, s.getBytes(StandardCharsets.UTF_8));
  }

  private static String readString(DataInputStream in) throws IOException {
    byte[] bytes = new byte[readCount(in)];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * Reads a count of elements or bytes that follow. Every element takes at least one byte, so a
   * count larger than what is left of the frame is malformed; checking it before allocating keeps
   * a broken peer from making this side allocate far more than the frame's size.
   */
  private static int readCount(DataInputStream in) throws IOException {
    int count = in.readInt();
    if (count < 0 || count > in.available()) {
      throw new ProtocolException("count " + count + " exceeds the " + in.available()
          + " bytes left in the frame");
    }
    return count;
  }
}
