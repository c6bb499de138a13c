package dev.pcopy.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BarMessageTest {
  private static final long MIB = 1L << 20;

  @Test
  void of_beforeAnyByteIsWritten_showsNoRate() {
    assertEquals("0/10 files",
        BarMessage.of(new Snapshot(0, 10, 0, 100 * MIB, true, 0, Duration.ofMillis(400), 0)));
  }

  @Test
  void of_withinTheFirstSecond_showsTheRateSinceTheStart() {
    assertEquals("50.0 MiB/s 1/10 files", BarMessage.of(
        new Snapshot(1, 10, 20 * MIB, 100 * MIB, true, 0, Duration.ofMillis(400), 20 * MIB)));
  }

  @Test
  void of_rateCountsBytesWrittenNotUnchangedFilesPassedOver() {
    assertEquals("1.0 MiB/s 8/10 files", BarMessage.of(
        new Snapshot(8, 10, 80 * MIB, 100 * MIB, true, 0, Duration.ofSeconds(4), 4 * MIB)));
  }

  @Test
  void of_whileListingAndAfterFailures_saysSo() {
    assertEquals("2.0 MiB/s 3/9+ files (still listing), 2 failed", BarMessage.of(
        new Snapshot(3, 9, 4 * MIB, 20 * MIB, false, 2, Duration.ofSeconds(2), 4 * MIB)));
  }
}
