package dev.pcopy.select;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a {@code -from} file whole: a file, or standard input when it is named {@code -}. The
 * only place in this package that reads anything.
 */
final class ListFiles {
  /** The name that stands for standard input, as in rsync: exactly {@code -}. */
  static final Path STANDARD_INPUT = Path.of("-");

  private ListFiles() {}

  static boolean isStandardInput(Path file) {
    return file.equals(STANDARD_INPUT);
  }

  /** How messages name {@code file}. */
  static String display(Path file) {
    return isStandardInput(file) ? "standard input" : file.toString();
  }

  /**
   * Returns the bytes of {@code file}, or of {@code stdin} for {@link #STANDARD_INPUT}.
   *
   * @param option the option that named the file, for the message
   */
  static byte[] read(String option, Path file, InputStream stdin) throws SelectionException {
    try {
      return isStandardInput(file) ? stdin.readAllBytes() : Files.readAllBytes(file);
    } catch (IOException e) {
      throw new SelectionException(option + ": " + display(file) + ": " + reason(e));
    }
  }

  /** The system's words for the common failures; the JDK names only the path for these. */
  private static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "No such file or directory";
    }
    if (e instanceof AccessDeniedException) {
      return "Permission denied";
    }
    if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
      return ((FileSystemException) e).getReason();
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
