package dev.pcopy.select;

import static dev.pcopy.select.EntryKind.DIRECTORY;
import static dev.pcopy.select.EntryKind.OTHER;
import static dev.pcopy.select.EntryKind.REGULAR_FILE;
import static dev.pcopy.select.Verdict.EXCLUDE;
import static dev.pcopy.select.Verdict.INCLUDE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Rules in order, {@code !}, directories and size limits, as the walker sees them. */
class SelectionTest {

  @Test
  void decide_withoutOptions_includesEverything() throws SelectionException {
    Selection none = Selection.builder().build();
    assertTrue(none.selectsEverything());
    assertTrue(Selection.everything().selectsEverything());
    assertEquals(INCLUDE, none.decide(utf8("a/b/c"), REGULAR_FILE, 0));
    assertEquals(INCLUDE, none.decide(utf8("a"), DIRECTORY, 0));
    assertEquals(INCLUDE, Selection.everything().decide(utf8("x"), OTHER, 0));
  }

  @Test
  void decide_anyOption_meansTheWalkerMustAsk() throws SelectionException {
    assertFalse(build(b -> b.exclude(utf8("x"))).selectsEverything());
    assertFalse(build(b -> b.maxSize(10)).selectsEverything());
    assertFalse(build(b -> b.minSize(1)).selectsEverything());
  }

  @Test
  void decide_pathNoRuleMatches_isIncluded() throws SelectionException {
    Selection s = build(b -> b.exclude(utf8("*.log")).include(utf8("*.c")));
    assertEquals(INCLUDE, s.decide(utf8("README"), REGULAR_FILE, 1));
    assertEquals(INCLUDE, s.decide(utf8("docs"), DIRECTORY, 0));
  }

  @Test
  void decide_excludedName_isExcludedAtAnyDepth() throws SelectionException {
    Selection s = build(b -> b.exclude(utf8("*.log")));
    assertEquals(EXCLUDE, s.decide(utf8("x.log"), REGULAR_FILE, 1));
    assertEquals(EXCLUDE, s.decide(utf8("a/b/x.log"), REGULAR_FILE, 1));
    assertEquals(INCLUDE, s.decide(utf8("a/b/x.txt"), REGULAR_FILE, 1));
  }

  @Test
  void decide_anchoredPattern_matchesOnlyAtTop() throws SelectionException {
    Selection s = build(b -> b.exclude(utf8("/top-only")));
    assertEquals(EXCLUDE, s.decide(utf8("top-only"), DIRECTORY, 0));
    assertEquals(INCLUDE, s.decide(utf8("sub/top-only"), DIRECTORY, 0));
  }

  @Test
  void decide_directoryPattern_excludesTheDirectoryButNotAFileOfThatName()
      throws SelectionException {
    Selection s = build(b -> b.exclude(utf8("build/")));
    assertEquals(EXCLUDE, s.decide(utf8("build"), DIRECTORY, 0));
    assertEquals(EXCLUDE, s.decide(utf8("modules/x/build"), DIRECTORY, 0));
    assertEquals(INCLUDE, s.decide(utf8("build"), REGULAR_FILE, 5));
    assertEquals(INCLUDE, s.decide(utf8("build"), OTHER, 0), "a link named build is kept");
  }

  @Test
  void decide_includeBeforeExclude_firstMatchWins() throws SelectionException {
    Selection s = build(b -> b.include(utf8("keep.log")).exclude(utf8("*.log")));
    assertEquals(INCLUDE, s.decide(utf8("a/keep.log"), REGULAR_FILE, 1));
    assertEquals(EXCLUDE, s.decide(utf8("a/other.log"), REGULAR_FILE, 1));
  }

  @Test
  void decide_excludeBeforeInclude_laterIncludeHasNoEffect() throws SelectionException {
    Selection s = build(b -> b.exclude(utf8("*.log")).include(utf8("keep.log")));
    assertEquals(EXCLUDE, s.decide(utf8("a/keep.log"), REGULAR_FILE, 1));
  }

  @Test
  void decide_interleavedRules_areTriedInCommandLineOrder() throws SelectionException {
    Selection s = build(b -> b
        .exclude(utf8("/secret/"))
        .include(utf8("*.c"))
        .include(utf8("*/"))
        .exclude(utf8("*")));
    assertEquals(EXCLUDE, s.decide(utf8("secret"), DIRECTORY, 0), "the first rule wins");
    assertEquals(INCLUDE, s.decide(utf8("src"), DIRECTORY, 0));
    assertEquals(INCLUDE, s.decide(utf8("src/main.c"), REGULAR_FILE, 10));
    assertEquals(EXCLUDE, s.decide(utf8("src/main.h"), REGULAR_FILE, 10));
    assertEquals(INCLUDE, s.decide(utf8("src/x.c"), DIRECTORY, 0), "*.c matches first");
  }

  @Test
  void decide_includeOnlyCFilesWithoutADirectoryRule_excludesDirectoriesToo()
      throws SelectionException {
    Selection s = build(b -> b.include(utf8("*.c")).exclude(utf8("*")));
    assertEquals(INCLUDE, s.decide(utf8("main.c"), REGULAR_FILE, 1));
    assertEquals(EXCLUDE, s.decide(utf8("src"), DIRECTORY, 0),
        "as in rsync: '*' excludes directories, so src/x.c is never reached");
  }

  @Test
  void decide_bangInExcludeList_reIncludes() throws SelectionException {
    Selection s = build(b -> b.exclude(utf8("!important.log")).exclude(utf8("*.log")));
    assertEquals(INCLUDE, s.decide(utf8("important.log"), REGULAR_FILE, 1));
    assertEquals(EXCLUDE, s.decide(utf8("debug.log"), REGULAR_FILE, 1));
  }

  @Test
  void decide_bangAfterTheBroaderExclude_hasNoEffect() throws SelectionException {
    // Not gitignore's "last match wins": a '!' line must come before what it makes an exception to.
    Selection s = build(b -> b.exclude(utf8("*.log")).exclude(utf8("!important.log")));
    assertEquals(EXCLUDE, s.decide(utf8("important.log"), REGULAR_FILE, 1));
  }

  @Test
  void decide_bangInIncludeList_excludes() throws SelectionException {
    Selection s = build(b -> b.include(utf8("!*.tmp")));
    assertEquals(EXCLUDE, s.decide(utf8("x.tmp"), REGULAR_FILE, 1));
    assertEquals(INCLUDE, s.decide(utf8("x.txt"), REGULAR_FILE, 1));
  }

  @Test
  void decide_escapedBang_isALiteralName() throws SelectionException {
    Selection s = build(b -> b.exclude(utf8("\\!draft")));
    assertEquals(EXCLUDE, s.decide(utf8("!draft"), REGULAR_FILE, 1));
    assertEquals(INCLUDE, s.decide(utf8("draft"), REGULAR_FILE, 1));
  }

  @Test
  void decide_rawBytePattern_selectsANonUtf8Name() throws SelectionException {
    byte[] name = {'d', 'a', 't', 'a', (byte) 0xff};
    Selection s = build(b -> b.exclude(name));
    assertEquals(EXCLUDE, s.decide(join(utf8("dir/"), name), REGULAR_FILE, 1));
    assertEquals(INCLUDE, s.decide(utf8("dir/data"), REGULAR_FILE, 1));
    Selection q = build(b -> b.exclude(utf8("data?")));
    assertEquals(EXCLUDE, q.decide(name, REGULAR_FILE, 1));
  }

  @Test
  void decide_maxSize_excludesLargerRegularFilesAndIsInclusive() throws SelectionException {
    Selection s = build(b -> b.maxSize(1000));
    assertEquals(INCLUDE, s.decide(utf8("a"), REGULAR_FILE, 1000));
    assertEquals(EXCLUDE, s.decide(utf8("a"), REGULAR_FILE, 1001));
  }

  @Test
  void decide_minSize_excludesSmallerRegularFilesAndIsInclusive() throws SelectionException {
    Selection s = build(b -> b.minSize(10));
    assertEquals(EXCLUDE, s.decide(utf8("a"), REGULAR_FILE, 9));
    assertEquals(INCLUDE, s.decide(utf8("a"), REGULAR_FILE, 10));
    assertEquals(EXCLUDE, s.decide(utf8("empty"), REGULAR_FILE, 0));
  }

  @Test
  void decide_sizeLimits_applyToRegularFilesOnly() throws SelectionException {
    Selection s = build(b -> b.minSize(10).maxSize(20));
    assertEquals(INCLUDE, s.decide(utf8("dir"), DIRECTORY, 4096));
    assertEquals(INCLUDE, s.decide(utf8("link"), OTHER, 3));
    assertEquals(INCLUDE, s.decide(utf8("big-link"), OTHER, 500));
  }

  @Test
  void decide_sizeLimitAndRules_bothMustAgree() throws SelectionException {
    Selection s = build(b -> b.include(utf8("*.iso")).maxSize(100));
    assertEquals(EXCLUDE, s.decide(utf8("big.iso"), REGULAR_FILE, 101),
        "an include rule does not lift a size limit");
  }

  @Test
  void decide_sourceItself_isIncludedWhateverTheRules() throws SelectionException {
    Selection s = build(b -> b.exclude(utf8("*")));
    assertEquals(INCLUDE, s.decide(new byte[0], DIRECTORY, 0));
    assertEquals(EXCLUDE, s.decide(utf8("a"), DIRECTORY, 0));
  }

  @Test
  void build_minSizeAboveMaxSize_isRefused() {
    SelectionException e = assertThrows(SelectionException.class,
        () -> Selection.builder().minSize(2048).maxSize(1024).build());
    assertEquals("--min-size (2048 bytes) is larger than --max-size (1024 bytes):"
        + " no file could be copied", e.getMessage());
  }

  @Test
  void build_badPatternOnTheCommandLine_namesOptionPatternAndProblem() {
    SelectionException e = assertThrows(SelectionException.class,
        () -> Selection.builder().exclude(utf8("*.log")).include(utf8("src/[a-")).build());
    assertEquals("--include: bad pattern 'src/[a-': unclosed '['", e.getMessage());
    SelectionException bang = assertThrows(SelectionException.class,
        () -> Selection.builder().exclude(utf8("!")).build());
    assertEquals("--exclude: bad pattern '!': empty pattern after '!'", bang.getMessage());
  }

  @Test
  void build_badPatternWithRawBytes_showsThemEscaped() {
    byte[] pattern = {'x', (byte) 0xff, '['};
    SelectionException e = assertThrows(SelectionException.class,
        () -> Selection.builder().exclude(pattern).build());
    assertEquals("--exclude: bad pattern 'x\\xff[': unclosed '['", e.getMessage());
  }

  @Test
  void builder_keepsItsOwnCopyOfAPattern() throws SelectionException {
    byte[] pattern = utf8("a");
    SelectionBuilder builder = Selection.builder().exclude(pattern);
    pattern[0] = 'b';
    Selection s = builder.build();
    assertEquals(EXCLUDE, s.decide(utf8("a"), REGULAR_FILE, 1));
    assertEquals(INCLUDE, s.decide(utf8("b"), REGULAR_FILE, 1));
  }

  /** Fills a builder; lets each test read as the options it gives. */
  private interface Options {
    void apply(SelectionBuilder builder);
  }

  private static Selection build(Options options) throws SelectionException {
    SelectionBuilder builder = Selection.builder();
    options.apply(builder);
    return builder.build();
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] join(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
