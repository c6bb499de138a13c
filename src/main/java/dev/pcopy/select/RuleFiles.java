package dev.pcopy.select;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns the contents of an {@code --exclude-from} or {@code --include-from} file into rules,
 * one pattern a line, in the file's order.
 *
 * <p>In a newline-separated file, comment lines and empty lines are skipped
 * ({@link ListSplitter}), and trailing spaces and tabs are dropped unless escaped with a
 * backslash ({@code foo\ }), as in gitignore: an invisible trailing blank would otherwise make a
 * pattern silently miss. Leading blanks are kept. In a NUL-separated file every entry is a
 * pattern exactly as it is.
 */
final class RuleFiles {
  private RuleFiles() {}

  /**
   * @param option the option that named the file, for messages
   * @param display how messages name the file
   * @param include whether its patterns include (else exclude)
   */
  static List<Rule> parse(String option, String display, boolean include, byte[] content,
      boolean nulSeparated) throws SelectionException {
    List<Rule> rules = new ArrayList<>();
    for (ListEntry entry : ListSplitter.split(content, nulSeparated)) {
      byte[] text = nulSeparated ? entry.text() : trimTrailingBlanks(entry.text());
      if (text.length == 0) {
        continue;
      }
      try {
        rules.add(Rule.parse(include, text));
      } catch (BadPatternException e) {
        throw new SelectionException(option + ": " + display + ": "
            + ListSplitter.place(entry, nulSeparated) + ": bad pattern '" + Shown.bytes(text)
            + "': " + e.getMessage());
      }
    }
    return rules;
  }

  /** Drops trailing spaces and tabs that no backslash escapes. */
  static byte[] trimTrailingBlanks(byte[] line) {
    int keep = 0;
    for (int i = 0; i < line.length; i++) {
      if (line[i] == '\\') {
        // The escaped byte stays whatever it is; a lone '\' at the end is for the compiler to
        // refuse.
        i++;
        keep = Math.min(i + 1, line.length);
      } else if (line[i] != ' ' && line[i] != '\t') {
        keep = i + 1;
      }
    }
    return keep == line.length ? line : Arrays.copyOf(line, keep);
  }
}
