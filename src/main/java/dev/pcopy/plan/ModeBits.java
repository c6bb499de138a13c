package dev.pcopy.plan;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads all twelve mode bits ({@code 07777}) of an entry whose attributes were just read.
 *
 * <p>{@code PosixFileAttributes.permissions()} has only nine of them: the set-user-ID,
 * set-group-ID and sticky bits exist only in the {@code unix:mode} attribute, which the JDK
 * returns through a map costing about twice a plain attribute read. The JDK's Linux attributes
 * object already holds the whole {@code st_mode}; when the launcher has opened
 * {@code sun.nio.fs} to us, it is read from there, with no second system call. Otherwise (another
 * file system, or the package not opened) the {@code unix:mode} attribute is read.
 */
public final class ModeBits {
  private static final MethodHandle UNIX_MODE = unixModeAccessor();
  private static final Class<?> UNIX_ATTRIBUTES = UNIX_MODE == null ? null
      : UNIX_MODE.type().parameterType(0);

  private ModeBits() {}

  /** Returns the {@code 07777} mode bits of {@code path}, whose attributes are {@code attrs}. */
  public static int of(Path path, BasicFileAttributes attrs, boolean followLinks)
      throws IOException {
    if (UNIX_ATTRIBUTES != null && UNIX_ATTRIBUTES.isInstance(attrs)) {
      try {
        return ((int) UNIX_MODE.invoke(attrs)) & 07777;
      } catch (Throwable e) {
        throw new IllegalStateException("reading st_mode failed", e);
      }
    }
    Object mode = followLinks
        ? Files.getAttribute(path, "unix:mode")
        : Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    return ((Integer) mode) & 07777;
  }

  private static MethodHandle unixModeAccessor() {
    try {
      Class<?> c = Class.forName("sun.nio.fs.UnixFileAttributes");
      MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(c, MethodHandles.lookup());
      return lookup.findVirtual(c, "mode", MethodType.methodType(int.class));
    } catch (ReflectiveOperationException | RuntimeException e) {
      // Not opened to us (--add-opens missing) or not a Unix JDK: use the attribute instead.
      return null;
    }
  }
}
