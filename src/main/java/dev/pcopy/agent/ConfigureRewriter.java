package dev.pcopy.agent;

import dev.pcopy.protocol.FrameCodec;
import dev.pcopy.protocol.Message;
import dev.pcopy.protocol.Message.Configure;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * Puts this host's numbers for SRC and DST into the {@link Configure} frame that opens a
 * worker's stdin, and passes every later byte through unread.
 *
 * <p>A worker checks that the roots it opens by path are the directories the coordinator
 * opened, by device and inode. Across hosts the device differs (each NFS or Lustre client
 * numbers its mounts), so the agent, which checked that this host sees the same SRC and DST,
 * vouches for them with the numbers it found here: the worker's check then still catches a path
 * changed between the agent's check and the worker's start.
 */
final class ConfigureRewriter {
  private final long sourceDev;
  private final long sourceIno;
  private final long targetDev;
  private final long targetIno;
  /** The first frame's bytes so far; null once it has been passed on. */
  private ByteArrayOutputStream first = new ByteArrayOutputStream();

  ConfigureRewriter(AgentChecks.Result roots) {
    this.sourceDev = roots.sourceDev();
    this.sourceIno = roots.sourceIno();
    this.targetDev = roots.targetDev();
    this.targetIno = roots.targetIno();
  }

  /** Returns what to write to the worker's stdin for {@code bytes} from the coordinator. */
  byte[] accept(byte[] bytes) throws IOException {
    if (first == null) {
      return bytes;
    }
    first.write(bytes);
    byte[] held = first.toByteArray();
    if (held.length < 4) {
      return new byte[0];
    }
    int length = ((held[0] & 0xff) << 24) | ((held[1] & 0xff) << 16) | ((held[2] & 0xff) << 8)
        | (held[3] & 0xff);
    if (length < 0 || length > FrameCodec.MAX_FRAME_BYTES) {
      // Not a frame: the worker reports the broken stream itself.
      first = null;
      return held;
    }
    if (held.length < 4 + length) {
      return new byte[0];
    }
    first = null;
    byte[] frame = Arrays.copyOf(held, 4 + length);
    byte[] rest = Arrays.copyOfRange(held, 4 + length, held.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream(held.length + 16);
    out.write(rewrite(frame));
    out.write(rest);
    return out.toByteArray();
  }

  private byte[] rewrite(byte[] frame) throws IOException {
    Message message = FrameCodec.read(new ByteArrayInputStream(frame));
    if (!(message instanceof Configure c)) {
      return frame;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(frame.length);
    FrameCodec.write(out, new Configure(c.version(), c.runId(), c.source(), sourceDev,
        sourceIno, c.target(), targetDev, targetIno, c.options()));
    return out.toByteArray();
  }
}
