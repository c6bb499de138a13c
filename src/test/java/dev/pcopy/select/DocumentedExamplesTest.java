package dev.pcopy.select;

import static dev.pcopy.select.EntryKind.DIRECTORY;
import static dev.pcopy.select.EntryKind.REGULAR_FILE;
import static dev.pcopy.select.SelectionTest.utf8;
import static dev.pcopy.select.Verdict.EXCLUDE;
import static dev.pcopy.select.Verdict.INCLUDE;
import static dev.pcopy.select.Verdict.PASS_THROUGH;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples of docs/selection.md, as written there, do what the text says. */
class DocumentedExamplesTest {
  @TempDir Path dir;

  @Test
  void includeOnlyCSources_keepsEveryDirectoryAndOnlyCFiles() throws SelectionException {
    Selection s = Selection.builder()
        .include(utf8("*/")).include(utf8("*.c")).exclude(utf8("*")).build();
    assertEquals(INCLUDE, s.decide(utf8("src"), DIRECTORY, 0));
    assertEquals(INCLUDE, s.decide(utf8("src/main.c"), REGULAR_FILE, 1));
    assertEquals(INCLUDE, s.decide(utf8("docs"), DIRECTORY, 0), "also without .c files");
    assertEquals(EXCLUDE, s.decide(utf8("src/main.h"), REGULAR_FILE, 1));
    assertEquals(EXCLUDE, s.decide(utf8("Makefile"), REGULAR_FILE, 1));
  }

  @Test
  void topLevelSrcTreeOnly_withTripleStar() throws SelectionException {
    Selection s = Selection.builder().include(utf8("/src/***")).exclude(utf8("*")).build();
    assertEquals(INCLUDE, s.decide(utf8("src"), DIRECTORY, 0));
    assertEquals(INCLUDE, s.decide(utf8("src/a/b.txt"), REGULAR_FILE, 1));
    assertEquals(EXCLUDE, s.decide(utf8("lib"), DIRECTORY, 0));
    assertEquals(EXCLUDE, s.decide(utf8("srcs"), DIRECTORY, 0));
  }

  @Test
  void tmpContentsAtAnyDepth_leaveTheTmpDirectoriesEmpty() throws SelectionException {
    Selection s = Selection.builder().exclude(utf8("**/tmp/**")).build();
    assertEquals(INCLUDE, s.decide(utf8("a/tmp"), DIRECTORY, 0));
    assertEquals(EXCLUDE, s.decide(utf8("a/tmp/x"), REGULAR_FILE, 1));
    assertEquals(EXCLUDE, s.decide(utf8("tmp/y/z"), DIRECTORY, 0));
  }

  @Test
  void logsExceptOneAndAMaximumSize() throws SelectionException {
    Selection s = Selection.builder().exclude(utf8("!keep.log")).exclude(utf8("*.log"))
        .maxSize(ByteSize.parse("--max-size", "100M")).build();
    assertEquals(INCLUDE, s.decide(utf8("keep.log"), REGULAR_FILE, 5));
    assertEquals(EXCLUDE, s.decide(utf8("other.log"), REGULAR_FILE, 5));
    assertEquals(EXCLUDE, s.decide(utf8("keep.log"), REGULAR_FILE, (100L << 20) + 1));
  }

  @Test
  void backupRulesFile() throws Exception {
    Path rules = dir.resolve("backup.rules");
    Files.write(rules, utf8("# caches and build output\n.cache/\nnode_modules/\n"
        + "# keep this one: a '!' line comes before the broader rule\n!vendor/lib.o\n*.o\n"
        + "*.so\n"));
    Selection s = Selection.builder().excludeFrom(rules).build();
    assertEquals(EXCLUDE, s.decide(utf8("home/.cache"), DIRECTORY, 0));
    assertEquals(EXCLUDE, s.decide(utf8("web/node_modules"), DIRECTORY, 0));
    assertEquals(INCLUDE, s.decide(utf8("vendor/lib.o"), REGULAR_FILE, 1));
    assertEquals(EXCLUDE, s.decide(utf8("src/main.o"), REGULAR_FILE, 1));
    assertEquals(EXCLUDE, s.decide(utf8("lib/x.so"), REGULAR_FILE, 1));
  }

  @Test
  void findPrintfRelativePaths_listTheFilesBelowSrc() throws SelectionException {
    // find /data/src -name '*.pdf' -printf '%P\0', with /data/src itself printed as empty.
    byte[] output = utf8("\0docs/a.pdf\0docs/old/b.pdf\0top.pdf\0");
    Selection s = Selection.builder()
        .standardInput(new ByteArrayInputStream(output))
        .from0(true)
        .filesFrom(SelectionBuilder.STANDARD_INPUT)
        .build();
    assertEquals(PASS_THROUGH, s.decide(new byte[0], DIRECTORY, 0), "the empty entry is skipped");
    assertEquals(PASS_THROUGH, s.decide(utf8("docs/old"), DIRECTORY, 0));
    assertEquals(INCLUDE, s.decide(utf8("docs/old/b.pdf"), REGULAR_FILE, 1));
    assertEquals(INCLUDE, s.decide(utf8("top.pdf"), REGULAR_FILE, 1));
    assertEquals(EXCLUDE, s.decide(utf8("docs/new.txt"), REGULAR_FILE, 1));
  }
}
