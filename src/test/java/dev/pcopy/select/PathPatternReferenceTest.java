package dev.pcopy.select;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Checks the two backtracking matchers (bytes within a name, components around {@code **})
 * against a plain translation of the same rules into a regular expression, on many random
 * patterns and paths from a small alphabet, where the awkward cases are dense.
 */
class PathPatternReferenceTest {
  private static final String[] PIECES = {"a", "b", "ab", "*", "a*", "*b", "?", "*a*", "[ab]",
      "a?b", "**", "*?*"};

  @Test
  void matches_agreesWithARegularExpressionOfTheSameRules() throws BadPatternException {
    Random random = new Random(20240611L);
    int checked = 0;
    for (int p = 0; p < 3000; p++) {
      String pattern = randomPattern(random);
      PathPattern compiled = PathPattern.compile(pattern.getBytes(StandardCharsets.US_ASCII));
      Pattern reference = Pattern.compile(toRegex(pattern));
      for (int q = 0; q < 20; q++) {
        String path = randomPath(random);
        int nameStart = path.lastIndexOf('/') + 1;
        assertEquals(reference.matcher(path).matches(),
            compiled.matches(path.getBytes(StandardCharsets.US_ASCII), nameStart, false),
            () -> "pattern '" + pattern + "' on path '" + path + "'");
        checked++;
      }
    }
    assertEquals(60000, checked);
  }

  private static String randomPattern(Random random) {
    StringBuilder out = new StringBuilder();
    if (random.nextInt(3) == 0) {
      out.append('/');
    }
    int pieces = 1 + random.nextInt(4);
    for (int i = 0; i < pieces; i++) {
      if (i > 0) {
        out.append('/');
      }
      out.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return out.toString();
  }

  private static String randomPath(Random random) {
    StringBuilder out = new StringBuilder();
    int components = 1 + random.nextInt(5);
    for (int i = 0; i < components; i++) {
      if (i > 0) {
        out.append('/');
      }
      int length = 1 + random.nextInt(3);
      for (int j = 0; j < length; j++) {
        out.append(random.nextBoolean() ? 'a' : 'b');
      }
    }
    return out.toString();
  }

  /** The rules of docs/selection.md, written out for the small alphabet above. */
  private static String toRegex(String pattern) {
    boolean anchored = pattern.startsWith("/");
    String[] pieces = (anchored ? pattern.substring(1) : pattern).split("/");
    anchored |= pieces.length > 1;
    if (!anchored) {
      return pieces[0].equals("**") ? ".+" : "(?:.*/)?" + glob(pieces[0]);
    }
    if (pieces.length == 1 && pieces[0].equals("**")) {
      return ".+";
    }
    StringBuilder regex = new StringBuilder();
    // Whether the piece before was a name, so that a '/' must come before the next one.
    boolean afterName = false;
    for (int i = 0; i < pieces.length; i++) {
      String slash = afterName ? "/" : "";
      if (pieces[i].equals("**") && i == pieces.length - 1) {
        regex.append(slash).append(".+");
      } else if (pieces[i].equals("**")) {
        regex.append(slash).append("(?:[^/]+/)*");
        afterName = false;
      } else {
        regex.append(slash).append(glob(pieces[i]));
        afterName = true;
      }
    }
    return regex.toString();
  }

  private static String glob(String piece) {
    return piece.replace("[ab]", "#").replace("**", "*").replace("?", "[^/]")
        .replace("*", "[^/]*").replace("#", "[ab]");
  }
}
