package dev.pcopy.agent;

import static dev.pcopy.testing.Raw.b;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pcopy.protocol.FrameCodec;
import dev.pcopy.protocol.Message.Configure;
import dev.pcopy.protocol.Message.WorkerOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The agent vouches for the roots with its own host's numbers: the Configure that opens a
 * worker's stdin gets them, however the link cut it into pieces, and what follows passes
 * unread.
 */
class ConfigureRewriterTest {
  private static final Configure COORDINATORS = new Configure(FrameCodec.VERSION, "run",
      b("/data/src"), 11, 12, b("/data/dst"), 13, 14,
      new WorkerOptions(true, false, true, false, false, 1 << 20, 250));

  @Test
  void accept_configureInPieces_getsThisHostsNumbers_andTheRestPassesThrough()
      throws IOException {
    byte[] configure = frame(COORDINATORS);
    byte[] after = {1, 2, 3, 4, 5};
    byte[] stream = concat(configure, after);
    ConfigureRewriter rewriter = new ConfigureRewriter(
        new AgentChecks.Result("", 21, 22, 23, 24));

    ByteArrayOutputStream passed = new ByteArrayOutputStream();
    passed.write(rewriter.accept(Arrays.copyOfRange(stream, 0, 3)));
    passed.write(rewriter.accept(Arrays.copyOfRange(stream, 3, configure.length + 2)));
    passed.write(rewriter.accept(Arrays.copyOfRange(stream, configure.length + 2,
        stream.length)));
    byte[] more = {9, 9};
    assertArrayEquals(more, rewriter.accept(more));

    ByteArrayInputStream in = new ByteArrayInputStream(passed.toByteArray());
    Configure seen = (Configure) FrameCodec.read(in);
    assertEquals(21, seen.sourceDev());
    assertEquals(22, seen.sourceIno());
    assertEquals(23, seen.targetDev());
    assertEquals(24, seen.targetIno());
    assertArrayEquals(COORDINATORS.source(), seen.source());
    assertArrayEquals(COORDINATORS.target(), seen.target());
    assertEquals(COORDINATORS.options(), seen.options());
    assertEquals(COORDINATORS.runId(), seen.runId());
    assertArrayEquals(after, in.readAllBytes());
  }

  private static byte[] frame(Configure configure) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FrameCodec.write(out, configure);
    return out.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }
}
