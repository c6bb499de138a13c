package dev.pcopy.copy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class QuickCheckTest {
  private static final Instant T = Instant.ofEpochSecond(1_700_000_000L, 123_456_789);

  @Test
  void unchanged_sameSizeAndExactTime() {
    assertTrue(QuickCheck.unchanged(10, T, 10, T));
  }

  @Test
  void changed_whenSizesDiffer() {
    assertFalse(QuickCheck.unchanged(10, T, 11, T));
    assertFalse(QuickCheck.unchanged(0, T, 10, T));
  }

  @Test
  void changed_whenTimesDifferInNanoseconds() {
    assertFalse(QuickCheck.unchanged(10, T, 10, T.plusNanos(1)));
  }

  @Test
  void unchanged_whenTheTargetKeepsWholeSecondsOnly() {
    Instant truncated = Instant.ofEpochSecond(T.getEpochSecond());

    assertTrue(QuickCheck.unchanged(10, T, 10, truncated));
  }

  @Test
  void changed_whenWholeSecondTargetIsAnotherSecond() {
    assertFalse(QuickCheck.unchanged(10, T, 10, Instant.ofEpochSecond(T.getEpochSecond() + 1)));
    assertFalse(QuickCheck.unchanged(10, T, 10, Instant.ofEpochSecond(T.getEpochSecond() - 1)));
  }

  @Test
  void changed_whenOnlyTheSourceHasWholeSeconds() {
    Instant whole = Instant.ofEpochSecond(T.getEpochSecond());

    assertFalse(QuickCheck.unchanged(10, whole, 10, T));
  }

  @Test
  void unchanged_beforeTheEpochTruncatesToTheSameSecond() {
    // -1.5 s is second -2 plus 500 ms; a file system keeping seconds stores -2.
    Instant source = Instant.ofEpochSecond(-2, 500_000_000);

    assertTrue(QuickCheck.unchanged(1, source, 1, Instant.ofEpochSecond(-2)));
    assertFalse(QuickCheck.unchanged(1, source, 1, Instant.ofEpochSecond(-1)));
  }

  @Test
  void unchanged_whenATimePast2262WasKeptToTheMicrosecond() {
    Instant future = Instant.parse("2300-01-01T00:00:00.999999999Z");

    assertTrue(QuickCheck.unchanged(10, future, 10, Instant.parse("2300-01-01T00:00:00.999999Z")));
    assertFalse(QuickCheck.unchanged(10, future, 10, Instant.parse("2300-01-01T00:00:00.999998Z")));
  }

  @Test
  void unchanged_whenATimePast2262StoppedAtTheLastNanosecondTime() {
    Instant future = Instant.parse("2300-01-01T00:00:00Z");

    assertTrue(QuickCheck.unchanged(10, future, 10, QuickCheck.LAST_NANO_TIME));
    assertFalse(QuickCheck.unchanged(10, T, 10, QuickCheck.LAST_NANO_TIME));
  }
}
