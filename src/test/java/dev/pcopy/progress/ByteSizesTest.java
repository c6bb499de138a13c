package dev.pcopy.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ByteSizesTest {

  @Test
  void format_showsWholeBytesBelowOneKibibyte() {
    assertEquals("0 B", ByteSizes.format(0));
    assertEquals("1023 B", ByteSizes.format(1023));
  }

  @Test
  void format_usesTheLargestBinaryUnitWithOneDecimal() {
    assertEquals("1.0 KiB", ByteSizes.format(1024));
    assertEquals("1.5 KiB", ByteSizes.format(1536));
    assertEquals("1.0 MiB", ByteSizes.format(1L << 20));
    assertEquals("4.5 GiB", ByteSizes.format(4L * (1L << 30) + (1L << 29)));
    assertEquals("2.0 TiB", ByteSizes.format(2L << 40));
  }

  @Test
  void format_largestValueStaysInExbibytes() {
    assertEquals("8.0 EiB", ByteSizes.format(Long.MAX_VALUE));
  }

  @Test
  void rate_appendsPerSecond() {
    assertEquals("80.0 MiB/s", ByteSizes.rate(80.0 * (1 << 20)));
    assertEquals("0 B/s", ByteSizes.rate(0));
  }

  @Test
  void rate_showsUnknownForNegativeNanAndInfinite() {
    assertEquals("? B/s", ByteSizes.rate(-1));
    assertEquals("? B/s", ByteSizes.rate(Double.NaN));
    assertEquals("? B/s", ByteSizes.rate(Double.POSITIVE_INFINITY));
  }

  @Test
  void duration_secondsBelowAMinute() {
    assertEquals("0.0 s", ByteSizes.duration(0));
    assertEquals("42.5 s", ByteSizes.duration(42.5));
  }

  @Test
  void duration_minutesAndSecondsBelowAnHour() {
    assertEquals("1:00", ByteSizes.duration(60));
    assertEquals("3:05", ByteSizes.duration(185));
    assertEquals("59:59", ByteSizes.duration(3599));
  }

  @Test
  void duration_hoursMinutesAndSeconds() {
    assertEquals("1:00:00", ByteSizes.duration(3599.6));
    assertEquals("1:02:03", ByteSizes.duration(3723));
    assertEquals("100:00:00", ByteSizes.duration(360_000));
  }

  @Test
  void pair_putsBothNumbersInTheUnitOfTheTotal_whichFollowsTheTotal() {
    assertEquals("300/900 B", ByteSizes.pair(300, 900));
    assertEquals("0.5/900.0 KiB", ByteSizes.pair(512, 900 * 1024));
    assertEquals("0.0/1.0 GiB", ByteSizes.pair(1024, 1L << 30));
    assertEquals("1.2/4.5+ GiB", ByteSizes.pair(1288490189L, 4831838208L, true));
  }

  @Test
  void clock_hasOneFormForEveryLength() {
    assertEquals("0:00", ByteSizes.clock(0));
    assertEquals("0:07", ByteSizes.clock(7.4));
    assertEquals("12:34", ByteSizes.clock(754));
    assertEquals("1:02:03", ByteSizes.clock(3723));
    assertEquals("0:00", ByteSizes.clock(-3));
  }

  @Test
  void shortRate_isNeverWiderThanItsFixedWidth() {
    assertEquals("9.8 MiB/s", ByteSizes.shortRate(9.8 * (1 << 20)));
    assertEquals("987 MiB/s", ByteSizes.shortRate(987.4 * (1 << 20)));
    assertEquals("512 B/s", ByteSizes.shortRate(512));
    for (double rate = 1; rate < 1e16; rate *= 1.07) {
      assertTrue(ByteSizes.shortRate(rate).length() <= ByteSizes.SHORT_RATE_WIDTH,
          ByteSizes.shortRate(rate));
    }
  }
}
