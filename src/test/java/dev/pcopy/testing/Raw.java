package dev.pcopy.testing;

import java.nio.charset.StandardCharsets;

/** Names as the raw bytes the core passes around, and back to text for messages. */
public final class Raw {
  private Raw() {}

  /** The UTF-8 bytes of {@code text}. */
  public static byte[] b(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The bytes read as UTF-8 (for assertions on names known to be text). */
  public static String s(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
