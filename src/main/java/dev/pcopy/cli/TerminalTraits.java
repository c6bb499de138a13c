package dev.pcopy.cli;

import java.util.Locale;
import java.util.Map;

/**
 * What the console pcopy runs on can show, as the environment tells: whether stdout and stderr
 * are terminals, whether the terminal can redraw a line, and whether it shows UTF-8.
 *
 * @param interactive stdout and stderr are both terminals
 * @param canRedraw the terminal moves the cursor and clears lines; a dumb one ({@code TERM=dumb},
 *     an editor's shell buffer) prints escape sequences as text
 * @param utf8 the user's locale is UTF-8, so the bar may use block characters
 * @param colour colour is welcome: {@code NO_COLOR} is not set to a value (no-color.org)
 */
record TerminalTraits(boolean interactive, boolean canRedraw, boolean utf8, boolean colour) {

  /**
   * Reads the traits from {@code env}. {@code charmap} is the user's character map as the
   * launcher found it ({@code locale charmap}) before it gave the JVM a UTF-8 {@code LC_CTYPE}
   * of its own to read file names with; when it is missing or empty, the locale variables say.
   */
  static TerminalTraits of(boolean interactive, Map<String, String> env, String charmap) {
    String term = env.getOrDefault("TERM", "");
    boolean canRedraw = !term.isEmpty() && !term.equals("dumb");
    String encoding = charmap != null && !charmap.isEmpty() ? charmap : localeOf(env);
    String noColor = env.get("NO_COLOR");
    return new TerminalTraits(interactive, canRedraw, isUtf8(encoding),
        noColor == null || noColor.isEmpty());
  }

  /** Returns the locale that sets the character type: LC_ALL, else LC_CTYPE, else LANG. */
  private static String localeOf(Map<String, String> env) {
    for (String name : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
      String value = env.get(name);
      if (value != null && !value.isEmpty()) {
        return value;
      }
    }
    return "C";
  }

  private static boolean isUtf8(String encoding) {
    String lower = encoding.toLowerCase(Locale.ROOT);
    return lower.contains("utf-8") || lower.contains("utf8");
  }
}
