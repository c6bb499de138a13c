package dev.pcopy.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class QueuedOutputTest {
  /** A stream whose writes wait until the test lets them go, and that says when it is closed. */
  private static final class HeldStream extends ByteArrayOutputStream {
    final CountDownLatch release = new CountDownLatch(1);
    volatile boolean closed;

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      super.write(b, off, len);
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  @Test
  void closeAndWait_returnsOnlyOnceTheQueuedBytesAreWrittenAndTheStreamClosed()
      throws IOException, InterruptedException {
    HeldStream stream = new HeldStream();
    QueuedOutput out = new QueuedOutput(stream, "test-writer");
    out.write(new byte[] {1, 2, 3});
    out.write(new byte[] {4});
    Thread releaser = new Thread(() -> {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      stream.release.countDown();
    });
    releaser.start();

    out.closeAndWait(Duration.ofMinutes(1));

    assertTrue(stream.closed);
    assertArrayEquals(new byte[] {1, 2, 3, 4}, stream.toByteArray());
    releaser.join();
  }

  @Test
  void closeAndWait_givesUpOnAStreamThatNeverTakesTheBytes() throws Exception {
    HeldStream stream = new HeldStream();
    QueuedOutput out = new QueuedOutput(stream, "test-writer");
    out.write(new byte[] {1});

    out.closeAndWait(Duration.ofMillis(20));

    assertFalse(stream.closed);
    stream.release.countDown();
  }
}
