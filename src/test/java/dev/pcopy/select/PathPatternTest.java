package dev.pcopy.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Pattern syntax and matching: anchoring, {@code **}, directories, wildcards, raw bytes. */
class PathPatternTest {

  @Test
  void matches_nameWithoutSlash_matchesAtAnyDepth() {
    assertTrue(file("core", "core"));
    assertTrue(file("core", "a/core"));
    assertTrue(file("core", "a/b/c/core"));
    assertFalse(file("core", "a/core.1"), "the whole name must match");
    assertFalse(file("core", "core/x"), "only the last component is matched");
  }

  @Test
  void matches_leadingSlash_anchorsToTop() {
    assertTrue(file("/top-only", "top-only"));
    assertFalse(file("/top-only", "a/top-only"));
    assertTrue(file("/*.txt", "notes.txt"));
    assertFalse(file("/*.txt", "docs/notes.txt"));
  }

  @Test
  void matches_slashInTheMiddle_anchorsToTop() {
    assertTrue(file("a/b", "a/b"));
    assertFalse(file("a/b", "x/a/b"), "gitignore anchors a/b; rsync would not");
    assertFalse(file("a/b", "a/b/c"));
    assertTrue(file("doc/*.md", "doc/x.md"));
    assertFalse(file("doc/*.md", "doc/sub/x.md"), "* does not cross '/'");
  }

  @Test
  void matches_trailingSlash_matchesDirectoriesOnly() {
    assertTrue(dir("build/", "build"));
    assertTrue(dir("build/", "a/b/build"), "no other '/': any depth");
    assertFalse(file("build/", "build"), "a file named build is not matched");
    assertTrue(dir("/a/b/", "a/b"));
    assertFalse(file("/a/b/", "a/b"));
    assertTrue(dir("*/", "anything"));
    assertFalse(file("*/", "anything"));
  }

  @Test
  void matches_patternWithoutTrailingSlash_matchesFilesAndDirectories() {
    assertTrue(file("build", "build"));
    assertTrue(dir("build", "build"));
  }

  @Test
  void matches_leadingDoubleStar_matchesAtAnyDepthIncludingTheTop() {
    assertTrue(file("**/foo", "foo"));
    assertTrue(file("**/foo", "a/b/foo"));
    assertTrue(file("**/foo/bar", "foo/bar"));
    assertTrue(file("**/foo/bar", "x/y/foo/bar"));
    assertFalse(file("**/foo/bar", "x/foo/y/bar"), "bar must sit directly in foo");
  }

  @Test
  void matches_innerDoubleStar_matchesZeroOrMoreDirectories() {
    assertTrue(file("a/**/b", "a/b"));
    assertTrue(file("a/**/b", "a/x/b"));
    assertTrue(file("a/**/b", "a/x/y/z/b"));
    assertFalse(file("a/**/b", "x/a/b"), "anchored");
    assertFalse(file("a/**/b", "a/x/b/c"));
    assertTrue(file("a/**/**/b", "a/b"), "repeated ** is one");
  }

  @Test
  void matches_trailingDoubleStar_matchesEverythingInsideButNotTheDirectory() {
    assertTrue(file("logs/**", "logs/x"));
    assertTrue(file("logs/**", "logs/a/b/c"));
    assertTrue(dir("logs/**", "logs/a"));
    assertFalse(dir("logs/**", "logs"), "the directory itself is not inside itself");
    assertFalse(file("logs/**", "x/logs/y"), "anchored");
  }

  @Test
  void matches_doubleStarOnBothSides_matchesAnyDepthAndEverythingBelow() {
    assertTrue(file("**/tmp/**", "tmp/x"));
    assertTrue(file("**/tmp/**", "a/b/tmp/c/d"));
    assertFalse(dir("**/tmp/**", "a/tmp"));
    assertFalse(file("**/tmp/**", "a/tmpx/c"));
  }

  @Test
  void matches_trailingTripleStar_matchesTheDirectoryAndEverythingInside() {
    assertTrue(dir("src/***", "src"));
    assertTrue(file("src/***", "src/a"));
    assertTrue(file("src/***", "src/a/b/c"));
    assertFalse(file("src/***", "srcx"));
    assertFalse(file("src/***", "x/src/a"));
  }

  @Test
  void matches_doubleStarAlone_matchesEverything() {
    assertTrue(file("**", "a"));
    assertTrue(file("**", "a/b/c"));
    assertTrue(file("/**", "a/b"));
    assertTrue(dir("**/", "a/b"));
    assertFalse(file("**/", "a/b"), "directories only");
  }

  @Test
  void matches_doubleStarInsideAName_isASingleStar() {
    assertTrue(file("a**z", "abcz"));
    assertFalse(file("a**z", "ab/cz"));
    assertTrue(file("x/a**z", "x/az"));
  }

  @Test
  void matches_star_matchesAnyRunWithinOneComponent() {
    assertTrue(file("*.log", "x.log"));
    assertTrue(file("*.log", ".log"), "a star matches the empty run");
    assertTrue(file("*.log", "a/b/very.long.name.log"));
    assertFalse(file("*.log", "x.log.gz"));
    assertFalse(file("*.log", "log"));
    assertTrue(file("core.*", "core.123"));
    assertFalse(file("core.*", "xcore.123"));
    assertTrue(file("*", ".hidden"), "no special case for leading dots");
    assertTrue(file("a*b*c", "aXXbYYbZc"));
    assertFalse(file("a*b*c", "aXXbYYbZ"));
    assertTrue(file("*a*", "a"));
    assertFalse(file("/a*c", "ab/c"), "* does not cross '/'");
  }

  @Test
  void matches_questionMark_matchesExactlyOneByte() {
    assertTrue(file("file?.txt", "file1.txt"));
    assertFalse(file("file?.txt", "file.txt"));
    assertFalse(file("file?.txt", "file12.txt"));
    assertFalse(file("/a?b", "a/b"), "? does not match '/'");
  }

  @Test
  void matches_bracket_matchesOneByteOfTheSet() {
    assertTrue(file("[abc].c", "b.c"));
    assertFalse(file("[abc].c", "d.c"));
    assertTrue(file("v[0-9]", "v7"));
    assertFalse(file("v[0-9]", "vx"));
    assertTrue(file("[a-cx-z]", "y"));
    assertFalse(file("[a-cx-z]", "m"));
  }

  @Test
  void matches_negatedBracket_withBangOrCaret() {
    assertTrue(file("[!0-9]x", "ax"));
    assertFalse(file("[!0-9]x", "5x"));
    assertTrue(file("[^0-9]x", "ax"));
    assertFalse(file("[^0-9]x", "5x"));
  }

  @Test
  void matches_bracket_closingBracketFirstAndDashAtTheEdgesAreMembers() {
    assertTrue(file("[]]", "]"));
    assertTrue(file("[!]]", "a"));
    assertFalse(file("[!]]", "]"));
    assertTrue(file("[-a]", "-"));
    assertTrue(file("[a-]", "-"));
    assertTrue(file("[\\]x]", "]"), "an escaped ] is a member");
    assertTrue(file("[\\-]", "-"));
  }

  @Test
  void matches_bracket_posixClasses() {
    assertTrue(file("[[:digit:]]", "7"));
    assertFalse(file("[[:digit:]]", "a"));
    assertTrue(file("[[:upper:][:digit:]]", "Q"));
    assertTrue(file("[![:alpha:]]", "_"));
    assertFalse(file("[![:alpha:]]", "k"));
    assertTrue(file("[[:space:]]", " "));
  }

  @Test
  void matches_backslash_makesTheNextByteLiteral() {
    assertTrue(file("\\*", "*"));
    assertFalse(file("\\*", "x"));
    assertTrue(file("a\\?", "a?"));
    assertFalse(file("a\\?", "ab"));
    assertTrue(file("\\[x]", "[x]"));
    assertTrue(file("a\\\\b", "a\\b"));
    assertTrue(file("\\#notes", "#notes"));
    assertTrue(file("*\\*", "ab*"));
    assertFalse(file("*\\*", "abc"));
  }

  @Test
  void matches_rawByteInPattern_matchesTheSameByteInAName() {
    byte[] name = {'r', 'e', 'p', 'o', 'r', 't', (byte) 0xff, '.', 'c', 's', 'v'};
    PathPattern pattern = compile(name);
    assertTrue(pattern.matches(name, 0, false));
    assertTrue(pattern.matches(join(ascii("a/"), name), 2, false));
    assertFalse(pattern.matches(ascii("report.csv"), 0, false));
    byte[] other = name.clone();
    other[6] = (byte) 0xfe;
    assertFalse(pattern.matches(other, 0, false));
  }

  @Test
  void matches_questionMark_matchesOneNonUtf8Byte() {
    PathPattern pattern = compile(ascii("a?b"));
    assertTrue(pattern.matches(new byte[] {'a', (byte) 0xe9, 'b'}, 0, false));
    assertFalse(pattern.matches(new byte[] {'a', (byte) 0xc3, (byte) 0xa9, 'b'}, 0, false),
        "e-acute in UTF-8 is two bytes, so one ? is not enough");
    assertTrue(compile(ascii("a??b")).matches(new byte[] {'a', (byte) 0xc3, (byte) 0xa9, 'b'},
        0, false));
  }

  @Test
  void matches_star_matchesARunOfNonUtf8Bytes() {
    byte[] name = {(byte) 0x80, (byte) 0xff, (byte) 0xfe, '.', 'l', 'o', 'g'};
    assertTrue(compile(ascii("*.log")).matches(name, 0, false));
    assertTrue(compile(ascii("*")).matches(name, 0, false));
    assertTrue(compile(ascii("*e*")).matches(new byte[] {(byte) 0xff, 'e', (byte) 0xff}, 0,
        false));
  }

  @Test
  void matches_bracketRange_runsOverUnsignedBytes() {
    PathPattern high = compile(new byte[] {'[', (byte) 0x80, '-', (byte) 0xff, ']', '*'});
    assertTrue(high.matches(new byte[] {(byte) 0xc3, (byte) 0xa9}, 0, false));
    assertTrue(high.matches(new byte[] {(byte) 0xff}, 0, false));
    assertFalse(high.matches(ascii("plain"), 0, false));
    PathPattern notAscii = compile(new byte[] {'*', '[', '!', 0x01, '-', 0x7f, ']', '*'});
    assertTrue(notAscii.matches(new byte[] {'a', (byte) 0xa0, 'b'}, 0, false));
    assertFalse(notAscii.matches(ascii("ab"), 0, false));
  }

  @Test
  void matches_utf8Pattern_matchesTheSameUtf8Name() {
    assertTrue(file("caf\u00e9*", "docs/caf\u00e9-menu.pdf"));
    assertFalse(file("caf\u00e9*", "docs/cafe-menu.pdf"));
  }

  @Test
  void matches_repeatedSlashes_countAsOne() {
    assertTrue(file("a//b", "a/b"));
    assertTrue(dir("build//", "x/build"));
  }

  @Test
  void compile_refusesAnUnclosedBracket() {
    assertEquals("unclosed '['", problem("foo["));
    assertEquals("unclosed '['", problem("[abc"));
    assertEquals("unclosed '['", problem("[]"), "] first is a member, so it is still open");
    assertEquals("unclosed '['", problem("[a/b]"), "'/' ends a component, also in brackets");
  }

  @Test
  void compile_refusesAReversedRange() {
    assertEquals("range 'z-a' ends before it starts", problem("[z-a]"));
  }

  @Test
  void compile_refusesAnUnknownCharacterClass() {
    assertEquals("unknown character class '[:letter:]'", problem("[[:letter:]]"));
  }

  @Test
  void compile_refusesABackslashThatEscapesNothingOrASlash() {
    assertEquals("'\\' at the end escapes nothing", problem("foo\\"));
    assertEquals("'\\/': no name holds a '/', so it cannot be escaped", problem("a\\/b"));
  }

  @Test
  void compile_refusesPatternsWithoutAName() {
    assertEquals("empty pattern", problem(""));
    assertEquals("no name in it", problem("/"));
    assertEquals("no name in it", problem("//"));
  }

  @Test
  void compile_picksTheShortcutForCommonShapes() throws BadPatternException {
    assertEquals(Segment.Kind.SUFFIX, SegmentCompiler.compile(ascii("*.log"), 0, 5).kind());
    assertEquals(Segment.Kind.PREFIX, SegmentCompiler.compile(ascii("core.*"), 0, 6).kind());
    assertEquals(Segment.Kind.LITERAL, SegmentCompiler.compile(ascii("a\\*"), 0, 3).kind());
    assertEquals(Segment.Kind.ANY, SegmentCompiler.compile(ascii("**"), 0, 2).kind());
    assertEquals(Segment.Kind.GLOB, SegmentCompiler.compile(ascii("*.?"), 0, 3).kind());
  }

  @Test
  void toString_isThePatternAsTyped() {
    assertEquals("**/tmp/**", compile(ascii("**/tmp/**")).toString());
    assertEquals("bad\\xffname", compile(new byte[] {'b', 'a', 'd', (byte) 0xff, 'n', 'a', 'm',
        'e'}).toString());
  }

  private static boolean file(String pattern, String path) {
    return matches(pattern, path, false);
  }

  private static boolean dir(String pattern, String path) {
    return matches(pattern, path, true);
  }

  private static boolean matches(String pattern, String path, boolean isDirectory) {
    int nameStart = utf8(path.substring(0, path.lastIndexOf('/') + 1)).length;
    return compile(utf8(pattern)).matches(utf8(path), nameStart, isDirectory);
  }

  private static String problem(String pattern) {
    return assertThrows(BadPatternException.class, () -> PathPattern.compile(utf8(pattern)))
        .getMessage();
  }

  private static PathPattern compile(byte[] pattern) {
    try {
      return PathPattern.compile(pattern);
    } catch (BadPatternException e) {
      throw new AssertionError(e);
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] join(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
