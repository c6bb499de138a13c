package dev.pcopy.copy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/** Applies a source entry's mode bits and times to its copy. */
public final class MetadataWriter {
  private MetadataWriter() {}

  /**
   * Sets mode (all of {@code 07777}, through the {@code unix} view, the only JDK view that keeps
   * set-user-ID, set-group-ID and sticky bits) and then the times of a file or directory.
   */
  public static void apply(Path path, int mode, Instant mtime, Instant atime) throws IOException {
    Files.setAttribute(path, "unix:mode", mode & 07777);
    setTimes(path, mtime, atime);
  }

  /** Sets the modification and access times of a file or directory. */
  public static void setTimes(Path path, Instant mtime, Instant atime) throws IOException {
    setTimes(path, mtime, atime, false);
  }

  /**
   * Sets the times of a symbolic link itself. Linux has no mode for links, so none is set.
   * Passing both times avoids the extra {@code stat} the JDK makes when one of them is missing.
   */
  public static void applyToLink(Path link, Instant mtime, Instant atime) throws IOException {
    setTimes(link, mtime, atime, true);
  }

  private static void setTimes(Path path, Instant mtime, Instant atime, boolean noFollow)
      throws IOException {
    BasicFileAttributeView view = noFollow
        ? Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
        : Files.getFileAttributeView(path, BasicFileAttributeView.class);
    view.setTimes(FileTime.from(mtime), FileTime.from(atime), null);
  }
}
