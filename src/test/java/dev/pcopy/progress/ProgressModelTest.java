package dev.pcopy.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.testing.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressModelTest {
  private final ManualClock clock = new ManualClock();
  private final FakeTotals totals = new FakeTotals();
  private final ProgressModel model = new ProgressModel(clock, totals);

  @Test
  void snapshot_atStartIsEmpty() {
    Snapshot s = model.snapshot();

    assertEquals(new Snapshot(0, 0, 0, 0, false, 0, Duration.ZERO, 0, 0, Eta.LISTING,
        List.of(), List.of()), s);
  }

  @Test
  void snapshot_takesTotalsFromTheWalkAsTheyGrow() {
    totals.entries = 10;
    totals.bytes = 1000;
    assertEquals(10, model.snapshot().entriesTotal());

    totals.entries = 20;
    totals.bytes = 3000;
    totals.finished = true;
    Snapshot s = model.snapshot();

    assertEquals(20, s.entriesTotal());
    assertEquals(3000, s.bytesTotal());
    assertTrue(s.totalsFinal());
  }

  @Test
  void snapshot_ratesBytesWrittenOverTimeFromTheClock() {
    totals.bytes = 1000;
    totals.finished = true;
    model.workers(1, 1);
    writeFor4Seconds(model);

    Snapshot s = model.snapshot();

    assertEquals(Duration.ofSeconds(4), s.elapsed());
    assertEquals(100.0, s.rate());
    assertEquals(0.4, s.fraction());
    assertEquals(Eta.State.KNOWN, s.eta().state());
    assertEquals(6.0, s.eta().seconds(), 0.1);
  }

  @Test
  void snapshot_sharesTheWorkLeftAmongTheWorkers_byTheTimeEachSpent() {
    totals.bytes = 1000;
    totals.finished = true;
    // Two workers write 100 bytes a second between them: 50 each, so 600 bytes take 6 s.
    model.workers(2, 2);
    writeFor4Seconds(model);

    assertEquals(6.0, model.snapshot().eta().seconds(), 0.1);
    // Had one of them been idle, the bytes would have cost that one worker's time alone, and
    // the two of them would now take half as long.
    ProgressModel halfIdle = new ProgressModel(clock, totals);
    halfIdle.workers(1, 2);
    writeFor4Seconds(halfIdle);

    assertEquals(3.0, halfIdle.snapshot().eta().seconds(), 0.1);
  }

  /** 100 bytes a second for 4 s, watched every half second. */
  private void writeFor4Seconds(ProgressModel m) {
    for (int i = 0; i < 8; i++) {
      clock.advance(Duration.ofMillis(500));
      m.written(50);
      m.snapshot();
    }
  }

  @Test
  void snapshot_listsBusyWorkersInOrder_andHowLongEachHasNotMoved() {
    model.workerAt(2, null, 0, "big.iso", 10, 100);
    model.workerAt(1, "node7", 0, "a/b.txt", 0, 5);
    clock.advance(Duration.ofSeconds(3));
    model.workerAt(2, null, 0, "big.iso", 60, 100);

    List<WorkerLine> lines = model.snapshot().workers();

    assertEquals(List.of(new WorkerLine(1, "node7", "a/b.txt", 0, 5, Duration.ofSeconds(3)),
        new WorkerLine(2, null, "big.iso", 60, 100, Duration.ZERO)), lines);
    model.workerIdle(1);
    assertEquals(List.of(2), model.snapshot().workers().stream().map(WorkerLine::index)
        .toList());
  }

  @Test
  void entriesAWorkerHasEnded_countAtOnce_andOnceTheirOutcomesCome() {
    totals.entries = 10;
    model.workerAt(1, null, 3, "d/f4", 0, 2);
    model.workerAt(2, null, 1, "d/g2", 0, 2);
    assertEquals(4, model.snapshot().entriesDone());

    // The first worker's task ends: its four outcomes count, and it moves to its next task.
    for (int i = 0; i < 4; i++) {
      model.entryDone(0, i == 3);
    }
    model.workerAt(1, null, 0, "e/a", 0, 2);
    Snapshot s = model.snapshot();
    assertEquals(5, s.entriesDone());
    assertEquals(1, s.failed());

    // The second worker is lost: what it had ended is done again by another.
    model.workerIdle(2);
    assertEquals(4, model.snapshot().entriesDone());
  }

  @Test
  void interrupted_theEstimateSaysSo_andTheCountsStay() {
    totals.entries = 10;
    totals.finished = true;
    model.entryDone(0, false);

    model.interrupted();
    Snapshot s = model.snapshot();

    assertEquals(Eta.INTERRUPTED, s.eta());
    assertEquals("interrupted", s.eta().text());
    assertEquals(1, s.entriesDone());
  }

  @Test
  void hosts_areAskedAtEachSnapshot() {
    List<HostLine> lines = new ArrayList<>();
    model.hosts(() -> lines);
    assertEquals(List.of(), model.snapshot().hosts());

    lines.add(new HostLine("n1", 3, 0, 30, null));

    assertEquals(List.of(new HostLine("n1", 3, 0, 30, null)), model.snapshot().hosts());
  }

  @Test
  void skippedAndFailedEntriesCountAsDoneBytesButNotAsWritten() {
    model.written(100);
    model.entryDone(0, false);
    model.entryDone(50, false);
    model.entryDone(25, true);

    Snapshot s = model.snapshot();

    assertEquals(3, s.entriesDone());
    assertEquals(175, s.bytesDone());
    assertEquals(100, s.bytesWritten());
    assertEquals(1, s.failed());
  }

  @Test
  void written_negativeDeltaTakesBackAbandonedBytes() {
    model.written(500);
    model.written(-200);

    assertEquals(300, model.snapshot().bytesWritten());
    assertEquals(300, model.snapshot().bytesDone());
  }

  @Test
  void elapsed_followsTheClock() {
    clock.advance(Duration.ofMillis(1500));

    assertEquals(Duration.ofMillis(1500), model.elapsed());
    assertFalse(model.snapshot().totalsFinal());
  }

  /** Totals set directly by the test. */
  private static final class FakeTotals implements ProgressModel.Totals {
    long entries;
    long bytes;
    boolean finished;

    @Override
    public long entries() {
      return entries;
    }

    @Override
    public long bytes() {
      return bytes;
    }

    @Override
    public boolean finished() {
      return finished;
    }
  }
}
