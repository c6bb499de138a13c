package dev.pcopy.plan;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.fs.Timestamp;
import org.junit.jupiter.api.Test;

class QuickCheckTest {
  private static final Timestamp T = at(1_700_000_000L, 123_456_789);

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
    assertFalse(QuickCheck.unchanged(10, T, 10, at(T.seconds(), T.nanos() + 1)));
  }

  @Test
  void unchanged_whenTheTargetKeepsWholeSecondsOnly() {
    Timestamp truncated = at(T.seconds(), 0);

    assertTrue(QuickCheck.unchanged(10, T, 10, truncated));
  }

  @Test
  void changed_whenWholeSecondTargetIsAnotherSecond() {
    assertFalse(QuickCheck.unchanged(10, T, 10, at(T.seconds() + 1, 0)));
    assertFalse(QuickCheck.unchanged(10, T, 10, at(T.seconds() - 1, 0)));
  }

  @Test
  void changed_whenOnlyTheSourceHasWholeSeconds() {
    Timestamp whole = at(T.seconds(), 0);

    assertFalse(QuickCheck.unchanged(10, whole, 10, T));
  }

  @Test
  void unchanged_beforeTheEpochTruncatesToTheSameSecond() {
    // -1.5 s is second -2 plus 500 ms; a file system keeping seconds stores -2.
    Timestamp source = at(-2, 500_000_000);

    assertTrue(QuickCheck.unchanged(1, source, 1, at(-2, 0)));
    assertFalse(QuickCheck.unchanged(1, source, 1, at(-1, 0)));
  }

  private static Timestamp at(long seconds, int nanos) {
    return new Timestamp(seconds, nanos);
  }
}
