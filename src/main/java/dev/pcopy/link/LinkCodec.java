package dev.pcopy.link;

import dev.pcopy.link.LinkFrame.Checked;
import dev.pcopy.link.LinkFrame.Close;
import dev.pcopy.link.LinkFrame.Data;
import dev.pcopy.link.LinkFrame.Exited;
import dev.pcopy.link.LinkFrame.Hello;
import dev.pcopy.link.LinkFrame.Kill;
import dev.pcopy.link.LinkFrame.Open;
import dev.pcopy.link.LinkFrame.Ping;
import dev.pcopy.link.LinkFrame.Setup;
import dev.pcopy.protocol.ProtocolException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Encodes {@link LinkFrame}s as frames: a 4-byte big-endian length, one type byte, the payload.
 * The same shape as the workers' own frames, which a {@link Data} frame carries unread.
 */
public final class LinkCodec {
  /** Bumped whenever a link frame's layout or meaning changes; {@link Hello} carries it. */
  public static final int VERSION = 1;
  /** Largest frame accepted: a worker's largest frame, in one piece, and room to spare. */
  static final int MAX_FRAME_BYTES = 32 << 20;

  private static final byte HELLO = 1;
  private static final byte SETUP = 2;
  private static final byte CHECKED = 3;
  private static final byte OPEN = 4;
  private static final byte DATA = 5;
  private static final byte CLOSE = 6;
  private static final byte KILL = 7;
  private static final byte EXITED = 8;
  private static final byte PING = 9;

  private LinkCodec() {}

  /** Returns {@code frame} as the bytes that carry it, length first. */
  public static byte[] encode(LinkFrame frame) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(64);
    DataOutputStream out = new DataOutputStream(buffer);
    try {
      out.writeInt(0);
      body(out, frame);
      out.flush();
    } catch (IOException e) {
      throw new IllegalStateException("a byte array cannot fail", e);
    }
    byte[] bytes = buffer.toByteArray();
    int length = bytes.length - 4;
    bytes[0] = (byte) (length >>> 24);
    bytes[1] = (byte) (length >>> 16);
    bytes[2] = (byte) (length >>> 8);
    bytes[3] = (byte) length;
    return bytes;
  }

  private static void body(DataOutputStream out, LinkFrame frame) throws IOException {
    if (frame instanceof Hello h) {
      out.writeByte(HELLO);
      out.writeInt(h.linkVersion());
      text(out, h.pcopyVersion());
      out.writeInt(h.frameVersion());
    } else if (frame instanceof Setup s) {
      out.writeByte(SETUP);
      bytes(out, s.source());
      bytes(out, s.target());
      bytes(out, s.witnessName());
      bytes(out, s.witnessContent());
      RootIdentity id = s.sourceIdentity();
      out.writeLong(id.ino());
      out.writeLong(id.mtimeSeconds());
      out.writeInt(id.mtimeNanos());
      out.writeLong(id.ctimeSeconds());
      out.writeInt(id.ctimeNanos());
      out.writeLong(s.heartbeatMillis());
      out.writeLong(s.silenceMillis());
    } else if (frame instanceof Checked c) {
      out.writeByte(CHECKED);
      text(out, c.failure());
    } else if (frame instanceof Open o) {
      out.writeByte(OPEN);
      out.writeInt(o.channel());
    } else if (frame instanceof Data d) {
      out.writeByte(DATA);
      out.writeInt(d.channel());
      bytes(out, d.bytes());
    } else if (frame instanceof Close c) {
      out.writeByte(CLOSE);
      out.writeInt(c.channel());
    } else if (frame instanceof Kill k) {
      out.writeByte(KILL);
      out.writeInt(k.channel());
    } else if (frame instanceof Exited x) {
      out.writeByte(EXITED);
      out.writeInt(x.channel());
      text(out, x.description());
      out.writeBoolean(x.killedBySignal());
    } else {
      out.writeByte(PING);
    }
  }

  /**
   * Reads one frame; returns null at a clean end of the stream, between frames.
   *
   * @throws EOFException if the stream ends inside a frame
   * @throws ProtocolException if what arrives is not a frame
   */
  public static LinkFrame read(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    int first = data.read();
    if (first < 0) {
      return null;
    }
    int length = (first << 24) | (data.readUnsignedByte() << 16)
        | (data.readUnsignedByte() << 8) | data.readUnsignedByte();
    if (length < 1 || length > MAX_FRAME_BYTES) {
      throw new ProtocolException("link frame length " + length + " out of range 1.."
          + MAX_FRAME_BYTES);
    }
    byte[] body = new byte[length];
    data.readFully(body);
    try {
      return decode(new DataInputStream(new ByteArrayInputStream(body)));
    } catch (EOFException e) {
      throw new ProtocolException("link frame shorter than its type says");
    }
  }

  private static LinkFrame decode(DataInputStream in) throws IOException {
    byte type = in.readByte();
    switch (type) {
      case HELLO:
        return new Hello(in.readInt(), text(in), in.readInt());
      case SETUP:
        return new Setup(bytes(in), bytes(in), bytes(in), bytes(in),
            new RootIdentity(in.readLong(), in.readLong(), in.readInt(), in.readLong(),
                in.readInt()),
            in.readLong(), in.readLong());
      case CHECKED:
        return new Checked(text(in));
      case OPEN:
        return new Open(in.readInt());
      case DATA:
        return new Data(in.readInt(), bytes(in));
      case CLOSE:
        return new Close(in.readInt());
      case KILL:
        return new Kill(in.readInt());
      case EXITED:
        return new Exited(in.readInt(), text(in), in.readBoolean());
      case PING:
        return new Ping();
      default:
        throw new ProtocolException("unknown link frame type " + type);
    }
  }

  private static void bytes(DataOutputStream out, byte[] b) throws IOException {
    out.writeInt(b.length);
    out.write(b);
  }

  private static byte[] bytes(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > in.available()) {
      throw new ProtocolException("byte string of " + n + " bytes in a shorter frame");
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return b;
  }

  private static void text(DataOutputStream out, String s) throws IOException {
    bytes(out, s.getBytes(StandardCharsets.UTF_8));
  }

  private static String text(DataInputStream in) throws IOException {
    return new String(bytes(in), StandardCharsets.UTF_8);
  }
}
