package dev.pcopy.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PathTextTest {

  @Test
  void escape_leavesValidUtf8Untouched() {
    String name = "/home/\u00e9l\u00e8ve/\u65e5\u672c\u8a9e/\ud83d\ude00 file (1).txt";

    assertEquals(name, PathText.escape(utf8(name)));
  }

  @Test
  void escape_emptyNameIsEmpty() {
    assertEquals("", PathText.escape(new byte[0]));
  }

  @Test
  void escape_writesBytesThatAreNotUtf8AsHex() {
    assertEquals("a\\xffb", PathText.escape(new byte[] {'a', (byte) 0xff, 'b'}));
    assertEquals("\\x80", PathText.escape(new byte[] {(byte) 0x80}));
    assertEquals("caf\\xe9", PathText.escape(new byte[] {'c', 'a', 'f', (byte) 0xe9}));
  }

  @Test
  void escape_truncatedMultiByteSequenceAtTheEndIsHex() {
    assertEquals("x\\xe6\\x97", PathText.escape(new byte[] {'x', (byte) 0xe6, (byte) 0x97}));
  }

  @Test
  void escape_keepsValidTextAroundInvalidBytes() {
    byte[] bytes = concat(utf8("\u00e9"), new byte[] {(byte) 0xc3}, utf8("\u65e5"));

    assertEquals("\u00e9\\xc3\u65e5", PathText.escape(bytes));
  }

  @Test
  void escape_makesControlCharactersVisible() {
    assertEquals("a\\nb", PathText.escape(utf8("a\nb")));
    assertEquals("a\\tb", PathText.escape(utf8("a\tb")));
    assertEquals("a\\x0db", PathText.escape(utf8("a\rb")));
    assertEquals("\\x1b[31m", PathText.escape(utf8("\u001b[31m")));
    assertEquals("\\x7f", PathText.escape(utf8("\u007f")));
  }

  @Test
  void escape_makesBidirectionalControlsVisibleAsTheirBytes() {
    assertEquals("invoice-\\xe2\\x80\\xaefdp.exe", PathText.escape(utf8("invoice-\u202efdp.exe")));
    assertEquals("a\\xe2\\x81\\xa6b", PathText.escape(utf8("a\u2066b")));
    assertEquals("\u05d0\u05d1", PathText.escape(utf8("\u05d0\u05d1")), "Hebrew letters stay");
  }

  @Test
  void escape_doublesBackslashes() {
    assertEquals("a\\\\xff", PathText.escape(utf8("a\\xff")));
  }

  @Test
  void escape_neverConfusesALiteralEscapeWithAnInvalidByte() {
    assertNotEquals(PathText.escape(utf8("\\xff")), PathText.escape(new byte[] {(byte) 0xff}));
  }

  @Test
  void escape_c1ControlCharacterIsWrittenAsItsUtf8Bytes() {
    // U+0085 (NEL) is the valid UTF-8 pair C2 85; escaping it as "\x85" would read back as
    // the single invalid byte 0x85, a different name.
    byte[] nel = {'a', (byte) 0xc2, (byte) 0x85, 'b'};

    assertEquals("a\\xc2\\x85b", PathText.escape(nel));
    assertNotEquals(PathText.escape(nel), PathText.escape(new byte[] {'a', (byte) 0x85, 'b'}));
  }

  @Test
  void escape_longNameIsEscapedWhole() {
    String name = "\u00e9".repeat(5000) + "\n";

    assertEquals("\u00e9".repeat(5000) + "\\n", PathText.escape(utf8(name)));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
