package dev.pcopy.select;

/**
 * The POSIX character classes of bracket expressions ({@code [[:alpha:]]} and the rest), over
 * ASCII bytes only, as in the C locale: a name's bytes carry no locale.
 */
final class CharacterClass {
  private CharacterClass() {}

  /** Adds the members of the class {@code name} ({@code alpha}, {@code digit}, ...). */
  static void add(String name, boolean[] members) throws BadPatternException {
    for (int b = 0; b < 128; b++) {
      if (contains(name, b)) {
        members[b] = true;
      }
    }
  }

  private static boolean contains(String name, int c) throws BadPatternException {
    switch (name) {
      case "alnum":
        return isAlpha(c) || isDigit(c);
      case "alpha":
        return isAlpha(c);
      case "blank":
        return c == ' ' || c == '\t';
      case "cntrl":
        return c < 0x20 || c == 0x7f;
      case "digit":
        return isDigit(c);
      case "graph":
        return c > 0x20 && c < 0x7f;
      case "lower":
        return c >= 'a' && c <= 'z';
      case "print":
        return c >= 0x20 && c < 0x7f;
      case "punct":
        return c > 0x20 && c < 0x7f && !isAlpha(c) && !isDigit(c);
      case "space":
        return c == ' ' || (c >= '\t' && c <= '\r');
      case "upper":
        return c >= 'A' && c <= 'Z';
      case "xdigit":
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      default:
        throw new BadPatternException("unknown character class '[:" + name + ":]'");
    }
  }

  private static boolean isAlpha(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }
}
