package dev.pcopy.progress;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Learns what a file and a byte cost in this run, and from them estimates the time the work left
 * will take. Pure: it is told the time, so tests drive it with made-up runs.
 *
 * <p>A copy of many small files and a few big ones costs time per file (open, create, metadata,
 * rename) and time per byte, and pcopy hands out the largest files first, so the bytes are nearly
 * all done while most files are not. A rate of bytes alone then promises the end long before it
 * comes. Here the run is cut into buckets of about half a second, and a least-squares fit of
 * {@code work = a * files + b * MiB} over them gives {@code a} and {@code b}, which are applied
 * to the files and bytes still to do and shared among the workers. The work is workers' time, the
 * sum of the time each worker held a task, not the run's time: while one worker streams a big
 * file, another copies small ones beside it, and a fit of the run's time would credit each half
 * a second to both and find both costs half what they are, once one kind of work is left. The
 * buckets of the last {@link #WINDOW} count fully, older
 * ones a twentieth: a slow phase passes out of the estimate, while a cost the recent buckets say
 * nothing about (no file ended while one big file streamed) is still known from before. A small
 * ridge term keeps the fit stable when files and bytes moved in step; it then splits the time
 * between them, which predicts the same for work of the same mix.
 *
 * <p>Largest first also means that the first seconds may end no file at all: every worker
 * streams a big one, and nothing yet tells what a small file costs. So the fit starts from a
 * guess: {@link #WALK_TO_COPY} times what the walk spent on each entry it listed
 * ({@link #listed}), the same file system's metadata work (a copy of a small file cost 1.4 to 12
 * times a listed entry in the runs measured for the issue: warm and cold caches, a busy machine).
 * Until a bucket has ended files the guess stands alone; then it counts as
 * {@link #PRIOR_BUCKETS} buckets of the size seen so far, so the first few buckets of small
 * files (often slow: new directories, cold handles) move the estimate without throwing it. The
 * buckets from before the walk ended count as older ones: until then the walk's threads took
 * their share of the processors, and the copies went slower than they will.
 */
final class EtaModel {
  /** The length of a bucket: long enough that a batch of files ending at once is not noise. */
  static final Duration BUCKET = Duration.ofMillis(500);
  /** How far back buckets count fully. */
  static final Duration WINDOW = Duration.ofSeconds(20);
  /** How long nothing may move before the display says so instead of an estimate. */
  static final Duration STALL = Duration.ofSeconds(5);
  /**
   * How long nothing may move before an estimate that promised the end within half that time
   * gives way to saying so: longer than a worker's quiet spell between two reports.
   */
  static final Duration SOON_STALL = Duration.ofSeconds(2);
  /** How much must have been watched before an estimate is given. */
  static final Duration LEARNING = Duration.ofSeconds(2);

  /**
   * How many buckets the walk's guess at a file's cost is worth once files have ended. Least
   * squares weighs a bucket by the square of its count, so the guess is given the weight of
   * buckets of the size seen, never a fixed one that would outweigh the files themselves.
   */
  static final int PRIOR_BUCKETS = 2;
  /** A small file's copy in listed entries' time: the middle of what was measured. */
  static final double WALK_TO_COPY = 3;
  /** A bucket in which a big file or two ended says little about small ones. */
  private static final int FILES_IN_A_TELLING_BUCKET = 8;

  private static final double OLDER_WEIGHT = 0.05;
  private static final double RIDGE = 0.01;
  private static final double MIB = 1 << 20;

  /**
   * The work done in one bucket of {@code seconds}, ending at {@code end} nanoseconds: the
   * workers' seconds spent, files and MiB done (the fit's), and MiB written (the rate's: an
   * unchanged file is done, not written).
   */
  private record Bucket(long end, double seconds, double work, double files, double mib,
      double written) {}

  private final Deque<Bucket> recent = new ArrayDeque<>();
  private final Sums older = new Sums();
  private long watched;
  private long bucketStart;
  private long filesAtStart;
  private long bytesAtStart;
  private long writtenAtStart;
  private long workAtStart;
  private long lastFiles;
  private long lastBytes;
  private long lastMoved;
  /**
   * Buckets in which enough files ended to tell what one costs, and their counts squared, each
   * at its weight in the fit.
   */
  private int fileBuckets;
  private double fileBucketsSquares;
  /** The guessed seconds a file costs ({@link #WALK_TO_COPY} walk entries), 0 before it ended. */
  private double guessPerFile;

  /**
   * Takes in the files and bytes done, the bytes {@code written} and the workers' time
   * {@code work} spent, by {@code now} nanoseconds since the run began.
   */
  void observe(long now, long files, long bytes, long written, long work) {
    if (files != lastFiles || bytes != lastBytes) {
      lastFiles = files;
      lastBytes = bytes;
      lastMoved = now;
    }
    long span = now - bucketStart;
    if (span < BUCKET.toNanos()) {
      return;
    }
    if (files - filesAtStart >= FILES_IN_A_TELLING_BUCKET) {
      fileBuckets++;
      fileBucketsSquares += (double) (files - filesAtStart) * (files - filesAtStart);
    }
    recent.addLast(new Bucket(now, span / 1e9, (work - workAtStart) / 1e9,
        files - filesAtStart, (bytes - bytesAtStart) / MIB, (written - writtenAtStart) / MIB));
    watched += span;
    bucketStart = now;
    filesAtStart = files;
    bytesAtStart = bytes;
    writtenAtStart = written;
    workAtStart = work;
    while (now - recent.peekFirst().end() >= WINDOW.toNanos()) {
      makeOlder(recent.removeFirst());
    }
  }

  /**
   * The walk found {@code entries} in {@code nanos}: a first guess at what a file costs (see the
   * class comment), until the run's own files tell.
   */
  void listed(long nanos, long entries) {
    if (entries > 0 && nanos > 0) {
      guessPerFile = WALK_TO_COPY * nanos / 1e9 / entries;
    }
    // The walk's threads took their share of the processors until now: what files and bytes
    // cost from here on is seen best in the buckets to come.
    while (!recent.isEmpty()) {
      makeOlder(recent.removeFirst());
    }
  }

  /** Counts {@code b} at an older bucket's weight, in the guess's weight too. */
  private void makeOlder(Bucket b) {
    older.add(b, OLDER_WEIGHT);
    if (b.files() >= FILES_IN_A_TELLING_BUCKET) {
      fileBucketsSquares -= (1 - OLDER_WEIGHT) * b.files() * b.files();
    }
  }

  /**
   * Returns the estimate at {@code now} for {@code filesLeft} and {@code bytesLeft} still to do
   * by {@code workers} workers; {@code listing} while those still grow.
   */
  Eta estimate(long now, long filesLeft, long bytesLeft, boolean listing, int workers) {
    if (listing) {
      return Eta.LISTING;
    }
    long idle = now - lastMoved;
    if (idle >= STALL.toNanos()) {
      return Eta.stalled(Duration.ofNanos(idle));
    }
    if (filesLeft <= 0 && bytesLeft <= 0) {
      return Eta.known(0);
    }
    if (watched < LEARNING.toNanos()) {
      return Eta.UNKNOWN;
    }
    Sums all = older.copy();
    for (Bucket b : recent) {
      all.add(b, 1);
    }
    int sharing = Math.max(1, workers);
    if (guessPerFile > 0) {
      // Before files end, buckets as full as the guess says (a big file that ended is no
      // measure of a small file's cost); after, buckets of the size and weight seen. The walk's
      // time is the run's, so a file's guessed work is that much for each worker.
      double perBucket = BUCKET.toNanos() / 1e9 / guessPerFile;
      double squares = PRIOR_BUCKETS * (fileBuckets == 0 ? perBucket * perBucket
          : fileBucketsSquares / fileBuckets);
      all.ff += squares;
      all.ft += squares * guessPerFile * sharing;
    }
    Cost cost = all.fit();
    if (cost == null) {
      return Eta.UNKNOWN;
    }
    double seconds = (cost.perFile() * Math.max(0, filesLeft)
        + cost.perMib() * Math.max(0, bytesLeft) / MIB) / sharing;
    // Nothing has moved for twice the time the estimate gave: it is proven wrong already (the
    // workers stopped, a mount hung), and a near end that never comes is the lie to avoid.
    if (idle >= SOON_STALL.toNanos() && idle / 1e9 > 2 * seconds) {
      return Eta.stalled(Duration.ofNanos(idle));
    }
    return Eta.known(seconds);
  }

  /**
   * Returns the bytes written per second in the recent buckets and the one still open
   * ({@code written} by {@code now}), so that the bytes of a short run's end count too.
   */
  double rate(long now, long written) {
    double seconds = (now - bucketStart) / 1e9;
    double mib = (written - writtenAtStart) / MIB;
    for (Bucket b : recent) {
      seconds += b.seconds();
      mib += b.written();
    }
    return seconds > 0 ? Math.max(0, mib * MIB / seconds) : 0;
  }

  /** Workers' seconds per file and per MiB. */
  record Cost(double perFile, double perMib) {}

  /** The weighted sums of the least-squares fit's normal equations. */
  private static final class Sums {
    private double ff;
    private double fm;
    private double mm;
    private double ft;
    private double mt;

    void add(Bucket b, double w) {
      ff += w * b.files() * b.files();
      fm += w * b.files() * b.mib();
      mm += w * b.mib() * b.mib();
      ft += w * b.files() * b.work();
      mt += w * b.mib() * b.work();
    }

    Sums copy() {
      Sums c = new Sums();
      c.ff = ff;
      c.fm = fm;
      c.mm = mm;
      c.ft = ft;
      c.mt = mt;
      return c;
    }

    /** Returns the costs that fit best, neither negative, or null if nothing has moved. */
    Cost fit() {
      if (ff <= 0 && mm <= 0) {
        return null;
      }
      if (mm <= 0) {
        return new Cost(Math.max(0, ft / ff), 0);
      }
      if (ff <= 0) {
        return new Cost(0, Math.max(0, mt / mm));
      }
      // In units where each variable's sum of squares is 1, so the ridge treats both alike.
      double sf = Math.sqrt(ff);
      double sm = Math.sqrt(mm);
      double rho = fm / (sf * sm);
      double d1 = ft / sf;
      double d2 = mt / sm;
      double diag = 1 + RIDGE;
      double det = diag * diag - rho * rho;
      double perFile = (diag * d1 - rho * d2) / det / sf;
      double perMib = (diag * d2 - rho * d1) / det / sm;
      if (perFile < 0) {
        return new Cost(0, Math.max(0, mt / mm));
      }
      if (perMib < 0) {
        return new Cost(Math.max(0, ft / ff), 0);
      }
      return new Cost(perFile, perMib);
    }
  }
}
