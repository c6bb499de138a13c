package dev.pcopy.copy;

import dev.pcopy.plan.Owner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/** Applies a source entry's owner and times to its copy (modes are set where they are known). */
public final class MetadataWriter {
  private MetadataWriter() {}

  /**
   * Gives {@code path} (a symbolic link itself if {@code noFollow}) the owner and group of
   * {@code owner}. Done before the mode, because {@code chown} clears set-user-ID and
   * set-group-ID bits.
   */
  public static void setOwner(Path path, Owner owner, boolean noFollow) throws IOException {
    LinkOption[] options = noFollow ? new LinkOption[] {LinkOption.NOFOLLOW_LINKS}
        : new LinkOption[0];
    Files.setAttribute(path, "unix:uid", owner.uid(), options);
    Files.setAttribute(path, "unix:gid", owner.gid(), options);
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
    view.setTimes(settable(mtime), settable(atime), null);
  }

  /**
   * JDK 17 passes a time before 1970 that has a fraction of a second to utimensat with a
   * negative tv_nsec, gets EINVAL, and silently sets 1970-01-01 instead. Such a time is cut to
   * its whole second, as a file system with one-second times would keep it; the quick check
   * accepts that, so re-runs still skip the file.
   */
  private static FileTime settable(Instant time) {
    return FileTime.from(time.getEpochSecond() < 0 && time.getNano() != 0
        ? Instant.ofEpochSecond(time.getEpochSecond()) : time);
  }
}
