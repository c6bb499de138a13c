package dev.pcopy.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
  private static final long MIB = 1L << 20;

  @Test
  void format_whileListing_marksTotalsWithPlusAndShowsNoEta() {
    Snapshot s = new Snapshot(120, 5000, 100 * MIB, 400 * MIB, false, 0,
        Duration.ofSeconds(10), 100 * MIB);

    assertEquals("120/5000+ files, 100.0 MiB/400.0 MiB+ (25%), 10.0 MiB/s, still listing",
        ProgressLine.format(s));
  }

  @Test
  void format_onceTotalsAreFinal_showsEtaAndNoPlus() {
    Snapshot s = new Snapshot(120, 5000, 100 * MIB, 400 * MIB, true, 0,
        Duration.ofSeconds(10), 100 * MIB);

    assertEquals("120/5000 files, 100.0 MiB/400.0 MiB (25%), 10.0 MiB/s, ETA 30.0 s",
        ProgressLine.format(s));
  }

  @Test
  void format_roundsThePercentageDown() {
    Snapshot s = new Snapshot(1, 2, 999, 1000, true, 0, Duration.ofSeconds(1), 999);

    assertTrue(ProgressLine.format(s).contains("(99%)"), ProgressLine.format(s));
  }

  @Test
  void format_countsFailures() {
    Snapshot s = new Snapshot(3, 3, 10, 10, true, 2, Duration.ofSeconds(1), 10);

    assertTrue(ProgressLine.format(s).endsWith(", 2 failed"), ProgressLine.format(s));
  }

  @Test
  void format_atTheStartHasNoEtaAndZeroPercent() {
    Snapshot s = new Snapshot(0, 0, 0, 0, true, 0, Duration.ZERO, 0);

    String line = ProgressLine.format(s);
    assertEquals("0/0 files, 0 B/0 B (0%), 0 B/s", line);
    assertFalse(line.contains("ETA"));
  }

  @Test
  void snapshot_fractionUsesEntriesWhenThereAreNoBytes() {
    Snapshot s = new Snapshot(3, 4, 0, 0, true, 0, Duration.ofSeconds(1), 0);

    assertEquals(0.75, s.fraction());
    assertTrue(ProgressLine.format(s).contains("(75%)"));
  }

  @Test
  void snapshot_fractionNeverPassesOne() {
    Snapshot s = new Snapshot(5, 4, 200, 100, true, 0, Duration.ofSeconds(1), 200);

    assertEquals(1.0, s.fraction());
    assertEquals(0.0, s.etaSeconds());
  }
}
