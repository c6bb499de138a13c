package dev.pcopy.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Sizes and rates in IEC units, and raw with {@code --bytes}. */
class UnitsTest {
  private static final long GIB = 1L << 30;

  @Test
  void iec_isWhatByteSizesWrites() {
    assertEquals("1.5 GiB", Units.IEC.size(GIB + GIB / 2));
    assertEquals("1.2/4.5+ GiB", Units.IEC.pair(GIB + GIB / 5, 4 * GIB + GIB / 2, true));
    assertEquals("80.0 MiB/s", Units.IEC.rate(80 << 20));
    assertEquals(ByteSizes.SHORT_RATE_WIDTH, Units.IEC.shortRateWidth());
  }

  @Test
  void bytes_areWholeNumbers() {
    assertEquals("1610612736 B", Units.BYTES.size(GIB + GIB / 2));
    assertEquals("0 B", Units.BYTES.size(0));
    assertEquals("1288490188/4831838208+ B",
        Units.BYTES.pair(GIB + GIB / 5, 4 * GIB + GIB / 2, true));
    assertEquals("7/9 B", Units.BYTES.pair(7, 9, false));
    assertEquals("83886080 B/s", Units.BYTES.rate(80 << 20));
    assertEquals("83886080 B/s", Units.BYTES.shortRate(80 << 20));
  }

  @Test
  void bytes_anUnknownRateReadsAsUnknown_andTheShortRateKeepsToItsWidth() {
    assertEquals("? B/s", Units.BYTES.rate(Double.NaN));
    assertEquals("? B/s", Units.BYTES.shortRate(Double.POSITIVE_INFINITY));
    assertTrue(Units.BYTES.shortRate(1e30).length() <= Units.BYTES.shortRateWidth());
  }
}
