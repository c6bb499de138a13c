package dev.pcopy.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A {@link Clock} that stands still until a test moves it, after jimfs's FakeFileTimeSource. */
public final class ManualClock extends Clock {
  private volatile Instant now;

  /** Starts the clock at {@code start}. */
  public ManualClock(Instant start) {
    this.now = start;
  }

  /** Starts the clock at an arbitrary fixed instant. */
  public ManualClock() {
    this(Instant.parse("2026-01-02T03:04:05Z"));
  }

  /** Moves the clock forward by {@code step}. */
  public ManualClock advance(Duration step) {
    now = now.plus(step);
    return this;
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a ManualClock is always UTC");
  }
}
