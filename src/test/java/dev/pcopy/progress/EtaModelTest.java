package dev.pcopy.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The ETA on made-up runs: files handed out largest first, each costing a time per file and a
 * time per byte, watched every 100 ms as the coordinator does, and compared with the real end.
 */
class EtaModelTest {
  private static final long MIB = 1L << 20;
  private static final long STEP = Duration.ofMillis(100).toNanos();
  private static final double PER_FILE = 0.0003;
  private static final double PER_MIB = 0.004;

  /** Where a made-up run is at one moment, and the workers' time spent ({@code work}). */
  private record Point(long nanos, long files, long bytes, long work) {}

  /** A made-up run: where it was every {@link #STEP}, on how many workers. */
  private record Run(List<Point> points, int workers) {
    Point end() {
      return points.get(points.size() - 1);
    }
  }

  /** One worker's place in the task it holds. */
  private static final class Worker {
    List<Long> task;
    int file;
    double fileCostLeft;
    long bytesLeft;

    void take(List<Long> next) {
      task = next;
      file = 0;
      fileCostLeft = PER_FILE;
      bytesLeft = next.get(0);
    }
  }

  /**
   * Runs {@code tasks} (batches of file sizes, or one file each) on {@code workers} workers that
   * share one disk, at {@code speed(t)} times the base costs, as the coordinator hands them out:
   * in order, to a worker as soon as it has none. Files count when their task ends, as pcopy's do;
   * bytes as they are written.
   */
  private static Run run(List<List<Long>> tasks, int workers, DoubleUnaryOperator speed) {
    return run(tasks, workers, speed, true);
  }

  /**
   * As {@link #run(List, int, DoubleUnaryOperator)}, with workers that each have a processor
   * and a disk of their own unless {@code shared}.
   */
  private static Run run(List<List<Long>> tasks, int workers, DoubleUnaryOperator speed,
      boolean shared) {
    List<Point> points = new ArrayList<>();
    List<Worker> pool = new ArrayList<>();
    for (int i = 0; i < workers; i++) {
      pool.add(new Worker());
    }
    int next = 0;
    long now = 0;
    long files = 0;
    long bytes = 0;
    long work = 0;
    points.add(new Point(0, 0, 0, 0));
    while (true) {
      for (Worker w : pool) {
        if (w.task == null && next < tasks.size()) {
          w.take(tasks.get(next++));
        }
      }
      List<Worker> busy = pool.stream().filter(w -> w.task != null).toList();
      if (busy.isEmpty()) {
        return new Run(points, workers);
      }
      work += STEP * busy.size();
      for (Worker w : busy) {
        double budget = STEP / 1e9 * speed.applyAsDouble(now / 1e9)
            / (shared ? busy.size() : 1);
        while (budget > 0 && w.task != null) {
          if (w.fileCostLeft > 0) {
            double spent = Math.min(budget, w.fileCostLeft);
            w.fileCostLeft -= spent;
            budget -= spent;
            continue;
          }
          long n = Math.min(w.bytesLeft, (long) (budget / PER_MIB * MIB));
          bytes += n;
          w.bytesLeft -= n;
          budget -= n * PER_MIB / MIB;
          if (w.bytesLeft > 0) {
            break;
          }
          if (++w.file == w.task.size()) {
            files += w.task.size();
            w.task = null;
            if (next < tasks.size()) {
              w.take(tasks.get(next++));
            }
          } else {
            w.fileCostLeft = PER_FILE;
            w.bytesLeft = w.task.get(w.file);
          }
        }
      }
      now += STEP;
      points.add(new Point(now, files, bytes, work));
    }
  }

  /** Batches of {@code count} small files, 128 a batch, as the walk makes them. */
  private static List<List<Long>> batches(int count, long size) {
    List<List<Long>> tasks = new ArrayList<>();
    for (int i = 0; i < count; i += 128) {
      tasks.add(Collections.nCopies(Math.min(128, count - i), size));
    }
    return tasks;
  }

  /**
   * 30,000 small files and three of 300 MiB, on two workers, in the order pcopy hands them out:
   * the first batches the walk found before it found the big files, then the big files (largest
   * first), then the rest.
   */
  private static List<List<Long>> bigThenSmall() {
    return bigThenSmall(30_000);
  }

  /** As {@link #bigThenSmall()}, with {@code files} small files. */
  private static List<List<Long>> bigThenSmall(int files) {
    List<List<Long>> small = batches(files, 4096);
    List<List<Long>> tasks = new ArrayList<>(small.subList(0, 4));
    for (int i = 0; i < 3; i++) {
      tasks.add(List.of(300 * MIB));
    }
    tasks.addAll(small.subList(4, small.size()));
    return tasks;
  }

  /** Returns the relative error of the estimate at the {@code fraction} of the run's time. */
  private static double errorAt(Run run, double fraction) {
    return errorAt(new EtaModel(), run, fraction);
  }

  private static double errorAt(EtaModel model, Run run, double fraction) {
    Point end = run.end();
    long at = (long) (end.nanos() * fraction);
    Eta eta = null;
    for (Point p : run.points()) {
      model.observe(p.nanos(), p.files(), p.bytes(), p.bytes(), p.work());
      eta = model.estimate(p.nanos(), end.files() - p.files(), end.bytes() - p.bytes(), false,
          run.workers());
      if (p.nanos() >= at) {
        double real = (end.nanos() - p.nanos()) / 1e9;
        assertEquals(Eta.State.KNOWN, eta.state(), "at " + fraction);
        return Math.abs(eta.seconds() - real) / real;
      }
    }
    throw new AssertionError("the run ended before " + fraction);
  }

  @Test
  void largestFirst_estimateHoldsAtAQuarterHalfAndThreeQuartersOfTheRun() {
    Run points = run(bigThenSmall(), 2, t -> 1);

    for (double fraction : new double[] {0.25, 0.5, 0.75}) {
      double error = errorAt(points, fraction);
      // The goal is 25 %; made-up runs are smoother than real ones.
      assertTrue(error < 0.15, "off by " + Math.round(error * 100) + "% at " + fraction);
    }
  }

  @Test
  void sideBySide_workersThatDoNotShareADisk_estimateHolds() {
    // Each worker on a processor and a disk of its own: one streams a big file while the other
    // copies small ones, so a half second of the run is a second of the workers' time.
    Run points = run(bigThenSmall(60_000), 2, t -> 1, false);

    for (double fraction : new double[] {0.25, 0.5, 0.75}) {
      double error = errorAt(points, fraction);
      assertTrue(error < 0.15, "off by " + Math.round(error * 100) + "% at " + fraction);
    }
  }

  @Test
  void largestFirst_aRateOfBytesAloneWouldBeFarTooLow() {
    // What the model is for: at half time the bytes are nearly all done, the files are not.
    Run points = run(bigThenSmall(), 2, t -> 1);
    Point end = points.end();
    Point half = points.points().get(points.points().size() / 2);
    double bytesOnly = half.nanos() / 1e9 * (end.bytes() - half.bytes()) / half.bytes();
    double real = (end.nanos() - half.nanos()) / 1e9;

    assertTrue(bytesOnly < real / 4, bytesOnly + " s by bytes, " + real + " s real");
    assertTrue(errorAt(points, 0.5) < 0.1);
  }

  @Test
  void bigFilesAlone_first_theWalksCostPerEntryStandsInForAFilesUntilFilesEnd() {
    List<List<Long>> tasks = new ArrayList<>(List.of(List.of(300 * MIB), List.of(300 * MIB),
        List.of(300 * MIB), List.of(300 * MIB)));
    tasks.addAll(batches(30_000, 4096));
    Run points = run(tasks, 2, t -> 1);
    assertTrue(points.points().get(points.points().size() / 4).files() <= 4,
        "a small file ended too soon");

    // A walk that listed each entry in 80 % of a file's time, as a warm cache does.
    EtaModel guessed = new EtaModel();
    guessed.listed(Duration.ofSeconds(3).toNanos(),
        (long) (3 * EtaModel.WALK_TO_COPY / (PER_FILE * 0.8)));
    double withGuess = errorAt(guessed, points, 0.25);
    // Without it, the big files that ended are all it knows of what a file costs.
    double without = errorAt(points, 0.25);

    assertTrue(withGuess < 0.25, "off by " + Math.round(withGuess * 100) + "%");
    assertTrue(without > 0.6, "bytes alone were off by only " + Math.round(without * 100)
        + "%");
  }

  @Test
  void aWrongGuess_fadesAsFilesTellTheirCost() {
    List<List<Long>> tasks = new ArrayList<>(List.of(List.of(300 * MIB)));
    tasks.addAll(batches(30_000, 4096));
    Run points = run(tasks, 2, t -> 1);
    EtaModel guessed = new EtaModel();
    guessed.listed(Duration.ofSeconds(1).toNanos(),
        (long) (EtaModel.WALK_TO_COPY / (PER_FILE / 10)));

    double error = errorAt(guessed, points, 0.75);

    assertTrue(error < 0.15, "off by " + Math.round(error * 100) + "%");
  }

  @Test
  void slowPhase_passesOutOfTheEstimateOnceTheWindowHasMovedOn() {
    // Three times slower from 5 s to 15 s (another job on the disk), then as before.
    Run points = run(batches(90_000, 64 * 1024L), 4, t -> t >= 5 && t < 15 ? 1 / 3.0
        : 1);
    Point end = points.end();
    double slowEnds = 15;
    double checkAt = slowEnds + EtaModel.WINDOW.toSeconds() + 2;
    assertTrue(end.nanos() / 1e9 > checkAt + 5, "the run is too short: " + end.nanos() / 1e9);

    double error = errorAt(points, checkAt / (end.nanos() / 1e9));

    assertTrue(error < 0.1, "off by " + Math.round(error * 100) + "%");
  }

  @Test
  void bucketsFromWhileTheWalkRan_countAsOld_onceItHasEnded() {
    // Twice as slow while the walk shares the processors, for 10 s; then as fast as it gets.
    EtaModel model = new EtaModel();
    long files = 0;
    long now = 0;
    for (int i = 1; i <= 100; i++) {
      now = i * STEP;
      files += 50;
      model.observe(now, files, files * 4096, files * 4096, now);
    }
    model.listed(now, 100_000);
    for (int i = 101; i <= 110; i++) {
      now = i * STEP;
      files += 100;
      model.observe(now, files, files * 4096, files * 4096, now);
    }

    // 10,000 files left at 1,000 a second: 10 s, not the 15 s an even mix would say.
    Eta eta = model.estimate(now, 10_000, 10_000 * 4096L, false, 1);
    assertEquals(10, eta.seconds(), 1.5);
  }

  /** One worker, 100 files and 10 MiB a second for 4 s; returns the time it ends at. */
  private static long steadyFor4Seconds(EtaModel model) {
    long now = 0;
    for (int i = 1; i <= 40; i++) {
      now = i * STEP;
      model.observe(now, i * 10L, i * MIB, i * MIB, now);
    }
    return now;
  }

  @Test
  void stall_isSaidInsteadOfAnEstimate_andTheEstimateComesBack() {
    EtaModel model = new EtaModel();
    long now = steadyFor4Seconds(model);
    assertEquals(Eta.State.KNOWN, model.estimate(now, 100, 10 * MIB, false, 1).state());

    long stuck = now + EtaModel.STALL.toNanos() + Duration.ofSeconds(2).toNanos();
    for (long t = now + STEP; t <= stuck; t += STEP) {
      model.observe(t, 400, 40 * MIB, 40 * MIB, t);
    }
    Eta eta = model.estimate(stuck, 100, 10 * MIB, false, 1);

    assertEquals(Eta.State.STALLED, eta.state());
    assertEquals(Duration.ofNanos(stuck - now), eta.idle());
    assertEquals("no progress for 0:07", eta.text());
    model.observe(stuck + STEP, 401, 40 * MIB + 1, 40 * MIB + 1, stuck + STEP);
    assertEquals(Eta.State.KNOWN,
        model.estimate(stuck + STEP, 99, 10 * MIB, false, 1).state());
  }

  @Test
  void stall_ofAnEstimateOfTheEndSoon_isSaidSooner_butAQuietSpellIsNot() {
    EtaModel model = new EtaModel();
    long now = steadyFor4Seconds(model);
    // 1 MiB and 10 files left at 100 a second: about 0.1 s.
    assertTrue(model.estimate(now, 10, MIB, false, 1).seconds() < 0.5);

    long quiet = now + Duration.ofSeconds(1).toNanos();
    model.observe(quiet, 400, 40 * MIB, 40 * MIB, quiet);
    assertEquals(Eta.State.KNOWN, model.estimate(quiet, 10, MIB, false, 1).state(),
        "a second without a report is a quiet spell");
    long stuck = now + EtaModel.SOON_STALL.toNanos();
    model.observe(stuck, 400, 40 * MIB, 40 * MIB, stuck);
    Eta eta = model.estimate(stuck, 10, MIB, false, 1);

    assertEquals(Eta.State.STALLED, eta.state());
    assertEquals("no progress for 0:02", eta.text());
    // A long estimate stands until the usual stall time: a slow disk reports seldom.
    assertEquals(Eta.State.KNOWN, model.estimate(stuck, 100_000, 1000 * MIB, false, 1)
        .state());
  }

  @Test
  void growingTotal_givesNoEstimateUntilTheListingEnds() {
    EtaModel model = new EtaModel();
    for (int i = 1; i <= 40; i++) {
      model.observe(i * STEP, i * 10L, i * MIB, i * MIB, i * STEP);
    }

    assertEquals(Eta.LISTING, model.estimate(40 * STEP, 100, 10 * MIB, true, 1));
    assertEquals(Eta.State.KNOWN, model.estimate(40 * STEP, 100, 10 * MIB, false, 1).state());
  }

  @Test
  void start_givesNoEstimateBeforeItHasWatchedLongEnough() {
    EtaModel model = new EtaModel();
    long early = Duration.ofMillis(600).toNanos();
    model.observe(early, 5, MIB, MIB, early);

    assertEquals(Eta.UNKNOWN, model.estimate(early, 100, 10 * MIB,
        false, 1));
  }

  @Test
  void nothingLeft_isAnEstimateOfZero() {
    EtaModel model = new EtaModel();
    model.observe(STEP, 1, 1, 1, STEP);

    assertEquals(Eta.known(0), model.estimate(STEP, 0, 0, false, 1));
  }

  @Test
  void rate_isTheBytesWrittenInTheRecentWindow_notSinceTheStart() {
    EtaModel model = new EtaModel();
    long written = 0;
    long now = 0;
    for (int i = 1; i <= 300; i++) {
      now = i * STEP;
      // 100 MiB/s for 10 s, then 10 MiB/s for 20 s.
      written += i <= 100 ? 10 * MIB : MIB;
      model.observe(now, i, written, written, now);
    }

    assertEquals(10.0 * MIB, model.rate(now, written), 0.05 * MIB);
  }
}
