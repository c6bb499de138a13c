package dev.pcopy.select;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a size such as {@code 100}, {@code 10K}, {@code 1.5GiB} or {@code 64mb}, for
 * {@code --min-size} and {@code --max-size}.
 *
 * <p>A number of bytes, optionally with a fraction, then optionally a unit, in any case:
 * {@code B}, or {@code K}, {@code M}, {@code G}, {@code T}, each alone or followed by {@code B}
 * or {@code iB}. Every unit is a power of 1024 ({@code 1K} = {@code 1KB} = {@code 1KiB} = 1024
 * bytes). A fraction of a byte is dropped ({@code 1.5} is 1).
 */
public final class ByteSize {
  private static final Map<String, Long> UNITS = units();
  private static final String UNIT_HELP =
      "use B, K, M, G or T (powers of 1024), e.g. 10M or 1.5GiB";

  private ByteSize() {}

  /**
   * Returns the number of bytes {@code text} stands for.
   *
   * @param option the option it was given to, for the message ({@code --max-size})
   * @throws SelectionException naming the option and the value, e.g.
   *     {@code --max-size: cannot read '10X': unknown unit 'X' (use B, K, M, G or T ...)}
   */
  public static long parse(String option, String text) throws SelectionException {
    int i = 0;
    while (i < text.length() && isDigit(text.charAt(i))) {
      i++;
    }
    if (i == 0) {
      throw cannotRead(option, text, "expected a number of bytes, optionally with a unit ("
          + UNIT_HELP + ")");
    }
    if (i < text.length() && text.charAt(i) == '.') {
      int fraction = ++i;
      while (i < text.length() && isDigit(text.charAt(i))) {
        i++;
      }
      if (i == fraction) {
        throw cannotRead(option, text, "expected digits after '.'");
      }
    }
    String unit = text.substring(i);
    Long multiplier = UNITS.get(unit.toLowerCase(Locale.ROOT));
    if (multiplier == null) {
      throw cannotRead(option, text, "unknown unit '"
          + Shown.bytes(unit.getBytes(StandardCharsets.UTF_8)) + "' (" + UNIT_HELP + ")");
    }
    try {
      return new BigDecimal(text.substring(0, i)).multiply(BigDecimal.valueOf(multiplier))
          .setScale(0, RoundingMode.DOWN).longValueExact();
    } catch (ArithmeticException e) {
      throw cannotRead(option, text, "too large (at most 8 EiB)");
    }
  }

  private static boolean isDigit(char c) {
    // Character.isDigit would take other scripts' digits, which BigDecimal also reads.
    return c >= '0' && c <= '9';
  }

  private static SelectionException cannotRead(String option, String text, String why) {
    // The value may hold anything the shell passed, escape sequences included.
    String shown = Shown.bytes(text.getBytes(StandardCharsets.UTF_8));
    return new SelectionException(option + ": cannot read '" + shown + "': " + why);
  }

  private static Map<String, Long> units() {
    Map<String, Long> units = new HashMap<>();
    units.put("", 1L);
    units.put("b", 1L);
    String letters = "kmgt";
    for (int i = 0; i < letters.length(); i++) {
      long value = 1L << (10 * (i + 1));
      String letter = letters.substring(i, i + 1);
      units.put(letter, value);
      units.put(letter + "b", value);
      units.put(letter + "ib", value);
    }
    return Map.copyOf(units);
  }
}
