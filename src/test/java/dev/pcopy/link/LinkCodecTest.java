package dev.pcopy.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pcopy.protocol.ProtocolException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every link frame survives encoding; a damaged stream is refused, not misread. */
class LinkCodecTest {
  private static final byte[] NAME = {'a', '\n', (byte) 0xff};

  @Test
  void encode_thenRead_givesEveryFrameBack() throws IOException {
    RootIdentity id = new RootIdentity(42, 1_700_000_000L, 5, 1_700_000_001L, 999_999_999);
    List<LinkFrame> frames = List.of(
        new LinkFrame.Hello(LinkCodec.VERSION, "1.2.3", 6),
        new LinkFrame.Setup(NAME, "/dst".getBytes(StandardCharsets.UTF_8), NAME, NAME, id,
            1000, 30_000),
        new LinkFrame.Checked(""), new LinkFrame.Checked("DST is another file system"),
        new LinkFrame.Open(7), new LinkFrame.Data(7, NAME), new LinkFrame.Close(7),
        new LinkFrame.Kill(7), new LinkFrame.Exited(7, "pid 5 killed by signal 9", true),
        new LinkFrame.Ping());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (LinkFrame frame : frames) {
      out.write(LinkCodec.encode(frame));
    }
    ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());

    for (LinkFrame expected : frames) {
      assertSame(expected, LinkCodec.read(in));
    }
    assertNull(LinkCodec.read(in));
  }

  @Test
  void read_frameCutShort_isAnEndInsideAFrame() {
    byte[] whole = LinkCodec.encode(new LinkFrame.Data(1, new byte[100]));
    ByteArrayInputStream in = new ByteArrayInputStream(Arrays.copyOf(whole, 50));

    assertThrows(EOFException.class, () -> LinkCodec.read(in));
  }

  @Test
  void read_textInsteadOfFrames_isRefused() {
    ByteArrayInputStream in = new ByteArrayInputStream(
        "Welcome to host n1\n".getBytes(StandardCharsets.US_ASCII));

    assertThrows(ProtocolException.class, () -> LinkCodec.read(in));
  }

  @Test
  void read_unknownType_isRefused() {
    byte[] frame = {0, 0, 0, 1, 99};

    ProtocolException e = assertThrows(ProtocolException.class,
        () -> LinkCodec.read(new ByteArrayInputStream(frame)));
    assertEquals("unknown link frame type 99", e.getMessage());
  }

  /** Records compare arrays by identity, so byte fields are compared here by content. */
  private static void assertSame(LinkFrame expected, LinkFrame actual) {
    assertEquals(expected.getClass(), actual.getClass());
    if (expected instanceof LinkFrame.Setup e && actual instanceof LinkFrame.Setup a) {
      assertArrayEquals(e.source(), a.source());
      assertArrayEquals(e.target(), a.target());
      assertArrayEquals(e.witnessName(), a.witnessName());
      assertArrayEquals(e.witnessContent(), a.witnessContent());
      assertEquals(e.sourceIdentity(), a.sourceIdentity());
      assertEquals(e.heartbeatMillis(), a.heartbeatMillis());
      assertEquals(e.silenceMillis(), a.silenceMillis());
    } else if (expected instanceof LinkFrame.Data e && actual instanceof LinkFrame.Data a) {
      assertEquals(e.channel(), a.channel());
      assertArrayEquals(e.bytes(), a.bytes());
    } else {
      assertEquals(expected, actual);
    }
  }
}
