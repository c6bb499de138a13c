package dev.pcopy.progress;

import java.nio.charset.StandardCharsets;

/**
 * How the bar is drawn: Unicode blocks with eighths where the locale allows it, ASCII
 * ({@code [=====>    ]}) anywhere; colour unless {@code NO_COLOR} or {@code --no-color} turn it
 * off.
 *
 * @param unicode whether to draw with block characters, and names as they are
 *     ({@link #name})
 * @param colour whether to colour the bar and a stall
 */
public record Glyphs(boolean unicode, boolean colour) {
  private static final String EIGHTHS = " \u258f\u258e\u258d\u258c\u258b\u258a\u2589";
  private static final String GREEN = "\u001b[32m";
  private static final String YELLOW = "\u001b[33m";
  private static final String RESET = "\u001b[0m";

  /** Returns a bar of {@code cells} cells (brackets not included) filled to {@code fraction}. */
  String bar(double fraction, int cells) {
    double filled = Math.max(0, Math.min(1, fraction)) * cells;
    int whole = (int) filled;
    StringBuilder bar = new StringBuilder(cells + 12);
    bar.append(unicode ? "\u2502" : "[");
    if (colour) {
      bar.append(GREEN);
    }
    bar.append(String.valueOf(unicode ? '\u2588' : '=').repeat(whole));
    if (whole < cells) {
      int eighth = (int) ((filled - whole) * 8);
      bar.append(unicode ? EIGHTHS.charAt(eighth) : whole > 0 || eighth > 0 ? '>' : ' ');
      bar.append(" ".repeat(cells - whole - 1));
    }
    if (colour) {
      bar.append(RESET);
    }
    return bar.append(unicode ? "\u2502" : "]").toString();
  }

  /** Returns {@code text} in the warning colour, if colour is on. */
  String warning(String text) {
    return colour ? YELLOW + text + RESET : text;
  }

  /**
   * Returns a name (a path as pcopy names it, a host) as the frame shows it: as it is in a UTF-8
   * locale; in any other, each character beyond ASCII as the {@code \xHH} escapes of its UTF-8
   * bytes, the form pcopy names bytes in that are not text. A terminal in such a locale shows
   * each byte of UTF-8 in a column of its own (as {@code ?} or {@code _}), so a frame laid out
   * with the characters' widths would wrap and leave rows behind; in ASCII every character takes
   * the one column it is counted for.
   */
  String name(String name) {
    if (unicode || name.chars().allMatch(c -> c < 0x7f)) {
      return name;
    }
    StringBuilder out = new StringBuilder(name.length() + 16);
    name.codePoints().forEach(cp -> {
      if (cp < 0x7f) {
        out.appendCodePoint(cp);
        return;
      }
      for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
        out.append("\\x").append(Character.forDigit((b >> 4) & 15, 16))
            .append(Character.forDigit(b & 15, 16));
      }
    });
    return out.toString();
  }

  /** Returns the mark of text left out: an ellipsis, or three dots in ASCII. */
  String ellipsis() {
    return unicode ? "\u2026" : "...";
  }
}
