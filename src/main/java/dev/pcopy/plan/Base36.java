package dev.pcopy.plan;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Fixed-width lowercase base 36, the alphabet of the run id in a temporary name. Fixed widths
 * and one case make the parse strict: a name that differs from what {@link #encode} writes is
 * refused, never read generously.
 */
final class Base36 {
  private Base36() {}

  /** Returns 36 to the power {@code width}: the number of values {@code width} digits hold. */
  static long bound(int width) {
    long bound = 1;
    for (int i = 0; i < width; i++) {
      bound *= 36;
    }
    return bound;
  }

  /** Writes {@code value}, which must be below {@link #bound}, as exactly {@code width} digits. */
  static String encode(long value, int width) {
    if (value < 0 || value >= bound(width)) {
      throw new IllegalArgumentException(value + " does not fit in " + width + " base-36 digits");
    }
    String digits = Long.toString(value, 36);
    return "0".repeat(width - digits.length()) + digits;
  }

  /** Returns a CRC-32 of {@code text}'s UTF-8 bytes, folded into {@code width} digits. */
  static String checksum(String text, int width) {
    CRC32 crc = new CRC32();
    crc.update(text.getBytes(StandardCharsets.UTF_8));
    return encode(crc.getValue() % bound(width), width);
  }

  /**
   * Reads the {@code width} characters of {@code text} at {@code start}, or returns -1 unless
   * each is one of {@code 0-9a-z}. {@link Long#parseLong} alone would also take upper case and a
   * sign.
   */
  static long decode(String text, int start, int width) {
    if (start < 0 || start + width > text.length()) {
      return -1;
    }
    long value = 0;
    for (int i = start; i < start + width; i++) {
      int digit = digit(text.charAt(i));
      if (digit < 0) {
        return -1;
      }
      value = value * 36 + digit;
    }
    return value;
  }

  private static int digit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 10;
    }
    return -1;
  }
}
