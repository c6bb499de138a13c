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
 * {@code seconds = a * files + b * MiB} over them gives {@code a} and {@code b}, which are applied
 * to the files and bytes still to do. The buckets of the last {@link #WINDOW} count fully, older
 * ones a twentieth: a slow phase passes out of the estimate, while a cost the recent buckets say
 * nothing about (no file ended while one big file streamed) is still known from before. A small
 * ridge term keeps the fit stable when files and bytes moved in step; it then splits the time
 * between them, which predicts the same for work of the same mix.
 *
 * <p>Largest first also means that the first seconds may end no file at all: every worker
 * streams a big one, and nothing yet tells what a small file costs. Until files tell, the cost
 * of one is taken to be what the walk spent on each entry it listed ({@link #listed}): both are
 * the same file system's metadata work. It counts as one {@link #PRIOR} of watching, and only
 * until buckets in which files ended can say better.
 */
final class EtaModel {
  /** The length of a bucket: long enough that a batch of files ending at once is not noise. */
  static final Duration BUCKET = Duration.ofMillis(500);
  /** How far back buckets count fully. */
  static final Duration WINDOW = Duration.ofSeconds(20);
  /** How long nothing may move before the display says so instead of an estimate. */
  static final Duration STALL = Duration.ofSeconds(5);
  /** How much must have been watched before an estimate is given. */
  static final Duration LEARNING = Duration.ofSeconds(2);

  /** How much watching the walk's cost per entry is worth, as a guess at a file's cost. */
  static final Duration PRIOR = Duration.ofSeconds(1);
  /**
   * Buckets in which files ended that make the guess unneeded. Least squares weighs a bucket by
   * the square of its count, so a guess kept longer would outweigh the files themselves when it
   * is off (a walk over cached metadata is far quicker than copies that read cold data).
   */
  private static final int FILES_TELL = 2;
  /** A bucket in which a big file or two ended says little about small ones. */
  private static final int FILES_IN_A_TELLING_BUCKET = 8;

  private static final double OLDER_WEIGHT = 0.05;
  private static final double RIDGE = 0.01;
  private static final double MIB = 1 << 20;

  /**
   * The work done in one bucket of {@code seconds}, ending at {@code end} nanoseconds: files and
   * MiB done (the fit's), and MiB written (the rate's: an unchanged file is done, not written).
   */
  private record Bucket(long end, double seconds, double files, double mib, double written) {}

  private final Deque<Bucket> recent = new ArrayDeque<>();
  private final Sums older = new Sums();
  private final Sums prior = new Sums();
  private long watched;
  private long bucketStart;
  private long filesAtStart;
  private long bytesAtStart;
  private long writtenAtStart;
  private long lastFiles;
  private long lastBytes;
  private long lastMoved;
  /** Buckets in which enough files ended to tell what one costs. */
  private int fileBuckets;

  /**
   * Takes in the files and bytes done, and the bytes {@code written}, by {@code now} nanoseconds
   * since the run began.
   */
  void observe(long now, long files, long bytes, long written) {
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
    }
    recent.addLast(new Bucket(now, span / 1e9, files - filesAtStart,
        (bytes - bytesAtStart) / MIB, (written - writtenAtStart) / MIB));
    watched += span;
    bucketStart = now;
    filesAtStart = files;
    bytesAtStart = bytes;
    writtenAtStart = written;
    while (now - recent.peekFirst().end() >= WINDOW.toNanos()) {
      older.add(recent.removeFirst(), OLDER_WEIGHT);
    }
  }

  /**
   * The walk found {@code entries} in {@code nanos}: a first guess at what a file costs (see the
   * class comment), until the run's own files tell.
   */
  void listed(long nanos, long entries) {
    if (entries > 0 && nanos > 0) {
      double seconds = PRIOR.toNanos() / 1e9;
      double files = seconds / (nanos / 1e9 / entries);
      prior.add(new Bucket(0, seconds, files, 0, 0), 1);
    }
  }

  /**
   * Returns the estimate at {@code now} for {@code filesLeft} and {@code bytesLeft} still to do;
   * {@code listing} while those still grow.
   */
  Eta estimate(long now, long filesLeft, long bytesLeft, boolean listing) {
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
    if (fileBuckets < FILES_TELL) {
      all.add(prior);
    }
    Cost cost = all.fit();
    if (cost == null) {
      return Eta.UNKNOWN;
    }
    return Eta.known(cost.perFile() * Math.max(0, filesLeft)
        + cost.perMib() * Math.max(0, bytesLeft) / MIB);
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

  /** Seconds per file and per MiB. */
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
      ft += w * b.files() * b.seconds();
      mt += w * b.mib() * b.seconds();
    }

    void add(Sums other) {
      ff += other.ff;
      fm += other.fm;
      mm += other.mm;
      ft += other.ft;
      mt += other.mt;
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
