package dev.pcopy.progress;

/**
 * How the bar is drawn: Unicode blocks with eighths where the locale allows it, ASCII
 * ({@code [=====>    ]}) anywhere; colour unless {@code NO_COLOR} or {@code --no-color} turn it
 * off.
 *
 * @param unicode whether to draw with block characters
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

  /** Returns the mark of text left out: an ellipsis, or three dots in ASCII. */
  String ellipsis() {
    return unicode ? "\u2026" : "...";
  }
}
