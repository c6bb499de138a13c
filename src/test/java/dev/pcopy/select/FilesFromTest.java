package dev.pcopy.select;

import static dev.pcopy.select.EntryKind.DIRECTORY;
import static dev.pcopy.select.EntryKind.OTHER;
import static dev.pcopy.select.EntryKind.REGULAR_FILE;
import static dev.pcopy.select.SelectionTest.join;
import static dev.pcopy.select.SelectionTest.utf8;
import static dev.pcopy.select.Verdict.EXCLUDE;
import static dev.pcopy.select.Verdict.INCLUDE;
import static dev.pcopy.select.Verdict.PASS_THROUGH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --files-from}: listed paths, the directories leading to them, NUL lists. */
class FilesFromTest {
  @TempDir Path dir;

  @Test
  void decide_listedFile_isIncludedAndItsSiblingsAreNot() throws Exception {
    Selection s = filesFrom("docs/guide.md\n");
    assertEquals(INCLUDE, s.decide(utf8("docs/guide.md"), REGULAR_FILE, 1));
    assertEquals(EXCLUDE, s.decide(utf8("docs/other.md"), REGULAR_FILE, 1));
    assertEquals(EXCLUDE, s.decide(utf8("src"), DIRECTORY, 0));
    assertEquals(EXCLUDE, s.decide(utf8("docs/guide.md.bak"), REGULAR_FILE, 1));
  }

  @Test
  void decide_directoriesLeadingToAListedPath_passThrough() throws Exception {
    Selection s = filesFrom("a/b/c.txt\n");
    assertEquals(PASS_THROUGH, s.decide(new byte[0], DIRECTORY, 0));
    assertEquals(PASS_THROUGH, s.decide(utf8("a"), DIRECTORY, 0));
    assertEquals(PASS_THROUGH, s.decide(utf8("a/b"), DIRECTORY, 0));
    assertEquals(EXCLUDE, s.decide(utf8("a"), OTHER, 0),
        "a link where the list needs a directory leads nowhere");
    assertEquals(EXCLUDE, s.decide(utf8("a/b2"), DIRECTORY, 0));
  }

  @Test
  void decide_listedDirectory_isCopiedWhole() throws Exception {
    Selection s = filesFrom("photos/2023\n");
    assertEquals(INCLUDE, s.decide(utf8("photos/2023"), DIRECTORY, 0));
    assertEquals(INCLUDE, s.decide(utf8("photos/2023/jan/1.jpg"), REGULAR_FILE, 1));
    assertEquals(INCLUDE, s.decide(utf8("photos/2023/feb"), DIRECTORY, 0));
    assertEquals(EXCLUDE, s.decide(utf8("photos/2022"), DIRECTORY, 0));
    assertEquals(EXCLUDE, s.decide(utf8("photos/2023-raw"), DIRECTORY, 0));
  }

  @Test
  void decide_rulesStillApplyToListedPathsAndInsideListedDirectories() throws Exception {
    Path list = write("list", "src\nnotes.tmp\n");
    Selection s = Selection.builder().filesFrom(list).exclude(utf8("*.tmp")).build();
    assertEquals(EXCLUDE, s.decide(utf8("notes.tmp"), REGULAR_FILE, 1));
    assertEquals(EXCLUDE, s.decide(utf8("src/x.tmp"), REGULAR_FILE, 1));
    assertEquals(INCLUDE, s.decide(utf8("src/x.c"), REGULAR_FILE, 1));
  }

  @Test
  void decide_excludedDirectoryOnTheWay_hidesTheListedPathsBelowIt() throws Exception {
    Path list = write("list", "build/report.txt\n");
    Selection s = Selection.builder().filesFrom(list).exclude(utf8("build/")).build();
    assertEquals(EXCLUDE, s.decide(utf8("build"), DIRECTORY, 0));
  }

  @Test
  void decide_sizeLimitsApplyToListedFiles() throws Exception {
    Path list = write("list", "big.iso\n");
    Selection s = Selection.builder().filesFrom(list).maxSize(10).build();
    assertEquals(EXCLUDE, s.decide(utf8("big.iso"), REGULAR_FILE, 11));
  }

  @Test
  void filesFrom_newlines_skipCommentsAndEmptyLinesAndStripLeadingDotSlash() throws Exception {
    Selection s = filesFrom("# wanted\n\n./a.txt\nb.txt\n; also a comment\n.//c//d/./e/\r\n");
    assertEquals(INCLUDE, s.decide(utf8("a.txt"), REGULAR_FILE, 1));
    assertEquals(INCLUDE, s.decide(utf8("b.txt"), REGULAR_FILE, 1));
    assertEquals(INCLUDE, s.decide(utf8("c/d/e"), DIRECTORY, 0));
    assertEquals(EXCLUDE, s.decide(utf8("# wanted"), REGULAR_FILE, 1));
    assertEquals(EXCLUDE, s.decide(utf8("; also a comment"), REGULAR_FILE, 1));
    assertEquals(List.of("a.txt", "b.txt", "c"), names(s, ""));
  }

  @Test
  void filesFrom_newlines_keepTrailingSpacesOfNames() throws Exception {
    Selection s = filesFrom("name with space \n");
    assertEquals(INCLUDE, s.decide(utf8("name with space "), REGULAR_FILE, 1));
    assertEquals(EXCLUDE, s.decide(utf8("name with space"), REGULAR_FILE, 1));
  }

  @Test
  void filesFrom_dotSlashHash_listsANameStartingWithHash() throws Exception {
    Selection s = filesFrom("./#draft\n");
    assertEquals(INCLUDE, s.decide(utf8("#draft"), REGULAR_FILE, 1));
  }

  @Test
  void filesFrom_nulSeparated_likeFindPrint0() throws Exception {
    Path list = dir.resolve("list0");
    // What `cd SRC && find . -name '*.c' -print0` writes, with awkward names.
    Files.write(list, join(utf8("./src/a.c\0./#weird.c\0./new\nline.c\0./src/x"),
        new byte[] {(byte) 0xff, '.', 'c', 0}));
    Selection s = Selection.builder().from0(true).filesFrom(list).build();
    assertEquals(INCLUDE, s.decide(utf8("src/a.c"), REGULAR_FILE, 1));
    assertEquals(INCLUDE, s.decide(utf8("#weird.c"), REGULAR_FILE, 1), "no comments with NULs");
    assertEquals(INCLUDE, s.decide(utf8("new\nline.c"), REGULAR_FILE, 1));
    assertEquals(INCLUDE, s.decide(new byte[] {'s', 'r', 'c', '/', 'x', (byte) 0xff, '.', 'c'},
        REGULAR_FILE, 1));
    assertEquals(PASS_THROUGH, s.decide(utf8("src"), DIRECTORY, 0));
    assertEquals(EXCLUDE, s.decide(utf8("src/b.c"), REGULAR_FILE, 1));
  }

  @Test
  void filesFrom_dotAlone_listsAllOfSrc() throws Exception {
    Selection s = filesFrom(".\n");
    assertEquals(INCLUDE, s.decide(new byte[0], DIRECTORY, 0));
    assertEquals(INCLUDE, s.decide(utf8("anything/at/all"), REGULAR_FILE, 1));
  }

  @Test
  void filesFrom_emptyList_selectsNothingBelowSrc() throws Exception {
    Selection s = filesFrom("# nothing yet\n");
    assertEquals(PASS_THROUGH, s.decide(new byte[0], DIRECTORY, 0));
    assertEquals(EXCLUDE, s.decide(utf8("a"), REGULAR_FILE, 1));
    assertEquals(List.of(), names(s, ""));
  }

  @Test
  void filesFrom_dotDot_isRefusedWithFileAndLine() throws IOException {
    Path list = write("list", "ok\nsub/../../etc/passwd\n");
    SelectionException e = assertThrows(SelectionException.class,
        () -> Selection.builder().filesFrom(list).build());
    assertEquals("--files-from: " + list + ": line 2: 'sub/../../etc/passwd':"
        + " '..' is not allowed; list paths below SRC", e.getMessage());
  }

  /** What {@code find /data/src} writes: absolute paths below SRC, taken relative to it. */
  @Test
  void filesFrom_absolutePathsBelowSrc_areTakenRelativeToIt() throws Exception {
    Path list = write("list", "/data/src/a.txt\n/data/real//b/./c\n/data/src\n");
    Selection s = Selection.builder().source(utf8("/data/src/")).source(utf8("/data/real"))
        .filesFrom(list).build();
    assertEquals(INCLUDE, s.decide(utf8("a.txt"), REGULAR_FILE, 1));
    assertEquals(INCLUDE, s.decide(utf8("b/c"), REGULAR_FILE, 1));
    assertEquals(INCLUDE, s.decide(utf8("anything"), REGULAR_FILE, 1), "SRC itself is listed");
  }

  @Test
  void filesFrom_absolutePathsWithSrcTheRoot_areThePathsBelowIt() throws Exception {
    Path list = write("list", "/etc/hosts\n");
    Selection s = Selection.builder().source(utf8("/")).filesFrom(list).build();
    assertEquals(INCLUDE, s.decide(utf8("etc/hosts"), REGULAR_FILE, 1));
    assertEquals(List.of("etc"), names(s, ""));
  }

  /** Never reread as a path below SRC: {@code /etc/passwd} must not copy SRC/etc/passwd. */
  @Test
  void filesFrom_absolutePathOutsideSrc_isRefusedWithFileAndLine() throws IOException {
    Path list = write("list", "ok\n/etc/passwd\n");
    SelectionException e = assertThrows(SelectionException.class,
        () -> Selection.builder().source(utf8("/data/src")).filesFrom(list).build());
    assertEquals("--files-from: " + list + ": line 2: '/etc/passwd': an absolute path not below"
        + " SRC (/data/src); list paths relative to SRC, or absolute paths below it",
        e.getMessage());
    Path sibling = write("sibling", "/data/srcx/a\n");
    assertThrows(SelectionException.class,
        () -> Selection.builder().source(utf8("/data/src")).filesFrom(sibling).build());
    assertThrows(SelectionException.class, () -> Selection.builder().filesFrom(list).build());
  }

  @Test
  void filesFrom_givenTwice_joinsTheLists() throws Exception {
    Selection s = Selection.builder()
        .filesFrom(write("one", "a\n"))
        .filesFrom(write("two", "b\n"))
        .build();
    assertEquals(INCLUDE, s.decide(utf8("a"), REGULAR_FILE, 1));
    assertEquals(INCLUDE, s.decide(utf8("b"), REGULAR_FILE, 1));
  }

  @Test
  void filesFrom_dash_readsStandardInput() throws Exception {
    Selection s = Selection.builder()
        .standardInput(new ByteArrayInputStream(utf8("x/y\0")))
        .from0(true)
        .filesFrom(SelectionBuilder.STANDARD_INPUT)
        .build();
    assertEquals(INCLUDE, s.decide(utf8("x/y"), REGULAR_FILE, 1));
  }

  @Test
  void filesFrom_missingFile_namesTheOption() {
    Path missing = dir.resolve("absent");
    SelectionException e = assertThrows(SelectionException.class,
        () -> Selection.builder().filesFrom(missing).build());
    assertEquals("--files-from: " + missing + ": No such file or directory", e.getMessage());
  }

  @Test
  void listedChildren_namesEachChildToVisitOnceInByteOrder() throws Exception {
    Selection s = filesFrom("d/x/deep\nd/x-1\nd/x\nd/b/c\nd/a\nother\n");
    assertEquals(List.of("d", "other"), names(s, ""));
    assertEquals(List.of("a", "b", "x", "x-1"), names(s, "d"));
    assertEquals(List.of("c"), names(s, "d/b"));
  }

  @Test
  void listedChildren_isEmptyWhereTheWalkIsNotRestricted() throws Exception {
    Selection s = filesFrom("d/x\n");
    assertEquals(List.of(), names(s, "d/x"), "a listed directory is walked whole");
    assertEquals(List.of(), names(s, "elsewhere"));
    assertEquals(List.of(), names(Selection.everything(), ""));
  }

  @Test
  void listedChildren_separatesNamesThatSortAroundTheSlash() throws Exception {
    // '-' and '.' sort before '/', '0' after: "d-x" and "d.y" must not count as inside "d".
    Selection s = filesFrom("d-x\nd.y\nd/k\nd0\n");
    assertEquals(List.of("k"), names(s, "d"));
    assertEquals(PASS_THROUGH, s.decide(utf8("d"), DIRECTORY, 0));
    assertEquals(INCLUDE, s.decide(utf8("d-x"), REGULAR_FILE, 0));
    assertEquals(EXCLUDE, s.decide(utf8("d-"), DIRECTORY, 0));
  }

  private Selection filesFrom(String content) throws Exception {
    return Selection.builder().filesFrom(write("list", content)).build();
  }

  private static List<String> names(Selection s, String directory) {
    return s.listedChildren(utf8(directory)).stream()
        .map(n -> new String(n, StandardCharsets.UTF_8))
        .collect(Collectors.toList());
  }

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, utf8(content));
    return file;
  }
}
