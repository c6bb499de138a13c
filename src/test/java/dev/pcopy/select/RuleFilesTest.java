package dev.pcopy.select;

import static dev.pcopy.select.EntryKind.DIRECTORY;
import static dev.pcopy.select.EntryKind.REGULAR_FILE;
import static dev.pcopy.select.SelectionTest.utf8;
import static dev.pcopy.select.Verdict.EXCLUDE;
import static dev.pcopy.select.Verdict.INCLUDE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --exclude-from} and {@code --include-from}: comments, blanks, order, errors. */
class RuleFilesTest {
  @TempDir Path dir;

  @Test
  void excludeFrom_ignoresCommentsAndBlankLines() throws Exception {
    Path rules = write("rules", "# build output\n\n*.o\n   \n; rsync-style comment\nbuild/\n");
    Selection s = Selection.builder().excludeFrom(rules).build();
    assertEquals(EXCLUDE, s.decide(utf8("a.o"), REGULAR_FILE, 1));
    assertEquals(EXCLUDE, s.decide(utf8("build"), DIRECTORY, 0));
    assertEquals(INCLUDE, s.decide(utf8("# build output"), REGULAR_FILE, 1));
    assertEquals(INCLUDE, s.decide(utf8("; rsync-style comment"), REGULAR_FILE, 1));
    assertEquals(INCLUDE, s.decide(utf8("a.c"), REGULAR_FILE, 1));
  }

  @Test
  void excludeFrom_escapedHashAndSemicolon_arePatterns() throws Exception {
    Selection s = Selection.builder().excludeFrom(write("rules", "\\#keep\n\\;x\n")).build();
    assertEquals(EXCLUDE, s.decide(utf8("#keep"), REGULAR_FILE, 1));
    assertEquals(EXCLUDE, s.decide(utf8(";x"), REGULAR_FILE, 1));
  }

  @Test
  void excludeFrom_dropsTrailingBlanksUnlessEscaped() throws Exception {
    Selection s = Selection.builder().excludeFrom(write("rules", "foo  \t\nbar\\ \n")).build();
    assertEquals(EXCLUDE, s.decide(utf8("foo"), REGULAR_FILE, 1));
    assertEquals(INCLUDE, s.decide(utf8("foo  "), REGULAR_FILE, 1));
    assertEquals(EXCLUDE, s.decide(utf8("bar "), REGULAR_FILE, 1), "'\\ ' keeps one space");
    assertEquals(INCLUDE, s.decide(utf8("bar"), REGULAR_FILE, 1));
  }

  @Test
  void excludeFrom_keepsLeadingBlanks() throws Exception {
    Selection s = Selection.builder().excludeFrom(write("rules", "  indented\n")).build();
    assertEquals(EXCLUDE, s.decide(utf8("  indented"), REGULAR_FILE, 1));
    assertEquals(INCLUDE, s.decide(utf8("indented"), REGULAR_FILE, 1));
  }

  @Test
  void excludeFrom_crlfLines_loseTheirCarriageReturn() throws Exception {
    Selection s = Selection.builder().excludeFrom(write("rules", "*.tmp\r\n#c\r\n/cache\r\n"))
        .build();
    assertEquals(EXCLUDE, s.decide(utf8("x.tmp"), REGULAR_FILE, 1));
    assertEquals(EXCLUDE, s.decide(utf8("cache"), DIRECTORY, 0));
  }

  @Test
  void excludeFrom_linesAreInsertedWhereTheOptionWasGiven() throws Exception {
    Path rules = write("rules", "*.log\n");
    Selection s = Selection.builder()
        .include(utf8("keep.log"))
        .excludeFrom(rules)
        .include(utf8("late.log"))
        .build();
    assertEquals(INCLUDE, s.decide(utf8("keep.log"), REGULAR_FILE, 1));
    assertEquals(EXCLUDE, s.decide(utf8("late.log"), REGULAR_FILE, 1),
        "the file's *.log comes before the later --include");
  }

  @Test
  void includeFrom_linesInclude_andBangLinesExclude() throws Exception {
    Path keep = write("keep", "!*.bak\n*.c\n*/\n");
    Selection s = Selection.builder().includeFrom(keep).exclude(utf8("*")).build();
    assertEquals(INCLUDE, s.decide(utf8("src/a.c"), REGULAR_FILE, 1));
    assertEquals(INCLUDE, s.decide(utf8("src"), DIRECTORY, 0));
    assertEquals(EXCLUDE, s.decide(utf8("src/a.h"), REGULAR_FILE, 1));
    assertEquals(EXCLUDE, s.decide(utf8("old.c.bak"), REGULAR_FILE, 1));
  }

  @Test
  void excludeFrom_withFrom0_takesEveryEntryAsItIs() throws Exception {
    Path rules = dir.resolve("rules0");
    Files.write(rules, utf8("#hash\0trailing \0line\nbreak\0\0"));
    Selection s = Selection.builder().from0(true).excludeFrom(rules).build();
    assertEquals(EXCLUDE, s.decide(utf8("#hash"), REGULAR_FILE, 1), "no comments with NULs");
    assertEquals(EXCLUDE, s.decide(utf8("trailing "), REGULAR_FILE, 1));
    assertEquals(INCLUDE, s.decide(utf8("trailing"), REGULAR_FILE, 1));
    assertEquals(EXCLUDE, s.decide(utf8("line\nbreak"), REGULAR_FILE, 1));
  }

  @Test
  void excludeFrom_rawBytes_matchANonUtf8Name() throws Exception {
    Path rules = dir.resolve("raw");
    Files.write(rules, new byte[] {'x', (byte) 0xff, '\n'});
    Selection s = Selection.builder().excludeFrom(rules).build();
    assertEquals(EXCLUDE, s.decide(new byte[] {'d', '/', 'x', (byte) 0xff}, REGULAR_FILE, 1));
  }

  @Test
  void excludeFrom_badPattern_namesOptionFileLineAndProblem() throws Exception {
    Path rules = write("rules", "# fine\n*.o\nsrc/[abc\n");
    SelectionException e = assertThrows(SelectionException.class,
        () -> Selection.builder().excludeFrom(rules).build());
    assertEquals("--exclude-from: " + rules + ": line 3: bad pattern 'src/[abc': unclosed '['",
        e.getMessage());
  }

  @Test
  void includeFrom_badPatternWithFrom0_namesTheEntry() throws Exception {
    Path rules = dir.resolve("rules0");
    Files.write(rules, utf8("a\0[z-a]\0"));
    SelectionException e = assertThrows(SelectionException.class,
        () -> Selection.builder().from0(true).includeFrom(rules).build());
    assertEquals("--include-from: " + rules + ": entry 2: bad pattern '[z-a]':"
        + " range 'z-a' ends before it starts", e.getMessage());
  }

  @Test
  void excludeFrom_missingFile_namesOptionFileAndReason() {
    Path missing = dir.resolve("no-such-rules");
    SelectionException e = assertThrows(SelectionException.class,
        () -> Selection.builder().excludeFrom(missing).build());
    assertEquals("--exclude-from: " + missing + ": No such file or directory", e.getMessage());
  }

  @Test
  void includeFrom_directory_isRefusedWithTheSystemsReason() {
    SelectionException e = assertThrows(SelectionException.class,
        () -> Selection.builder().includeFrom(dir).build());
    assertEquals("--include-from: " + dir + ": Is a directory", e.getMessage());
  }

  @Test
  void excludeFrom_dash_readsStandardInput() throws Exception {
    Selection s = Selection.builder()
        .standardInput(new ByteArrayInputStream(utf8("*.iso\n")))
        .excludeFrom(SelectionBuilder.STANDARD_INPUT)
        .build();
    assertEquals(EXCLUDE, s.decide(utf8("disk.iso"), REGULAR_FILE, 1));
  }

  @Test
  void build_standardInputNamedTwice_isRefused() {
    SelectionException e = assertThrows(SelectionException.class, () -> Selection.builder()
        .standardInput(new ByteArrayInputStream(utf8("a\n")))
        .excludeFrom(SelectionBuilder.STANDARD_INPUT)
        .filesFrom(SelectionBuilder.STANDARD_INPUT)
        .build());
    assertEquals("--files-from: standard input is already read by --exclude-from;"
        + " name '-' once", e.getMessage());
  }

  @Test
  void trimTrailingBlanks_keepsAnEscapedBlankAndWhatPrecedesIt() {
    assertArrayEquals(utf8("a\\ "), RuleFiles.trimTrailingBlanks(utf8("a\\  \t")));
    assertArrayEquals(utf8("a\\\\"), RuleFiles.trimTrailingBlanks(utf8("a\\\\ ")),
        "an escaped backslash does not escape the blank after it");
    assertArrayEquals(utf8(""), RuleFiles.trimTrailingBlanks(utf8(" \t ")));
  }

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, utf8(content));
    return file;
  }
}
