package dev.pcopy.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Sizes for {@code --min-size} and {@code --max-size}. */
class ByteSizeTest {

  @Test
  void parse_plainNumber_isBytes() throws SelectionException {
    assertEquals(0, parse("0"));
    assertEquals(1500, parse("1500"));
    assertEquals(1500, parse("1500B"));
    assertEquals(1500, parse("1500b"));
  }

  @Test
  void parse_unitLetters_arePowersOf1024() throws SelectionException {
    assertEquals(10L << 10, parse("10K"));
    assertEquals(64L << 20, parse("64M"));
    assertEquals(2L << 30, parse("2G"));
    assertEquals(3L << 40, parse("3T"));
  }

  @Test
  void parse_unitWithBOrIb_isTheSame() throws SelectionException {
    assertEquals(10L << 10, parse("10KB"));
    assertEquals(10L << 10, parse("10KiB"));
    assertEquals(5L << 20, parse("5MiB"));
    assertEquals(1L << 30, parse("1GB"));
    assertEquals(1L << 40, parse("1TiB"));
  }

  @Test
  void parse_unitsIgnoreCase() throws SelectionException {
    assertEquals(10L << 10, parse("10k"));
    assertEquals(10L << 20, parse("10mib"));
    assertEquals(10L << 30, parse("10gIB"));
  }

  @Test
  void parse_fraction_isRoundedDownToAWholeByte() throws SelectionException {
    assertEquals(1536L << 20, parse("1.5G"));
    assertEquals(1, parse("1.9"));
    assertEquals(102, parse("0.1K"));
  }

  @Test
  void parse_largestSize_fits() throws SelectionException {
    assertEquals(Long.MAX_VALUE, parse("9223372036854775807"));
    assertEquals(8388607L << 40, parse("8388607T"), "8 EiB less one TiB");
  }

  @Test
  void parse_unknownUnit_namesOptionValueAndUnit() {
    assertEquals("--max-size: cannot read '10X': unknown unit 'X' (use B, K, M, G or T"
        + " (powers of 1024), e.g. 10M or 1.5GiB)", problem("10X"));
    assertEquals("--max-size: cannot read '10 M': unknown unit ' M' (use B, K, M, G or T"
        + " (powers of 1024), e.g. 10M or 1.5GiB)", problem("10 M"));
    assertEquals("--max-size: cannot read '1P': unknown unit 'P' (use B, K, M, G or T"
        + " (powers of 1024), e.g. 10M or 1.5GiB)", problem("1P"));
  }

  @Test
  void parse_withoutANumber_isRefused() {
    String expected = ": expected a number of bytes, optionally with a unit (use B, K, M, G or T"
        + " (powers of 1024), e.g. 10M or 1.5GiB)";
    assertEquals("--max-size: cannot read ''" + expected, problem(""));
    assertEquals("--max-size: cannot read 'M'" + expected, problem("M"));
    assertEquals("--max-size: cannot read '-1'" + expected, problem("-1"));
    assertEquals("--max-size: cannot read '.5K'" + expected, problem(".5K"));
    assertEquals("--max-size: cannot read ' 10'" + expected, problem(" 10"));
  }

  @Test
  void parse_otherMalformedNumbers_areRefused() {
    assertEquals("--max-size: cannot read '1.K': expected digits after '.'", problem("1.K"));
    assertEquals("--max-size: cannot read '1e3': unknown unit 'e3' (use B, K, M, G or T"
        + " (powers of 1024), e.g. 10M or 1.5GiB)", problem("1e3"));
    assertEquals("--max-size: cannot read '\u0661\u0662': expected a number of bytes,"
        + " optionally with a unit (use B, K, M, G or T (powers of 1024), e.g. 10M or 1.5GiB)",
        problem("\u0661\u0662"), "digits of other scripts are not read");
  }

  @Test
  void parse_tooLarge_isRefused() {
    assertEquals("--max-size: cannot read '8388608T': too large (at most 8 EiB)",
        problem("8388608T"));
    assertEquals("--max-size: cannot read '9223372036854775808': too large (at most 8 EiB)",
        problem("9223372036854775808"));
  }

  @Test
  void parse_controlCharactersInTheValue_areShownEscaped() {
    SelectionException e = assertThrows(SelectionException.class,
        () -> ByteSize.parse("--min-size", "1\u001b[2J"));
    assertEquals("--min-size: cannot read '1\\x1b[2J': unknown unit '\\x1b[2J' (use B, K, M, G"
        + " or T (powers of 1024), e.g. 10M or 1.5GiB)", e.getMessage());
  }

  private static long parse(String text) throws SelectionException {
    return ByteSize.parse("--max-size", text);
  }

  private static String problem(String text) {
    return assertThrows(SelectionException.class, () -> ByteSize.parse("--max-size", text))
        .getMessage();
  }
}
