package dev.pcopy.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.testing.Snapshots;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
  private static final long MIB = 1L << 20;

  @Test
  void format_whileListing_marksTotalsWithPlusAndWaitsWithTheEta() {
    Snapshot s = Snapshots.of(120, 5000, 100 * MIB, 400 * MIB, false, 0,
        Duration.ofSeconds(10), 100 * MIB, Eta.LISTING);

    assertEquals("120/5000+ entries, 100.0/400.0+ MiB (25%), 10.0 MiB/s, elapsed 0:10,"
        + " ETA after listing", line(s));
  }

  @Test
  void format_onceTotalsAreFinal_showsTheModelsEtaLabelledAndNoPlus() {
    Snapshot s = Snapshots.of(120, 5000, 100 * MIB, 400 * MIB, true, 0,
        Duration.ofSeconds(10), 100 * MIB, Eta.known(95));

    assertEquals("120/5000 entries, 100.0/400.0 MiB (25%), 10.0 MiB/s, elapsed 0:10, ETA 1:35",
        line(s));
  }

  @Test
  void format_whenNothingMoves_saysSoInsteadOfAnEta() {
    Snapshot s = Snapshots.of(120, 5000, 100 * MIB, 400 * MIB, true, 0,
        Duration.ofSeconds(30), 100 * MIB, Eta.stalled(Duration.ofSeconds(12)));

    assertTrue(line(s).endsWith(", elapsed 0:30, no progress for 0:12"),
        line(s));
  }

  @Test
  void format_bytesTakeTheTotalsUnit_asTheTotalGrows() {
    assertTrue(line(Snapshots.of(1, 9, 512 * 1024, 900 * 1024, false, 0,
        Duration.ofSeconds(1), 0, Eta.LISTING)).contains(" 512.0/900.0+ KiB "));
    assertTrue(line(Snapshots.of(1, 9, 512 * 1024, 5 * MIB, false, 0,
        Duration.ofSeconds(1), 0, Eta.LISTING)).contains(" 0.5/5.0+ MiB "));
  }

  @Test
  void format_roundsThePercentageDown() {
    Snapshot s = Snapshots.of(1, 2, 999, 1000, true, 0, Duration.ofSeconds(1), 999, Eta.UNKNOWN);

    assertTrue(line(s).contains("(99%)"), line(s));
  }

  @Test
  void format_countsFailures() {
    Snapshot s = Snapshots.of(3, 3, 10, 10, true, 2, Duration.ofSeconds(1), 10, Eta.known(0));

    assertTrue(line(s).endsWith(", 2 failed"), line(s));
  }

  @Test
  void format_atTheStart_hasAnUnknownEtaAndZeroPercent() {
    Snapshot s = Snapshots.of(0, 0, 0, 0, true, 0, Duration.ZERO, 0, Eta.UNKNOWN);

    assertEquals("0/0 entries, 0/0 B (0%), 0 B/s, elapsed 0:00, ETA ?", line(s));
  }

  @Test
  void snapshot_fractionUsesEntriesWhenThereAreNoBytes() {
    Snapshot s = Snapshots.of(3, 4, 0, 0, true, 0, Duration.ofSeconds(1), 0, Eta.UNKNOWN);

    assertEquals(0.75, s.fraction());
    assertTrue(line(s).contains("(75%)"));
  }

  @Test
  void snapshot_fractionNeverPassesOne() {
    Snapshot s = Snapshots.of(5, 4, 200, 100, true, 0, Duration.ofSeconds(1), 200, Eta.known(0));

    assertEquals(1.0, s.fraction());
    assertEquals(100, s.percent());
  }

  /** The line in IEC units. */
  private static String line(Snapshot s) {
    return ProgressLine.format(s, Units.IEC);
  }
}
