package dev.pcopy.select;

import java.util.Arrays;

/**
 * One include or exclude rule: the first rule whose pattern matches an entry decides it.
 *
 * @param include whether a match includes the entry (else it excludes it)
 * @param pattern what the rule matches
 */
record Rule(boolean include, PathPattern pattern) {

  /**
   * Compiles a rule from an {@code --include} ({@code include} true) or {@code --exclude}
   * pattern. A leading {@code !} turns the rule around: {@code --exclude '!P'} is
   * {@code --include 'P'} and the other way round; {@code \!} is a literal {@code !}.
   */
  static Rule parse(boolean include, byte[] text) throws BadPatternException {
    if (text.length > 0 && text[0] == '!') {
      if (text.length == 1) {
        throw new BadPatternException("empty pattern after '!'");
      }
      return new Rule(!include, PathPattern.compile(Arrays.copyOfRange(text, 1, text.length)));
    }
    return new Rule(include, PathPattern.compile(text));
  }
}
