package dev.pcopy.progress;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Progress for logs and pipes: a whole line every interval, never a carriage return or an escape
 * sequence, so that a CI log or {@code tee} file reads cleanly.
 */
public final class PlainLineSink implements ProgressSink {
  private final PrintStream err;
  private final Clock clock;
  private final Duration interval;
  private final Units units;
  private Instant nextLine;

  /**
   * @param err where lines go
   * @param clock time source
   * @param interval time between progress lines; {@link Duration#ZERO} prints none
   * @param units how sizes and rates read
   */
  public PlainLineSink(PrintStream err, Clock clock, Duration interval, Units units) {
    this.err = err;
    this.clock = clock;
    this.interval = interval;
    this.units = units;
    this.nextLine = clock.instant().plus(interval);
  }

  @Override
  public void update(Snapshot snapshot) {
    if (interval.isZero()) {
      return;
    }
    Instant now = clock.instant();
    if (!now.isBefore(nextLine)) {
      err.println("pcopy: " + ProgressLine.format(snapshot, units));
      err.flush();
      nextLine = now.plus(interval);
    }
  }

  @Override
  public void message(String line) {
    err.println(line);
    err.flush();
  }

  @Override
  public void close() {
    err.flush();
  }
}
