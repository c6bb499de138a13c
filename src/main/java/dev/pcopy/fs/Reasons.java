package dev.pcopy.fs;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.util.Locale;

/**
 * Turns the JDK's I/O exceptions into the short reason a user reads after a path, in the words
 * of the C library's {@code strerror} where one fits ("No such file or directory").
 *
 * <p>The JDK puts the path into {@link Exception#getMessage()}, decoded and possibly damaged; the
 * caller prints the path itself from its exact bytes, so only the reason is taken from here.
 */
public final class Reasons {
  private static final String READ_ONLY = "Read-only file system";

  private Reasons() {}

  /** Returns a one-line reason for {@code e}, without the path. */
  public static String of(Throwable e) {
    if (e instanceof NoSuchFileException) {
      return "No such file or directory";
    } else if (e instanceof AccessDeniedException) {
      return "Permission denied";
    } else if (e instanceof FileAlreadyExistsException) {
      return "File exists";
    } else if (e instanceof DirectoryNotEmptyException) {
      return "Directory not empty";
    } else if (e instanceof NotDirectoryException) {
      return "Not a directory";
    } else if (e instanceof NotLinkException) {
      return "Not a symbolic link";
    } else if (e instanceof FileSystemLoopException) {
      return "Too many levels of symbolic links";
    } else if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
      return oneLine(((FileSystemException) e).getReason());
    }
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return e.getClass().getSimpleName().replace("Exception", "").toLowerCase(Locale.ROOT);
    }
    return oneLine(message);
  }

  /**
   * Returns whether {@code e} says the destination refuses every write, not just this one: its
   * file system is full (ENOSPC), the user's quota there is used up (EDQUOT), or it is mounted
   * read-only (EROFS). Every later write would fail alike, so a run stops at the first.
   *
   * <p>pcopy's own system calls ({@link SysException}) carry the error number. The JDK gives the
   * C library's message instead, so for its exceptions the English words are matched; the
   * launcher runs every JVM with {@code LC_MESSAGES=C} so that they are English.
   */
  public static boolean refusesWrites(Throwable e) {
    if (e instanceof SysException s) {
      return Errno.refusesWrites(s.errno());
    }
    String reason = of(e);
    return reason.equals("No space left on device") || reason.equals("Disk quota exceeded")
        || reason.equals(READ_ONLY);
  }

  /** Returns whether {@code e} says the file system is mounted read-only (EROFS). */
  public static boolean isReadOnlyFileSystem(Throwable e) {
    if (e instanceof SysException s) {
      return s.errno() == Errno.EROFS;
    }
    return of(e).equals(READ_ONLY);
  }

  private static String oneLine(String s) {
    String line = s.replace('\n', ' ').replace('\r', ' ')
        // JDK wording for ELOOP and for a refused NOFOLLOW_LINKS open; users know ELOOP's own.
        .replace(" or unable to access attributes of symbolic link", "")
        .replace(" (NOFOLLOW_LINKS specified)", "");
    return line.strip();
  }
}
