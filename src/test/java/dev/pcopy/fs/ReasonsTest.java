package dev.pcopy.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import org.junit.jupiter.api.Test;

class ReasonsTest {

  @Test
  void of_usesTheCLibraryWordsAndLeavesThePathOut() {
    assertEquals("No such file or directory", Reasons.of(new NoSuchFileException("/x/y")));
    assertEquals("Permission denied", Reasons.of(new AccessDeniedException("/x")));
    assertEquals("Not a directory", Reasons.of(new NotDirectoryException("/x")));
    assertEquals("Too many levels of symbolic links",
        Reasons.of(new FileSystemLoopException("/x")));
  }

  @Test
  void of_takesTheReasonOfAFileSystemException() {
    assertEquals("Input/output error",
        Reasons.of(new FileSystemException("/x", null, "Input/output error")));
  }

  @Test
  void refusesWrites_isAFullFileSystemAnExceededQuotaOrAReadOnlyFileSystem() {
    assertTrue(Reasons.refusesWrites(new IOException("No space left on device")));
    assertTrue(Reasons.refusesWrites(
        new FileSystemException("/x", null, "No space left on device")));
    assertTrue(Reasons.refusesWrites(new FileSystemException("/x", null, "Disk quota exceeded")));
    assertTrue(Reasons.refusesWrites(new IOException("Read-only file system")));
    assertTrue(Reasons.refusesWrites(
        new FileSystemException("/x/.pcopy-1.tmp", null, "Read-only file system")));
  }

  @Test
  void refusesWrites_isNotAFailureOfOneFileOrOfTheSource() {
    assertFalse(Reasons.refusesWrites(new IOException("File too large")));
    assertFalse(Reasons.refusesWrites(new AccessDeniedException("/x")));
    assertFalse(Reasons.refusesWrites(new NoSuchFileException("/x")));
    assertFalse(Reasons.refusesWrites(new FileSystemException("/x", null, "Input/output error")));
    // Only the C library's English words count (the launcher sets LC_MESSAGES=C).
    assertFalse(Reasons.refusesWrites(new IOException("Dateisystem nur lesbar")));
  }

  @Test
  void of_makesAMultiLineMessageOneLine() {
    assertEquals("first  second", Reasons.of(new IOException("first\r\nsecond\n")));
  }

  @Test
  void of_namesTheExceptionTypeWhenThereIsNoMessage() {
    assertEquals("illegalstate", Reasons.of(new IllegalStateException()));
  }
}
