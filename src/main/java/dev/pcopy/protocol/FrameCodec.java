package dev.pcopy.protocol;

import dev.pcopy.fs.Names;
import dev.pcopy.fs.PathText;
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
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes {@link Message}s as frames: a 4-byte big-endian length, then one type byte and the
 * payload. Names and paths are written as their exact bytes, never as strings.
 *
 * <p>The length prefix lets a reader reject a damaged stream at once instead of misreading it,
 * and bounds what a broken peer can make the other side allocate.
 */
public final class FrameCodec {
  /**
   * Bumped whenever a frame's layout or meaning changes (6: tasks are the planner's actions on
   * entries named below the roots, which {@code Configure} names with their identity;
   * {@code Progress} says which action a worker is at; 7: {@code FixMetadata} names its source,
   * whose file capabilities a chown must restore, and an outcome says why a failed action's
   * temporary file stays; 8: links, special files and fixes may be hard-link anchors, and a
   * {@code HardLink} says what it links); both sides check it in the first frame.
   */
  public static final int VERSION = 8;
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
   * @throws EOFException if the stream ends first
   * @throws ProtocolException if a megabyte passes without it
   */
  public static byte[] skipPreamble(InputStream in) throws IOException {
    ByteArrayOutputStream skipped = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < PREAMBLE.length) {
      int b = in.read();
      if (b < 0) {
        // The worker ended before it started: an end, not a broken protocol.
        throw new EOFException("stream ended before the preamble"
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
      writeBytes(out, c.source());
      out.writeLong(c.sourceDev());
      out.writeLong(c.sourceIno());
      writeBytes(out, c.target());
      out.writeLong(c.targetDev());
      out.writeLong(c.targetIno());
      WorkerOptions o = c.options();
      out.writeBoolean(o.followLinks());
      out.writeBoolean(o.fsync());
      out.writeBoolean(o.xattrs());
      out.writeBoolean(o.acls());
      out.writeBoolean(o.verify());
      out.writeLong(o.progressBytes());
      out.writeInt(o.reportMillis());
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
      out.writeInt(p.index());
      out.writeLong(p.bytes());
    } else if (message instanceof Done d) {
      out.writeByte(DONE);
      out.writeLong(d.taskId());
      out.writeInt(d.outcomes().size());
      for (Outcome r : d.outcomes()) {
        out.writeByte(r.status().ordinal());
        out.writeLong(r.bytes());
        writeString(out, r.reason());
        writeString(out, r.notKept());
        writeString(out, r.leftover());
      }
    } else {
      throw new IllegalArgumentException("unknown message " + message);
    }
  }

  private static Message decode(DataInputStream in) throws IOException {
    byte type = in.readByte();
    switch (type) {
      case CONFIGURE:
        return new Configure(in.readInt(), readString(in), readBytes(in), in.readLong(),
            in.readLong(), readBytes(in), in.readLong(), in.readLong(),
            new WorkerOptions(in.readBoolean(), in.readBoolean(), in.readBoolean(),
                in.readBoolean(), in.readBoolean(), in.readLong(), in.readInt()));
      case HELLO:
        return new Hello(in.readInt(), in.readLong());
      case ASSIGN:
        return new Assign(readTask(in));
      case PROGRESS:
        return new Progress(in.readLong(), in.readInt(), in.readLong());
      case DONE:
        long taskId = in.readLong();
        int count = readCount(in);
        List<Outcome> outcomes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          int status = in.readUnsignedByte();
          if (status >= Outcome.Status.values().length) {
            throw new ProtocolException("unknown outcome status " + status);
          }
          outcomes.add(new Outcome(Outcome.Status.values()[status], in.readLong(),
              readString(in), readString(in), readString(in)));
        }
        return new Done(taskId, outcomes);
      default:
        throw new ProtocolException("unknown frame type " + type);
    }
  }

  /** A name the same as the entry's own, sent as nothing (no name is empty). */
  private static final byte[] EMPTY = new byte[0];
  private static final byte WRITE_FILE = 1;
  private static final byte WRITE_LINK = 2;
  private static final byte WRITE_SPECIAL = 3;
  private static final byte HARD_LINK = 4;
  private static final byte FIX_METADATA = 5;
  private static final byte WRITE_CHUNK = 6;
  private static final byte COMMIT_FILE = 7;

  private static void writeTask(DataOutputStream out, Task task) throws IOException {
    out.writeLong(task.id());
    out.writeInt(task.attempt());
    out.writeInt(task.actions().size());
    for (WorkerAction a : task.actions()) {
      writeAction(out, a);
    }
  }

  private static void writeAction(DataOutputStream out, WorkerAction a) throws IOException {
    if (a instanceof WriteFile f) {
      out.writeByte(WRITE_FILE);
      writeEntry(out, a);
      writeBytes(out, Arrays.equals(f.sourceName(), f.name()) ? EMPTY : f.sourceName());
      out.writeLong(f.size());
      writeMeta(out, f.meta());
      out.writeBoolean(f.anchor());
    } else if (a instanceof WriteChunk c) {
      out.writeByte(WRITE_CHUNK);
      writeEntry(out, a);
      writeBytes(out, Arrays.equals(c.sourceName(), c.name()) ? EMPTY : c.sourceName());
      writeBytes(out, c.temp());
      out.writeLong(c.offset());
      out.writeLong(c.length());
      out.writeLong(c.fileSize());
      out.writeLong(c.ino());
      out.writeLong(c.dev());
    } else if (a instanceof CommitFile c) {
      out.writeByte(COMMIT_FILE);
      writeEntry(out, a);
      writeBytes(out, Arrays.equals(c.sourceName(), c.name()) ? EMPTY : c.sourceName());
      writeBytes(out, c.temp());
      out.writeLong(c.size());
      writeMeta(out, c.meta());
      out.writeLong(c.ino());
      out.writeLong(c.dev());
    } else if (a instanceof WriteLink l) {
      out.writeByte(WRITE_LINK);
      writeEntry(out, a);
      writeBytes(out, l.text());
      writeMeta(out, l.meta());
      out.writeBoolean(l.anchor());
    } else if (a instanceof WriteSpecial w) {
      out.writeByte(WRITE_SPECIAL);
      writeEntry(out, a);
      out.writeByte(w.kind().ordinal());
      out.writeLong(w.rdev());
      writeMeta(out, w.meta());
      out.writeBoolean(w.anchor());
    } else if (a instanceof HardLink h) {
      out.writeByte(HARD_LINK);
      writeEntry(out, a);
      out.writeByte(h.kind().ordinal());
      writeBytes(out, h.anchorDir());
      writeBytes(out, h.anchorName());
    } else if (a instanceof FixMetadata x) {
      out.writeByte(FIX_METADATA);
      writeEntry(out, a);
      writeBytes(out, Arrays.equals(x.sourceName(), x.name()) ? EMPTY : x.sourceName());
      out.writeByte(x.kind().ordinal());
      out.writeInt(x.mode());
      out.writeInt(x.uid());
      out.writeInt(x.gid());
      out.writeBoolean(x.mtime() != null);
      if (x.mtime() != null) {
        writeTimestamp(out, x.atime());
        writeTimestamp(out, x.mtime());
      }
      out.writeLong(x.ino());
      out.writeLong(x.dev());
      out.writeLong(x.size());
      out.writeBoolean(x.anchor());
    } else {
      throw new IllegalArgumentException("unknown action " + a);
    }
  }

  private static void writeEntry(DataOutputStream out, WorkerAction a) throws IOException {
    out.writeLong(a.seq());
    writeBytes(out, a.dir());
    writeBytes(out, a.name());
  }

  private static Task readTask(DataInputStream in) throws IOException {
    long id = in.readLong();
    int attempt = in.readInt();
    int count = readCount(in);
    if (count == 0) {
      throw new ProtocolException("task " + id + " has no actions");
    }
    List<WorkerAction> actions = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      try {
        actions.add(readAction(in));
      } catch (IllegalArgumentException e) {
        throw new ProtocolException("bad action in task " + id + ": " + e.getMessage());
      }
    }
    return new Task(id, actions, attempt);
  }

  private static WorkerAction readAction(DataInputStream in) throws IOException {
    byte type = in.readByte();
    long seq = in.readLong();
    byte[] dir = readBytes(in);
    byte[] name = readName(in);
    switch (type) {
      case WRITE_FILE:
        byte[] sourceName = readBytes(in);
        return new WriteFile(dir, name, sourceName.length == 0 ? name : checked(sourceName), seq,
            in.readLong(), readMeta(in), in.readBoolean());
      case WRITE_CHUNK: {
        byte[] chunkSource = readBytes(in);
        return new WriteChunk(dir, name, chunkSource.length == 0 ? name : checked(chunkSource),
            seq, readName(in), in.readLong(), in.readLong(), in.readLong(), in.readLong(),
            in.readLong());
      }
      case COMMIT_FILE: {
        byte[] commitSource = readBytes(in);
        return new CommitFile(dir, name, commitSource.length == 0 ? name : checked(commitSource),
            seq, readName(in), in.readLong(), readMeta(in), in.readLong(), in.readLong());
      }
      case WRITE_LINK:
        return new WriteLink(dir, name, seq, readBytes(in), readMeta(in), in.readBoolean());
      case WRITE_SPECIAL:
        return new WriteSpecial(dir, name, seq, readKind(in), in.readLong(), readMeta(in),
            in.readBoolean());
      case HARD_LINK:
        return new HardLink(dir, name, seq, readKind(in), readBytes(in), readName(in));
      case FIX_METADATA: {
        byte[] fixSource = readBytes(in);
        Stat.Kind kind = readKind(in);
        int mode = in.readInt();
        int uid = in.readInt();
        int gid = in.readInt();
        boolean times = in.readBoolean();
        Timestamp atime = times ? readTimestamp(in) : null;
        Timestamp mtime = times ? readTimestamp(in) : null;
        return new FixMetadata(dir, name, fixSource.length == 0 ? name : checked(fixSource), seq,
            kind, mode, uid, gid, atime, mtime, in.readLong(), in.readLong(), in.readLong(),
            in.readBoolean());
      }
      default:
        throw new ProtocolException("unknown action type " + type);
    }
  }

  /**
   * Reads an entry's name, which must be one path component: a name such as {@code ../x} would
   * lead a worker out of its directory. (Directory paths are checked a component at a time as
   * they are opened.)
   */
  private static byte[] readName(DataInputStream in) throws IOException {
    return checked(readBytes(in));
  }

  private static byte[] checked(byte[] name) throws ProtocolException {
    if (!Names.isName(name)) {
      throw new ProtocolException("not a file name: " + PathText.escape(name));
    }
    return name;
  }

  private static Stat.Kind readKind(DataInputStream in) throws IOException {
    int kind = in.readUnsignedByte();
    if (kind >= Stat.Kind.values().length) {
      throw new ProtocolException("unknown entry kind " + kind);
    }
    return Stat.Kind.values()[kind];
  }

  private static void writeMeta(DataOutputStream out, Meta m) throws IOException {
    out.writeShort(m.mode());
    out.writeInt(m.uid());
    out.writeInt(m.gid());
    writeTimestamp(out, m.atime());
    writeTimestamp(out, m.mtime());
  }

  private static Meta readMeta(DataInputStream in) throws IOException {
    return new Meta(in.readUnsignedShort(), in.readInt(), in.readInt(), readTimestamp(in),
        readTimestamp(in));
  }

  private static void writeTimestamp(DataOutputStream out, Timestamp t) throws IOException {
    out.writeLong(t.seconds());
    out.writeInt(t.nanos());
  }

  private static Timestamp readTimestamp(DataInputStream in) throws IOException {
    long seconds = in.readLong();
    int nanos = in.readInt();
    if (nanos < 0 || nanos > 999_999_999) {
      throw new ProtocolException("nanoseconds " + nanos + " out of range");
    }
    return new Timestamp(seconds, nanos);
  }

  private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static byte[] readBytes(DataInputStream in) throws IOException {
    byte[] bytes = new byte[readCount(in)];
    in.readFully(bytes);
    return bytes;
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
