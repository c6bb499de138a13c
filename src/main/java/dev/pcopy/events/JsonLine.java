package dev.pcopy.events;

import dev.pcopy.fs.PathText;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * One JSON object on one line, built field by field: the event format of {@code --json}.
 *
 * <p>The line is pure ASCII: every character outside printable ASCII is written as a
 * {@code \\uXXXX} escape, so it reads the same whatever the stream's encoding. A file name
 * that is valid UTF-8 is a plain string; one that is not gets a second field,
 * {@code NAME_base64}, with its exact bytes, and the string shows it with the invalid bytes as
 * {@code \xHH} (as pcopy's messages do), so that no name is ever lost or changed.
 */
final class JsonLine {
  private final StringBuilder text = new StringBuilder(128).append('{');
  private boolean empty = true;

  /** A line whose first field is {@code "type": type}. */
  static JsonLine of(String type) {
    return new JsonLine().put("type", type);
  }

  JsonLine put(String key, String value) {
    key(key);
    if (value == null) {
      text.append("null");
    } else {
      string(value);
    }
    return this;
  }

  JsonLine put(String key, long value) {
    key(key);
    text.append(value);
    return this;
  }

  JsonLine put(String key, boolean value) {
    key(key);
    text.append(value);
    return this;
  }

  /** A number with three decimals (seconds, rates), or null when it is not known. */
  JsonLine put(String key, double value) {
    key(key);
    if (Double.isNaN(value) || Double.isInfinite(value) || value < 0) {
      text.append("null");
    } else {
      text.append(String.format(Locale.ROOT, "%.3f", value));
    }
    return this;
  }

  /** A file name or path: a string, with {@code key_base64} too when it is not UTF-8. */
  JsonLine bytes(String key, byte[] value) {
    String decoded = utf8(value);
    if (decoded != null) {
      return put(key, decoded);
    }
    put(key, PathText.escape(value));
    return put(key + "_base64", Base64.getEncoder().encodeToString(value));
  }

  /**
   * A list of names or arguments: strings, with {@code key_base64} too, the exact bytes of
   * every one, when any of them is not UTF-8.
   */
  JsonLine bytesList(String key, List<byte[]> values) {
    List<String> shown = new ArrayList<>(values.size());
    List<String> exact = new ArrayList<>(values.size());
    boolean allText = true;
    for (byte[] value : values) {
      String decoded = utf8(value);
      allText &= decoded != null;
      shown.add(decoded != null ? decoded : PathText.escape(value));
      exact.add(Base64.getEncoder().encodeToString(value));
    }
    put(key, shown);
    return allText ? this : put(key + "_base64", exact);
  }

  /** A list of strings. */
  JsonLine put(String key, List<String> values) {
    key(key);
    text.append('[');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        text.append(',');
      }
      string(values.get(i));
    }
    text.append(']');
    return this;
  }

  /** Returns the line, without its end of line. */
  String text() {
    return text + "}";
  }

  private void key(String key) {
    if (!empty) {
      text.append(',');
    }
    empty = false;
    string(key);
    text.append(':');
  }

  private void string(String s) {
    text.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> text.append("\\\"");
        case '\\' -> text.append("\\\\");
        case '\n' -> text.append("\\n");
        case '\r' -> text.append("\\r");
        case '\t' -> text.append("\\t");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            text.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            text.append(c);
          }
        }
      }
    }
    text.append('"');
  }

  /** The text of {@code bytes} if they are valid UTF-8, else null. */
  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
