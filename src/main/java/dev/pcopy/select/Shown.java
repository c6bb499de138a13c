package dev.pcopy.select;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Renders raw bytes (a pattern, a listed path) for a one-line message: valid UTF-8 as it is,
 * control characters and bytes of invalid UTF-8 as {@code \xHH}. A backslash is left alone, so
 * a pattern shows as it was typed.
 */
final class Shown {
  private Shown() {}

  static String bytes(byte[] bytes) {
    return bytes(bytes, 0, bytes.length);
  }

  static String bytes(byte[] bytes, int from, int to) {
    StringBuilder out = new StringBuilder(to - from + 8);
    try {
      CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
          .decode(ByteBuffer.wrap(bytes, from, to - from));
      while (chars.hasRemaining()) {
        char c = chars.get();
        if (c < 0x20 || c == 0x7f) {
          appendHex(out, c);
        } else {
          out.append(c);
        }
      }
    } catch (CharacterCodingException e) {
      // Not UTF-8 as a whole: show it byte by byte, printable ASCII as it is.
      out.setLength(0);
      for (int i = from; i < to; i++) {
        int b = bytes[i] & 0xff;
        if (b >= 0x20 && b < 0x7f) {
          out.append((char) b);
        } else {
          appendHex(out, b);
        }
      }
    }
    return out.toString();
  }

  private static void appendHex(StringBuilder out, int b) {
    out.append("\\x").append(Character.forDigit((b >> 4) & 15, 16))
        .append(Character.forDigit(b & 15, 16));
  }
}
