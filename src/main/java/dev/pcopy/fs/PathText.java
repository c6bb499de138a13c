package dev.pcopy.fs;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Renders a file name's bytes as one line of text that can be read and copied back exactly.
 *
 * <p>Valid UTF-8 is shown as it is; bytes that are not UTF-8 become {@code \xHH}; control
 * characters (a newline in a name would break a line-based log) and the invisible bidirectional
 * controls (which reorder what a terminal shows) become {@code \n}, {@code \t} or {@code \xHH};
 * a backslash is doubled so that the escapes stay unambiguous.
 */
public final class PathText {
  private PathText() {}

  /** Returns the escaped, single-line form of {@code bytes}. */
  public static String escape(byte[] bytes) {
    if (bytes.length == 0) {
      // The decoder below would be flushed without having decoded, which it refuses.
      return "";
    }
    StringBuilder out = new StringBuilder(bytes.length + 8);
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer chars = CharBuffer.allocate(Math.max(16, bytes.length));
    while (in.hasRemaining()) {
      CoderResult result = decoder.decode(in, chars, true);
      appendEscaped(out, chars.flip());
      chars.clear();
      if (result.isError()) {
        for (int i = 0; i < result.length(); i++) {
          appendHex(out, in.get());
        }
      } else if (result.isUnderflow()) {
        break;
      }
    }
    decoder.flush(chars);
    appendEscaped(out, chars.flip());
    return out.toString();
  }

  private static void appendEscaped(StringBuilder out, CharBuffer chars) {
    while (chars.hasRemaining()) {
      char c = chars.get();
      if (c == '\\') {
        out.append("\\\\");
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c == '\t') {
        out.append("\\t");
      } else if (c < 0x20 || c == 0x7f) {
        appendHex(out, (byte) c);
      } else if (c >= 0x80 && c < 0xa0) {
        // A C1 control is two bytes in UTF-8 (C2 80..C2 9F); a single "\x85" would read back
        // as the invalid byte 0x85, a different name.
        appendHex(out, (byte) 0xc2);
        appendHex(out, (byte) c);
      } else if (isBidiControl(c)) {
        // A right-to-left override in a name reorders the rest of the line on a terminal, so
        // an error line could show a different path than the one it is about.
        for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
          appendHex(out, b);
        }
      } else {
        out.append(c);
      }
    }
  }

  /** The invisible marks, embeddings, overrides and isolates of Unicode's bidirectional text. */
  private static boolean isBidiControl(char c) {
    return c == '\u200e' || c == '\u200f' || c == '\u061c'
        || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
  }

  private static void appendHex(StringBuilder out, byte b) {
    out.append("\\x").append(Character.forDigit((b >> 4) & 15, 16))
        .append(Character.forDigit(b & 15, 16));
  }
}
