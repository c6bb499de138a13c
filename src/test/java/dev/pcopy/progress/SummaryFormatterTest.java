package dev.pcopy.progress;

import static dev.pcopy.progress.Summary.Ending.COMPLETE;
import static dev.pcopy.progress.Summary.Ending.DRY_RUN;
import static dev.pcopy.progress.Summary.Ending.INTERRUPTED;
import static dev.pcopy.progress.Summary.Ending.STOPPED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryFormatterTest {
  private static final long MIB = 1L << 20;

  @Test
  void format_countsBytesTimeAndRate() {
    Summary s = new Summary(120, 3, 0, 0, 0, 0, 0, 0, 7, 0, 0, 1200 * MIB, Duration.ofSeconds(4), List.of(), COMPLETE);

    assertEquals(List.of("pcopy: copied 120 files, 3 links, 1.2 GiB in 4.0 s (300.0 MiB/s);"
        + " 7 unchanged, 0 failed"), lines(s));
  }

  @Test
  void format_usesSingularForOne() {
    Summary s = new Summary(1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10, Duration.ofSeconds(1), List.of(), COMPLETE);

    assertEquals("pcopy: copied 1 file, 1 link, 10 B in 1.0 s (10 B/s); 0 unchanged, 0 failed",
        lines(s).get(0));
  }

  @Test
  void format_dryRunSaysWouldCopyAndHasNoTimeOrRate() {
    Summary s = new Summary(2, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 2048, Duration.ofSeconds(3), List.of(), DRY_RUN);

    assertEquals("pcopy: would copy 2 files, 0 links, 2.0 KiB; 1 unchanged, 0 failed",
        lines(s).get(0));
  }

  @Test
  void format_dryRunCountsModesAndOwnersToFixApartFromUnchanged() {
    Summary s = new Summary(2, 0, 0, 2, 1, 0, 0, 0, 4, 0, 0, 2048, Duration.ofSeconds(3), List.of(), DRY_RUN);

    assertEquals("pcopy: would copy 2 files, 0 links, 2.0 KiB; would fix 2 modes, 1 owner;"
        + " 4 unchanged, 0 failed", lines(s).get(0));
  }

  @Test
  void format_dryRunLeavesOutAKindOfFixItDidNotFind() {
    Summary s = new Summary(0, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, Duration.ofSeconds(3), List.of(), DRY_RUN);

    assertEquals("pcopy: would copy 0 files, 0 links, 0 B; would fix 2 owners; 1 unchanged,"
        + " 0 failed", lines(s).get(0));
  }

  @Test
  void format_interruptedRunSaysSo() {
    Summary s = new Summary(2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Duration.ofSeconds(1), List.of(), INTERRUPTED);

    assertEquals("pcopy: interrupted after copying 2 files, 0 links, 0 B in 1.0 s (0 B/s);"
        + " 0 unchanged, 0 failed", lines(s).get(0));
  }

  @Test
  void format_runStoppedByAFullDestinationSaysSo() {
    Summary s = new Summary(2, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, Duration.ofSeconds(1), List.of("dst/big: No space left on device"), STOPPED);

    assertEquals(List.of("pcopy: stopped after copying 2 files, 0 links, 0 B in 1.0 s (0 B/s);"
        + " 0 unchanged, 1 failed", "pcopy: failed: dst/big: No space left on device"),
        lines(s));
  }

  @Test
  void format_zeroElapsedTimeGivesAZeroRate() {
    Summary s = new Summary(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 100, Duration.ZERO, List.of(), COMPLETE);

    assertEquals("pcopy: copied 1 file, 0 links, 100 B in 0.0 s (0 B/s); 0 unchanged, 0 failed",
        lines(s).get(0));
  }

  @Test
  void format_countsSpecialFilesMadeAfterTheLinks() {
    Summary s = new Summary(0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, Duration.ofSeconds(1), List.of(), COMPLETE);

    assertEquals("pcopy: copied 0 files, 0 links, 2 special files, 0 B in 1.0 s (0 B/s);"
        + " 0 unchanged, 0 failed", lines(s).get(0));
  }

  @Test
  void format_saysFixedInARealRunAndWouldFixInADryRun() {
    Summary real = new Summary(0, 0, 0, 1, 0, 0, 0, 0, 3, 0, 0, 0, Duration.ofSeconds(1), List.of(), COMPLETE);
    Summary dry = new Summary(0, 0, 0, 1, 0, 0, 0, 0, 3, 0, 0, 0, Duration.ofSeconds(1), List.of(), DRY_RUN);

    assertTrue(lines(real).get(0).contains("; fixed 1 mode; 3 unchanged"),
        lines(real).toString());
    assertTrue(lines(dry).get(0).contains("; would fix 1 mode; 3 unchanged"),
        lines(dry).toString());
  }

  @Test
  void format_addsALineForEntriesNotKeptWhole() {
    Summary s = new Summary(2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 10, Duration.ofSeconds(1), List.of(), COMPLETE);

    assertEquals("pcopy: 2 entries copied without all of their metadata (see the errors above)",
        lines(s).get(1));
  }

  @Test
  void format_repeatsEachListedFailureAndCountsTheRest() {
    Summary s = new Summary(5, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, Duration.ofSeconds(1), List.of("src/a: Permission denied", "src/b: No such file or directory"), COMPLETE);

    List<String> lines = lines(s);

    assertEquals(List.of(
        "pcopy: failed: src/a: Permission denied",
        "pcopy: failed: src/b: No such file or directory",
        "pcopy: failed: ... and 2 more"), lines.subList(1, lines.size()));
  }

  @Test
  void format_allFailuresListedMeansNoMoreLine() {
    Summary s = new Summary(0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, Duration.ofSeconds(1), List.of("x: y"), COMPLETE);

    assertEquals(2, lines(s).size());
  }

  @Test
  void leftovers_saysHowManyTemporaryFilesOfEarlierRunsWereOrWouldBeRemoved() {
    assertEquals("pcopy: removed 3 leftover temporary files of an earlier run",
        SummaryFormatter.leftovers(3, false));
    assertEquals("pcopy: would remove 1 leftover temporary file of an earlier run",
        SummaryFormatter.leftovers(1, true));
  }

  /** The summary in IEC units. */
  private static List<String> lines(Summary s) {
    return SummaryFormatter.format(s, Units.IEC);
  }
}
